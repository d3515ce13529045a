//! The disclosure attack on the public version: for every hidden count, the least and the
//! greatest value it can have given everything the public figures print (what the JSON holds,
//! of which the PDF and the XLSX show a part), found with an integer linear program. The
//! attacker reads what is printed (a number, "< k" or "x") and names each place by the typed
//! keys of its row and column. It knows how a jaarverslag adds up from the contract, stated
//! here on its own (Totaal rows and columns, a category's count printed again in the
//! multi-year table, the key figures, the doorlooptijd and termijnen rows), not from the
//! relations the tables declare: a relation the tables forget is one the attacker still uses.

use microlp::{ComparisonOp, OptimizationDirection, Problem};
use std::collections::{HashMap, HashSet};

use crate::register::Instroom;
use crate::stats::bijschrift::TermijnRij;
use crate::stats::frame::Klasse;
use crate::stats::{Cell, Figures, Kerngetal, Kol, Rij, TableId, Waarde, kerngetal::Kind};

/// A printed count, by the typed keys of its row and column (the attacker's own names for
/// the places the contract describes; not the relations the tables declare).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Sleutel {
    /// A table cell.
    Cel(TableId, Rij, Kol),
    /// A key figure; `true` for the comparison period's.
    Kern(Kerngetal, bool),
}

#[derive(Clone, Copy, Debug)]
enum Term {
    Known(f64),
    Var(usize),
}

#[derive(Debug)]
pub struct Hidden {
    pub name: String,
    pub key: Sleutel,
    pub small: bool,
    /// A "< k" that may be 0: a part of a sum whose total is printed "< k".
    pub may_be_zero: bool,
}

#[derive(Default)]
pub struct Model {
    pub hidden: Vec<Hidden>,
    terms: HashMap<Sleutel, Term>,
    tables: HashSet<TableId>,
    sums: Vec<(Vec<Term>, Term)>,
    pairs: Vec<(usize, usize)>,
    k: u32,
}

const BIG: i32 = 1_000;

impl Model {
    /// A printed count: a number, or "< k" / "x".
    fn term(&mut self, key: Sleutel, shown: Option<u64>, hidden: Option<Cell>) {
        let t = match (shown, hidden) {
            (_, Some(cell)) => {
                self.hidden.push(Hidden {
                    name: format!("{key:?}"),
                    key: key.clone(),
                    small: matches!(cell, Cell::Verborgen(_)),
                    may_be_zero: false,
                });
                Term::Var(self.hidden.len() - 1)
            }
            (Some(n), None) => Term::Known(n as f64),
            (None, None) => return,
        };
        self.terms.insert(key, t);
    }

    /// A cell the contract says a printed table has (a table that is not printed has none).
    fn cel(&self, id: TableId, rij: Rij, kol: Kol) -> Option<Term> {
        if !self.tables.contains(&id) {
            return None;
        }
        let key = Sleutel::Cel(id, rij, kol);
        let t = self.terms.get(&key).copied();
        assert!(t.is_some(), "the contract promises {key:?}");
        t
    }

    fn kern(&self, naam: Kerngetal) -> Option<Term> {
        self.terms.get(&Sleutel::Kern(naam, false)).copied()
    }

    fn vkern(&self, naam: Kerngetal) -> Option<Term> {
        self.terms.get(&Sleutel::Kern(naam, true)).copied()
    }

    /// A sum; the report's note says a 0 in a sum with a small total is shown as "< k" too,
    /// so its "< k" parts may be 0.
    fn sum(&mut self, parts: Vec<Option<Term>>, total: Option<Term>) {
        if let (Some(parts), Some(total)) = (parts.into_iter().collect::<Option<Vec<_>>>(), total)
            && !parts.is_empty()
        {
            if let Term::Var(t) = total
                && self.hidden[t].small
            {
                for p in &parts {
                    if let Term::Var(j) = p {
                        self.hidden[*j].may_be_zero = true;
                    }
                }
            }
            self.sums.push((parts, total));
        }
    }

    fn same(&mut self, a: Option<Term>, b: Option<Term>) {
        self.sum(vec![a], b);
        if let (Some(Term::Var(a)), Some(Term::Var(b))) = (a, b) {
            self.pairs.push((a, b));
        }
    }

    /// A count printed twice is one count: when one of its places may show a 0 as "< k",
    /// so may the other.
    fn spread_zero(&mut self) {
        loop {
            let mut changed = false;
            for &(a, b) in &self.pairs {
                let z = self.hidden[a].may_be_zero || self.hidden[b].may_be_zero;
                for j in [a, b] {
                    if z && !self.hidden[j].may_be_zero {
                        self.hidden[j].may_be_zero = true;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Checks the model against the true values: every sum holds and every hidden count
    /// lies within its bounds (a model that fails this would find wrong "disclosures").
    pub fn check(&self, truth: &dyn Fn(&Sleutel) -> u64) -> std::result::Result<(), String> {
        let value = |t: &Term| match t {
            Term::Known(x) => *x,
            Term::Var(j) => truth(&self.hidden[*j].key) as f64,
        };
        for (parts, total) in &self.sums {
            let sum: f64 = parts.iter().map(value).sum();
            if (sum - value(total)).abs() > 1e-9 {
                let names = |t: &Term| match t {
                    Term::Known(x) => format!("{x}"),
                    Term::Var(j) => self.hidden[*j].name.clone(),
                };
                return Err(format!(
                    "the sum {:?} = {} does not hold",
                    parts.iter().map(names).collect::<Vec<_>>(),
                    names(total)
                ));
            }
        }
        for h in &self.hidden {
            let v = truth(&h.key);
            let lo = if h.may_be_zero { 0 } else { 1 };
            if h.small && !(lo..self.k as u64).contains(&v) {
                return Err(format!("{} = {v} is shown as < {}", h.name, self.k));
            }
            if !h.small && v != 0 && v < self.k as u64 {
                return Err(format!("{} = {v} is shown as x", h.name));
            }
        }
        Ok(())
    }

    /// The least and greatest value hidden count `i` can take.
    pub fn range(&self, i: usize) -> (i64, i64) {
        let solve = |dir| {
            let mut p = Problem::new(dir);
            let vars: Vec<_> = self
                .hidden
                .iter()
                .enumerate()
                .map(|(j, h)| {
                    let obj = if j == i { 1.0 } else { 0.0 };
                    if h.small {
                        let lo = if h.may_be_zero { 0 } else { 1 };
                        p.add_integer_var(obj, (lo, self.k as i32 - 1))
                    } else {
                        p.add_integer_var(obj, (0, BIG))
                    }
                })
                .collect();
            // "x" is not small (the report says so): 0, or k and up.
            for (j, h) in self.hidden.iter().enumerate() {
                if !h.small {
                    let b = p.add_binary_var(0.0);
                    p.add_constraint(
                        [(vars[j], 1.0), (b, -(self.k as f64))],
                        ComparisonOp::Ge,
                        0.0,
                    );
                    p.add_constraint(
                        [(vars[j], 1.0), (b, -f64::from(BIG))],
                        ComparisonOp::Le,
                        0.0,
                    );
                }
            }
            for (parts, total) in &self.sums {
                let mut expr = Vec::new();
                let mut rhs = 0.0;
                let mut add = |t: &Term, sign: f64| match t {
                    Term::Known(x) => rhs -= sign * x,
                    Term::Var(j) => expr.push((vars[*j], sign)),
                };
                for t in parts {
                    add(t, 1.0);
                }
                add(total, -1.0);
                if !expr.is_empty() {
                    p.add_constraint(expr.as_slice(), ComparisonOp::Eq, rhs);
                }
            }
            let s = p.solve().expect("the printed figures are consistent");
            s.into_solution().expect("solved").objective().round() as i64
        };
        (
            solve(OptimizationDirection::Minimize),
            solve(OptimizationDirection::Maximize),
        )
    }
}

/// The attacker's model of a public version: every count it prints, and the sums and
/// repeated counts the contract describes, stated here by typed keys.
pub fn model(f: &Figures) -> Model {
    let mut m = Model {
        k: f.publiek.expect("a public version"),
        ..Model::default()
    };
    let mut tables: Vec<(TableId, Vec<Kol>, Vec<Rij>)> = Vec::new();
    for t in &f.tabellen {
        m.tables.insert(t.id);
        for r in &t.rijen {
            for (c, cell) in r.waarden.iter().enumerate() {
                let kol = t.kolom_keys[c];
                if !kol.is_aantal() {
                    continue;
                }
                let key = Sleutel::Cel(t.id, r.key.clone(), kol);
                match cell {
                    Cell::Aantal(n) => m.term(key, Some(*n), None),
                    hidden => m.term(key, None, Some(*hidden)),
                }
            }
        }
        let rows = t.rijen.iter().map(|r| r.key.clone()).collect();
        tables.push((t.id, t.kolom_keys.clone(), rows));
    }
    for naam in Kerngetal::ALL {
        if naam.kind() != Kind::Aantal {
            continue;
        }
        let shown = |w: Waarde| match w {
            Waarde::Aantal(n) => (Some(n), None),
            Waarde::Verborgen(c) => (None, Some(c)),
            _ => (None, None),
        };
        let (n, h) = shown(f.kerngetal(naam));
        m.term(Sleutel::Kern(naam, false), n, h);
        if let Some(w) = f.kerngetal_vorig(naam) {
            let (n, h) = shown(w);
            m.term(Sleutel::Kern(naam, true), n, h);
        }
    }
    let jaar = f.periode.jaar;
    let vorig = f.vergelijking.as_ref().map(|v| v.periode.jaar);
    let kwartaal = f.periode.is_kwartaal();
    use Kerngetal::{Afgehandeld, Deelklachten, InBehandeling, Lopend, Ontvangen};

    // Totaal columns and rows.
    for (id, cols, rows) in &tables {
        let counts: Vec<Kol> = cols
            .iter()
            .copied()
            .filter(|c| *c != Kol::Percentage)
            .collect();
        if cols.last() == Some(&Kol::Totaal) {
            for r in rows {
                let parts = counts[..counts.len() - 1]
                    .iter()
                    .map(|c| m.cel(*id, r.clone(), *c))
                    .collect();
                let total = m.cel(*id, r.clone(), Kol::Totaal);
                m.sum(parts, total);
            }
        }
        if rows.last() == Some(&Rij::Totaal) && *id != TableId::Termijnen {
            for c in &counts {
                let parts = rows[..rows.len() - 1]
                    .iter()
                    .map(|r| m.cel(*id, r.clone(), *c))
                    .collect();
                let total = m.cel(*id, Rij::Totaal, *c);
                m.sum(parts, total);
            }
        }
        // One row per complaint in procedure, without a Totaal row.
        if [
            TableId::Regeling,
            TableId::Zorgrelatie,
            TableId::SoortZorg,
            TableId::Kanaal,
            TableId::Doorlooptijd,
        ]
        .contains(id)
        {
            let parts = rows
                .iter()
                .map(|r| m.cel(*id, r.clone(), Kol::Aantal))
                .collect();
            let total = m.kern(InBehandeling);
            m.sum(parts, total);
        }
    }
    // Printed twice. The period's column of the tables by period: the year's Totaal column,
    // or a quarterly report's own quarter.
    let periode_kol = if kwartaal {
        Kol::Jaar(jaar)
    } else {
        Kol::Totaal
    };
    let cluster = TableId::KlagersPerClusterKwartaal;
    let cat = TableId::CategorieenPerKwartaal;
    let meer = TableId::CategorieenMeerjarig;
    let a = m.cel(cluster, Rij::Totaal, periode_kol);
    m.same(a, m.kern(InBehandeling));
    if let (Some(v), true) = (vorig, kwartaal) {
        let a = m.cel(cluster, Rij::Totaal, Kol::Jaar(v));
        m.same(a, m.vkern(InBehandeling));
    }
    let cat_rows = tables
        .iter()
        .find(|t| t.0 == cat)
        .map(|t| t.2.clone())
        .unwrap_or_default();
    for r in &cat_rows {
        let a = m.cel(cat, r.clone(), periode_kol);
        let b = m.cel(meer, r.clone(), Kol::Jaar(jaar));
        m.same(a, b);
        if let (Some(v), true) = (vorig, kwartaal) {
            let a = m.cel(cat, r.clone(), Kol::Jaar(v));
            let b = m.cel(meer, r.clone(), Kol::Jaar(v));
            m.same(a, b);
        }
    }
    let a = m.cel(cat, Rij::Totaal, periode_kol);
    m.same(a, m.kern(Deelklachten));
    let a = m.cel(meer, Rij::Totaal, Kol::Jaar(jaar));
    m.same(a, m.kern(Deelklachten));
    let per_jaar = TableId::KlachtenPerJaar;
    let a = m.cel(per_jaar, Rij::Jaar(jaar), Kol::Aantal);
    m.same(a, m.kern(InBehandeling));
    if let Some(v) = vorig {
        let a = m.cel(meer, Rij::Totaal, Kol::Jaar(v));
        m.same(a, m.vkern(Deelklachten));
        let a = m.cel(per_jaar, Rij::Jaar(v), Kol::Aantal);
        m.same(a, m.vkern(InBehandeling));
        let parts = vec![m.vkern(Afgehandeld), m.vkern(Lopend)];
        m.sum(parts, m.vkern(InBehandeling));
    }
    let a = m.cel(TableId::Instroom, Rij::Totaal, Kol::Aantal);
    m.same(a, m.kern(Ontvangen));
    let in_behandeling = Rij::Instroom(Instroom::InBehandeling);
    let a = m.cel(TableId::Instroom, in_behandeling, Kol::Aantal);
    m.same(a, m.kern(InBehandeling));
    for id in [
        TableId::KlagersPerType,
        TableId::Afhandeling,
        TableId::Tevredenheid,
        TableId::Oordeel,
    ] {
        let a = m.cel(id, Rij::Totaal, Kol::Aantal);
        m.same(a, m.kern(InBehandeling));
    }
    // The verdicts per deelklacht add up to the deelklachten.
    let a = m.cel(TableId::OordeelPerDeelklacht, Rij::Totaal, Kol::Aantal);
    m.same(a, m.kern(Deelklachten));
    let parts = vec![m.kern(Afgehandeld), m.kern(Lopend)];
    m.sum(parts, m.kern(InBehandeling));
    // The doorlooptijd buckets: "0-2" … ">10" are the closed complaints, Lopend the open ones.
    let door =
        |m: &Model, k: Klasse| m.cel(TableId::Doorlooptijd, Rij::Doorlooptijd(k), Kol::Aantal);
    let a = door(&m, Klasse::Lopend);
    m.same(a, m.kern(Lopend));
    use Klasse::{BovenTien, TotTien, TotTwee, TotVier, TotZes};
    let parts = [TotTwee, TotVier, TotZes, TotTien, BovenTien]
        .iter()
        .map(|k| door(&m, *k))
        .collect();
    m.sum(parts, m.kern(Afgehandeld));
    // The default terms (6 and 10 weeks) sit on bucket boundaries: 42 days ends "4-6", 70
    // days ends "6-10".
    let term = |m: &Model, w: TermijnRij| m.cel(TableId::Termijnen, Rij::Termijn(w), Kol::Aantal);
    let parts = [TotTwee, TotVier, TotZes]
        .iter()
        .map(|k| door(&m, *k))
        .collect();
    let total = term(&m, TermijnRij::BinnenTermijn);
    m.sum(parts, total);
    let parts = [TotTwee, TotVier, TotZes, TotTien]
        .iter()
        .map(|k| door(&m, *k))
        .collect();
    let total = term(&m, TermijnRij::BinnenVerlenging);
    m.sum(parts, total);
    let a = door(&m, BovenTien);
    let b = term(&m, TermijnRij::NaVerlenging);
    m.same(a, b);
    let parts = vec![
        term(&m, TermijnRij::BinnenVerlenging),
        term(&m, TermijnRij::NaVerlenging),
    ];
    m.sum(parts, m.kern(Afgehandeld));
    let a = term(&m, TermijnRij::Lopend);
    m.same(a, m.kern(Lopend));
    // Routes side by side (`[verslag] routes`): a route's afgehandeld and lopend are its
    // complaints in procedure; the routes together are the whole population (every complaint
    // has a route, Onbekend included), and their counts within the term the termijnen row; a
    // route's category table is its deelklachten, and a category over the routes is its count
    // in the categories table; a route's share within the term gives that count back.
    let naast = TableId::RoutesNaastElkaar;
    if let Some((_, _, routes)) = tables.iter().find(|t| t.0 == naast).cloned() {
        use crate::stats::route::Maat;
        let rc = |m: &Model, r: &Rij, x: Maat| m.cel(naast, r.clone(), Kol::Route(x));
        for r in &routes {
            let parts = vec![rc(&m, r, Maat::Afgehandeld), rc(&m, r, Maat::Lopend)];
            let total = rc(&m, r, Maat::InBehandeling);
            m.sum(parts, total);
        }
        for (x, kern) in [
            (Maat::Ontvangen, Ontvangen),
            (Maat::InBehandeling, InBehandeling),
            (Maat::Deelklachten, Deelklachten),
            (Maat::Afgehandeld, Afgehandeld),
            (Maat::Lopend, Lopend),
        ] {
            let parts = routes.iter().map(|r| rc(&m, r, x)).collect();
            m.sum(parts, m.kern(kern));
        }
        let parts = routes
            .iter()
            .map(|r| rc(&m, r, Maat::BinnenTermijn))
            .collect();
        let total = term(&m, TermijnRij::BinnenTermijn);
        m.sum(parts, total);
        // A route's category cell; a category the route's printed table lacks is its 0.
        let route_cel = |m: &Model, n: u8, r: &Rij| {
            let id = TableId::RouteCategorieen(n);
            let rows = &tables.iter().find(|t| t.0 == id)?.2;
            match rows.contains(r) {
                true => m.cel(id, r.clone(), Kol::Aantal),
                false => Some(Term::Known(0.0)),
            }
        };
        for (n, r) in (1u8..).zip(&routes) {
            let a = route_cel(&m, n, &Rij::Totaal);
            m.same(a, rc(&m, r, Maat::Deelklachten));
        }
        for c in cat_rows.iter().filter(|c| **c != Rij::Totaal) {
            let parts = (1u8..)
                .take(routes.len())
                .map(|n| route_cel(&m, n, c))
                .collect();
            let total = m.cel(cat, c.clone(), periode_kol);
            m.sum(parts, total);
        }
        let t = f.table(naast).expect("printed");
        let col = |x: Maat| t.kolom_keys.iter().position(|k| *k == Kol::Route(x));
        let noemer = match f.termijnen.noemer {
            crate::stats::termijn::Noemer::Afgehandeld => Maat::Afgehandeld,
            crate::stats::termijn::Noemer::InBehandeling => Maat::InBehandeling,
        };
        if let (Some(pc), Some(nc)) = (col(Maat::BinnenTermijnPct), col(noemer)) {
            for r in &t.rijen {
                if let (Cell::Percentage(p), Cell::Aantal(d)) = (r.waarden[pc], r.waarden[nc])
                    && d < 500
                {
                    let n = (p * d as f64 / 100.0).round();
                    let a = rc(&m, &r.key, Maat::BinnenTermijn);
                    m.same(a, Some(Term::Known(n)));
                }
            }
        }
    }
    // A rate printed beside its volume gives its count back: count = rate × volume / per
    // (two decimals: exact while volume / per < 50).
    for t in &f.tabellen {
        for r in &t.rijen {
            for (c, kol) in t.kolom_keys.iter().enumerate() {
                let Kol::Verhouding(i) = *kol else { continue };
                let vol = t.kolom_keys.iter().position(|k| *k == Kol::Volume(i));
                let (Cell::Verhouding(x), Some(Cell::Aantal(volume))) =
                    (r.waarden[c], vol.map(|v| r.waarden[v]))
                else {
                    continue;
                };
                // The i-th unit's base, as its column header says.
                let mut eenheden: Vec<(&str, u64)> = Vec::new();
                for v in &f.verhoudingen {
                    if !eenheden.iter().any(|(e, _)| *e == v.eenheid) {
                        eenheden.push((&v.eenheid, v.per));
                    }
                }
                let per = eenheden.get(usize::from(i)).map_or(1000, |e| e.1);
                if volume / per < 50 {
                    let n = (x * volume as f64 / per as f64).round();
                    let a = m.cel(t.id, r.key.clone(), Kol::Aantal);
                    m.same(a, Some(Term::Known(n)));
                }
            }
        }
    }
    // The key figures' rates too.
    for v in &f.verhoudingen {
        if let Cell::Verhouding(x) = v.waarde
            && v.volume / v.per < 50
        {
            let n = (x * v.volume as f64 / v.per as f64).round();
            let a = m.cel(TableId::KlachtenPerJaar, Rij::Jaar(v.jaar), Kol::Aantal);
            m.same(a, Some(Term::Known(n)));
        }
    }
    m.spread_zero();
    m
}

/// A count of the figures before suppression, by the attacker's key.
pub fn true_value(open: &Figures, key: &Sleutel) -> u64 {
    match key {
        Sleutel::Kern(naam, false) => naam.aantal_in(&open.kerngetallen),
        Sleutel::Kern(naam, true) => open
            .vergelijking
            .as_ref()
            .and_then(|v| naam.aantal_in(&v.kerngetallen)),
        Sleutel::Cel(id, rij, kol) => open.table(*id).and_then(|t| {
            let (r, c) = t.cel(rij, *kol)?;
            match t.rijen[r].waarden[c] {
                Cell::Aantal(n) => Some(n),
                _ => None,
            }
        }),
    }
    .expect("an unsuppressed count")
}
