//! Small numbers (kleine aantallen): listing them, and hiding them in a public version.
//!
//! A published count between 1 and k−1 can point to a person. `small_cells` lists them; with
//! `--publiek`, `suppress` replaces them by "< k" (primary suppression) and then hides further
//! cells, shown as "x" because they are not small themselves, until no hidden cell can be
//! recomputed from a total: every row and every column of a
//! table (its Totaal row and column included) holds either no hidden cell or at least two
//! (secondary suppression, as statistical offices do). A percentage of a hidden count is hidden
//! too. Findings that quote a hidden number are left out, and key figures in the range are
//! hidden in every output.

use super::table::{Cell, RowKind, TOTAAL, Table};
use std::collections::BTreeMap;

use super::{Figures, Kerngetal, Kerngetallen, TableId};

/// One small published count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmallCell {
    /// Table id.
    pub tabel: &'static str,
    /// Row label.
    pub rij: String,
    /// Column header.
    pub kolom: String,
    /// The count.
    pub aantal: u64,
}

impl std::fmt::Display for SmallCell {
    /// "tabel klagers_per_cluster_kwartaal, rij 4. Dagbesteding, kolom Q3: 2"; a long label
    /// shortened as in every message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::register::issue::shorten;
        write!(
            f,
            "tabel {}, rij {}, kolom {}: {}",
            self.tabel,
            shorten(&self.rij),
            shorten(&self.kolom),
            self.aantal
        )
    }
}

fn is_small(n: u64, k: u32) -> bool {
    n >= 1 && n < u64::from(k)
}

/// The published counts between 1 and k−1.
pub fn small_cells(f: &Figures, k: u32) -> Vec<SmallCell> {
    let mut out = Vec::new();
    for t in &f.tabellen {
        for r in &t.rijen {
            for (c, cell) in r.waarden.iter().enumerate() {
                if let Cell::Aantal(n) = cell
                    && is_small(*n, k)
                {
                    out.push(SmallCell {
                        tabel: t.id.as_str(),
                        rij: r.label.clone(),
                        kolom: t.kolommen[c].clone(),
                        aantal: *n,
                    });
                }
            }
        }
    }
    out
}

/// Column indexes of counts and of the percentage column (if any) of a table.
fn count_columns(t: &Table) -> (Vec<usize>, Option<usize>) {
    let pct = t.kolommen.iter().position(|k| k == "Percentage");
    let counts = (0..t.kolommen.len()).filter(|c| Some(*c) != pct).collect();
    (counts, pct)
}

/// A published count: a table cell, or a key figure (of the period or of the comparison).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Plek {
    Cel { t: usize, r: usize, c: usize },
    Kern { naam: Kerngetal, vorig: bool },
}

/// What kind of count a place is, for choosing which to hide: a body cell before a total,
/// a total before a key figure (the key figures are the report's headline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rang {
    Cel,
    Totaal,
    Kerngetal,
}

/// Every published count of a report and the linear facts that tie them together: the same
/// count printed in two places (one variable), and sums (a line: the parts and the total of
/// one equation). Secondary suppression runs on this whole system, not per table, so a count
/// hidden in one table is hidden wherever else it is printed and no equation in any table or
/// between tables is left with a single hidden count.
struct Stelsel {
    plekken: Vec<Plek>,
    waarde: Vec<u64>,
    rang: Vec<Rang>,
    index: std::collections::HashMap<Plek, usize>,
    ouder: Vec<usize>,
    /// Sums: the parts and, last, their total.
    lijnen: Vec<Vec<usize>>,
}

impl Stelsel {
    fn new() -> Self {
        Stelsel {
            plekken: Vec::new(),
            waarde: Vec::new(),
            rang: Vec::new(),
            index: std::collections::HashMap::new(),
            ouder: Vec::new(),
            lijnen: Vec::new(),
        }
    }

    fn add(&mut self, p: Plek, waarde: u64, rang: Rang) {
        let i = self.plekken.len();
        self.plekken.push(p);
        self.waarde.push(waarde);
        self.rang.push(rang);
        self.ouder.push(i);
        self.index.insert(p, i);
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.ouder[i] != i {
            self.ouder[i] = self.ouder[self.ouder[i]];
            i = self.ouder[i];
        }
        i
    }

    /// Two places print the same count. Only linked when they agree (they do by
    /// construction; a disagreement would be a bug elsewhere, and linking it would hide it).
    fn same(&mut self, a: Option<Plek>, b: Option<Plek>) {
        let (Some(a), Some(b)) = (a, b) else { return };
        let (Some(&ia), Some(&ib)) = (self.index.get(&a), self.index.get(&b)) else {
            return;
        };
        debug_assert_eq!(self.waarde[ia], self.waarde[ib], "{a:?} {b:?}");
        if self.waarde[ia] == self.waarde[ib] {
            let (ra, rb) = (self.root(ia), self.root(ib));
            self.ouder[ra] = rb;
        }
    }

    /// The parts and, last, the total of one sum; a sum with a place that is not printed is
    /// not a fact a reader has, and is left out.
    fn line(&mut self, plekken: impl IntoIterator<Item = Plek>) {
        let line: Option<Vec<usize>> = plekken
            .into_iter()
            .map(|p| self.index.get(&p).copied())
            .collect();
        if let Some(line) = line.filter(|l| l.len() >= 2) {
            self.lijnen.push(line);
        }
    }

    /// Every place's variable (the root of the places that print the same count).
    fn roots(&mut self) -> Vec<usize> {
        (0..self.plekken.len()).map(|i| self.root(i)).collect()
    }
}

/// Builds the system of a report's published counts.
fn stelsel(f: &Figures) -> Stelsel {
    let mut s = Stelsel::new();
    for (ti, t) in f.tabellen.iter().enumerate() {
        let (counts, _) = count_columns(t);
        let total_col = t.has_total_column().then(|| t.kolommen.len() - 1);
        for (r, row) in t.rijen.iter().enumerate() {
            for &c in &counts {
                if let Cell::Aantal(n) = row.waarden[c] {
                    let rang = if row.kind == RowKind::Totaal || Some(c) == total_col {
                        Rang::Totaal
                    } else {
                        Rang::Cel
                    };
                    s.add(Plek::Cel { t: ti, r, c }, n, rang);
                }
            }
        }
    }
    let kern = |naam, vorig| Plek::Kern { naam, vorig };
    // The counts among the key figures (shares and weeks are hidden with the counts they
    // come from: `hidden_shares`).
    for naam in Kerngetal::ALL {
        let Some(n) = naam.aantal_in(&f.kerngetallen) else {
            continue;
        };
        s.add(kern(naam, false), n, Rang::Kerngetal);
        if let Some(v) = &f.vergelijking {
            let n = naam.aantal_in(&v.kerngetallen).unwrap_or(0);
            s.add(kern(naam, true), n, Rang::Kerngetal);
        }
    }
    let k_in = |vorig| Some(kern(Kerngetal::InBehandeling, vorig));
    let k_deel = |vorig| Some(kern(Kerngetal::Deelklachten, vorig));
    let periode = f.periode.kort();
    let vorige = f.periode.vorig_jaar().kort();
    let pos = |id: TableId| f.tabellen.iter().position(|t| t.id == id);
    let cel = |ti: Option<usize>, rij: &str, kolom: &str| -> Option<Plek> {
        let t = &f.tabellen[ti?];
        let r = t.rijen.iter().position(|x| x.label == rij)?;
        let c = t.kolommen.iter().position(|x| x == kolom)?;
        Some(Plek::Cel { t: ti?, r, c })
    };
    // The column of a by-period table that covers the report period, and the comparison's.
    let period_col = |ti: Option<usize>| -> Option<String> {
        let t = &f.tabellen[ti?];
        Some(if t.has_total_column() {
            t.kolommen.last()?.clone()
        } else {
            t.kolommen.first()?.clone()
        })
    };

    // Sums inside every table: a row across to its Totaal column, a column down to its Totaal
    // row, and the rows of a table without a Totaal row up to the complaints in procedure.
    for (ti, t) in f.tabellen.iter().enumerate() {
        let (counts, _) = count_columns(t);
        if t.has_total_column() {
            for r in 0..t.rijen.len() {
                s.line(counts.iter().map(|&c| Plek::Cel { t: ti, r, c }));
            }
        }
        let has_total_row = t.rijen.last().is_some_and(|r| r.kind == RowKind::Totaal);
        match t.id {
            TableId::Termijnen | TableId::KlachtenPerJaar => {}
            _ if has_total_row => {
                for &c in &counts {
                    s.line((0..t.rijen.len()).map(|r| Plek::Cel { t: ti, r, c }));
                }
            }
            _ => {
                let body = (0..t.rijen.len()).map(|r| Plek::Cel { t: ti, r, c: 0 });
                let total = kern(Kerngetal::InBehandeling, false);
                s.line(body.chain([total]));
            }
        }
    }
    // The same counts printed twice.
    let cluster = pos(TableId::KlagersPerClusterKwartaal);
    let cat = pos(TableId::CategorieenPerKwartaal);
    let meer = pos(TableId::CategorieenMeerjarig);
    let jaar = pos(TableId::KlachtenPerJaar);
    if let Some(col) = period_col(cluster) {
        s.same(cel(cluster, TOTAAL, &col), k_in(false));
        s.same(cel(cluster, TOTAAL, &vorige), k_in(true));
    }
    if let Some(col) = period_col(cat) {
        s.same(cel(cat, TOTAAL, &col), k_deel(false));
        s.same(cel(cat, TOTAAL, &vorige), k_deel(true));
        // Each category's period (and comparison) column is a column of the multi-year table.
        if let Some(ci) = cat {
            for row in &f.tabellen[ci].rijen {
                s.same(cel(cat, &row.label, &col), cel(meer, &row.label, &periode));
                s.same(
                    cel(cat, &row.label, &vorige),
                    cel(meer, &row.label, &vorige),
                );
            }
        }
    }
    s.same(cel(meer, TOTAAL, &periode), k_deel(false));
    s.same(cel(meer, TOTAAL, &vorige), k_deel(true));
    s.same(cel(jaar, &periode, "Aantal"), k_in(false));
    s.same(cel(jaar, &vorige, "Aantal"), k_in(true));
    let instroom = pos(TableId::Instroom);
    s.same(
        cel(instroom, TOTAAL, "Aantal"),
        Some(kern(Kerngetal::Ontvangen, false)),
    );
    s.same(
        cel(
            instroom,
            crate::register::Instroom::InBehandeling.label(),
            "Aantal",
        ),
        k_in(false),
    );
    for id in [TableId::KlagersPerType, TableId::Afhandeling] {
        s.same(cel(pos(id), TOTAAL, "Aantal"), k_in(false));
    }
    // Handled plus open is in procedure; the doorlooptijd's Lopend is the open ones, its other
    // rows the handled ones; the termijnen table's rows count the same complaints.
    s.line([
        kern(Kerngetal::Afgehandeld, false),
        kern(Kerngetal::Lopend, false),
        kern(Kerngetal::InBehandeling, false),
    ]);
    if f.vergelijking.is_some() {
        s.line([
            kern(Kerngetal::Afgehandeld, true),
            kern(Kerngetal::Lopend, true),
            kern(Kerngetal::InBehandeling, true),
        ]);
    }
    let door = pos(TableId::Doorlooptijd);
    s.same(
        cel(door, "Lopend", "Aantal"),
        Some(kern(Kerngetal::Lopend, false)),
    );
    if let Some(di) = door {
        let klassen: Vec<Plek> = f.tabellen[di]
            .rijen
            .iter()
            .filter(|r| r.label != "Lopend")
            .filter_map(|r| cel(door, &r.label, "Aantal"))
            .collect();
        s.line(
            klassen
                .iter()
                .copied()
                .chain([kern(Kerngetal::Afgehandeld, false)]),
        );
    }
    let term = pos(TableId::Termijnen);
    if let Some(ti) = term {
        let t = &f.tabellen[ti];
        let row = |i: usize| (i < t.rijen.len()).then_some(Plek::Cel { t: ti, r: i, c: 0 });
        // Rows 0-2: within the term, within the extended term, beyond it (contract order).
        s.line(
            [row(1), row(2), Some(kern(Kerngetal::Afgehandeld, false))]
                .into_iter()
                .flatten(),
        );
        s.same(
            cel(term, "Nog lopend", "Aantal"),
            Some(kern(Kerngetal::Lopend, false)),
        );
        // With the terms on bucket boundaries the termijnen rows are sums of doorlooptijd rows.
        if let Some(di) = door {
            let grens = [("0-2", 14), ("2-4", 28), ("4-6", 42), ("6-10", 70)];
            let on = |d: i64| grens.iter().any(|(_, g)| *g == d);
            let (afh, verl) = (
                f.termijnen.afhandeling.dagen(),
                f.termijnen.verlenging.dagen(),
            );
            if on(afh) && on(verl) {
                let upto = |d: i64| {
                    grens
                        .iter()
                        .filter(move |(_, g)| *g <= d)
                        .filter_map(|(l, _)| cel(Some(di), l, "Aantal"))
                };
                s.line(upto(afh).chain(row(0)));
                s.line(upto(verl).chain(row(1)));
                let beyond = grens
                    .iter()
                    .filter(|(_, g)| *g > verl)
                    .map(|(l, _)| *l)
                    .chain([">10"])
                    .filter_map(|l| cel(Some(di), l, "Aantal"));
                s.line(beyond.chain(row(2)));
            }
        }
    }
    s
}

/// Which published counts a public version hides. First the small ones (1 … k−1). Then, in
/// a sum whose total is small (a row or column, or a breakdown of a small key figure), its
/// zeros too: shown as "< k" as well, so a reader cannot take every "< k" part to be at least
/// 1 and pin the parts down (two "< 3" parts of a "< 3" total would otherwise both be 1). Then, on the whole system of sums and repeated counts, enough
/// others that no sum holds exactly one hidden non-zero count (a hidden zero protects nothing:
/// it can be worked back to 0). Returns per place: `None` shown, `Some(true)` shown as "< k",
/// `Some(false)` hidden as "x".
fn verberg(s: &mut Stelsel, k: u32) -> (Vec<Option<bool>>, Option<usize>) {
    let n = s.plekken.len();
    let roots = s.roots();
    let waarde = &s.waarde;
    let mut hidden = vec![false; n];
    let mut primary = vec![false; n];
    for i in 0..n {
        if is_small(s.waarde[i], k) {
            hidden[roots[i]] = true;
            primary[roots[i]] = true;
        }
    }
    // The rank of a variable is its most visible place (a key figure is hidden last).
    let mut rang = vec![Rang::Cel; n];
    for i in 0..n {
        rang[roots[i]] = rang[roots[i]].max(s.rang[i]);
    }
    let lines: Vec<(Vec<usize>, usize)> = s
        .lijnen
        .iter()
        .map(|l| {
            let total = roots[*l.last().expect("a sum has a total")];
            let parts: Vec<usize> = l[..l.len() - 1].iter().map(|&i| roots[i]).collect();
            (parts, total)
        })
        .collect();
    // In a sum with a small total, zeros are shown as "< k" too, so its "< k" parts may be 0.
    let mut may_be_zero = vec![false; n];
    for (parts, total) in &lines {
        if primary[*total] {
            for &p in parts {
                may_be_zero[p] = true;
                if waarde[p] == 0 {
                    hidden[p] = true;
                    primary[p] = true;
                }
            }
        }
    }
    let mut stuck = None;
    loop {
        // Per sum: no single hidden non-zero count.
        loop {
            let mut changed = false;
            for (parts, total) in &lines {
                let members = parts.iter().chain([total]).copied();
                let hidden_nonzero = members
                    .clone()
                    .filter(|&v| hidden[v] && waarde[v] > 0)
                    .count();
                if hidden_nonzero == 1 {
                    // Hide the smallest other non-zero count: a body cell before a total
                    // before a key figure.
                    let pick = members
                        .filter(|&v| !hidden[v] && waarde[v] > 0)
                        .min_by_key(|&v| (rang[v], waarde[v], v));
                    if let Some(v) = pick {
                        hidden[v] = true;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        // Across sums: a count that several sums together still pin down.
        let Some(forced) = audit(&lines, waarde, &hidden, &primary, &may_be_zero, k) else {
            break;
        };
        // Hide one more count near it: in a sum with it, else one step further out.
        let mut near = vec![forced];
        let mut pick = None;
        for _ in 0..n {
            let members: Vec<usize> = lines
                .iter()
                .filter(|(p, t)| near.iter().any(|v| p.contains(v) || t == v))
                .flat_map(|(p, t)| p.iter().chain([t]).copied())
                .collect();
            pick = members
                .iter()
                .copied()
                .filter(|&v| !hidden[v] && waarde[v] > 0)
                .min_by_key(|&v| (rang[v], waarde[v], v));
            if pick.is_some() || members.iter().all(|m| near.contains(m)) {
                break;
            }
            near = members;
            near.sort_unstable();
            near.dedup();
        }
        match pick {
            Some(v) => hidden[v] = true,
            // Nothing left to hide around it (every count near it is hidden already): the
            // caller leaves a table out.
            None => {
                stuck = Some(forced);
                break;
            }
        }
    }
    let out = (0..n)
        .map(|i| hidden[roots[i]].then_some(primary[roots[i]]))
        .collect();
    (out, stuck)
}

/// The audit of a suppression: for every hidden non-zero count, the least and the greatest
/// value it can take given every printed count and sum, "< k" meaning 1 … k−1 (0 … k−1 in a
/// sum with a small total) and "x" meaning 0 or k and up (what the note in the report says).
/// Returns a count that is pinned to one value, if any. An integer program per bound
/// (microlp); a solve that fails counts as pinned, so a doubt hides more, never less.
fn audit(
    lines: &[(Vec<usize>, usize)],
    waarde: &[u64],
    hidden: &[bool],
    primary: &[bool],
    may_be_zero: &[bool],
    k: u32,
) -> Option<usize> {
    use microlp::{ComparisonOp, OptimizationDirection, Problem};
    let vars: Vec<usize> = (0..hidden.len()).filter(|&v| hidden[v]).collect();
    if vars.is_empty() {
        return None;
    }
    let pos: std::collections::HashMap<usize, usize> =
        vars.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    let relevant: Vec<&(Vec<usize>, usize)> = lines
        .iter()
        .filter(|(p, t)| hidden[*t] || p.iter().any(|v| hidden[*v]))
        .collect();
    let k = k as i32;
    // The largest value an "x" can take: twice the largest count in the report is more than
    // any hidden count can be, and keeps the program's coefficients within a few orders of
    // magnitude of each other (what the solver needs to be exact).
    let groot = i32::try_from(waarde.iter().copied().max().unwrap_or(0).saturating_mul(2))
        .unwrap_or(i32::MAX / 2)
        .max(2 * k + 1);
    let solve = |target: usize, dir| -> Option<f64> {
        let mut p = Problem::new(dir);
        let x: Vec<_> = vars
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let obj = if i == target { 1.0 } else { 0.0 };
                match (primary[v], may_be_zero[v]) {
                    (true, true) => p.add_integer_var(obj, (0, k - 1)),
                    (true, false) => p.add_integer_var(obj, (1, k - 1)),
                    (false, _) => p.add_integer_var(obj, (0, groot)),
                }
            })
            .collect();
        for (i, &v) in vars.iter().enumerate() {
            if !primary[v] {
                let b = p.add_binary_var(0.0);
                p.add_constraint([(x[i], 1.0), (b, -f64::from(k))], ComparisonOp::Ge, 0.0);
                p.add_constraint([(x[i], 1.0), (b, -f64::from(groot))], ComparisonOp::Le, 0.0);
            }
        }
        for (parts, total) in &relevant {
            let mut expr: Vec<(microlp::Variable, f64)> = Vec::new();
            let mut rhs = 0.0;
            for (v, sign) in parts.iter().map(|v| (*v, 1.0)).chain([(*total, -1.0)]) {
                match pos.get(&v) {
                    Some(&i) => expr.push((x[i], sign)),
                    None => rhs -= sign * waarde[v] as f64,
                }
            }
            p.add_constraint(expr.as_slice(), ComparisonOp::Eq, rhs);
        }
        let solution = p.solve().ok()?.into_solution().ok()?;
        Some(solution.objective().round())
    };
    for (i, &v) in vars.iter().enumerate() {
        if waarde[v] == 0 {
            continue;
        }
        let lo = solve(i, OptimizationDirection::Minimize);
        let hi = solve(i, OptimizationDirection::Maximize);
        match (lo, hi) {
            (Some(lo), Some(hi)) if lo < hi => {}
            _ => return Some(v),
        }
    }
    None
}

/// Hides the small cells of one table and enough others that none can be recomputed from the
/// table's own sums (the whole report uses [`suppress`], which also ties the tables together).
#[cfg(test)]
fn suppress_table(t: &mut Table, k: u32) {
    let mut f = Figures::leeg();
    f.tabellen.push(t.clone());
    let mut s = stelsel(&f);
    // Only the table's own rows and columns: the sums over key figures would need figures
    // this table alone does not have.
    let plekken = s.plekken.clone();
    s.lijnen
        .retain(|l| l.iter().all(|&i| matches!(plekken[i], Plek::Cel { .. })));
    let (hidden, _) = verberg(&mut s, k);
    apply(&mut f, &s, &hidden, k);
    *t = f.tabellen.remove(0);
}

/// Writes the hidden state into the tables and the key figures.
fn apply(f: &mut Figures, s: &Stelsel, hidden: &[Option<bool>], k: u32) {
    f.verborgen.clear();
    f.verborgen_vergelijking.clear();
    for (i, p) in s.plekken.iter().enumerate() {
        let Some(small) = hidden[i] else { continue };
        let cell = if small {
            Cell::Verborgen(k)
        } else {
            Cell::Afgeschermd
        };
        match *p {
            Plek::Cel { t, r, c } => {
                let table = &mut f.tabellen[t];
                table.rijen[r].waarden[c] = cell;
                // The share of a hidden count gives the count away.
                if let (Some(pc), 0) = (count_columns(table).1, c) {
                    table.rijen[r].waarden[pc] = cell;
                }
            }
            Plek::Kern { naam, vorig } => {
                let list = if vorig {
                    &mut f.verborgen_vergelijking
                } else {
                    &mut f.verborgen
                };
                list.insert(naam, cell);
            }
        }
    }
}

/// The key-figure shares and durations a public version hides with the counts they are taken
/// from: over fewer than k (or hidden) handled complaints, or when the count within the term
/// is hidden in the termijnen table (share × afgehandeld would give it back). For the
/// comparison period there is no termijnen table (`term` is `None`).
fn hidden_shares(
    kern: &Kerngetallen,
    verborgen: &BTreeMap<Kerngetal, Cell>,
    term: Option<&Table>,
    k: u32,
) -> Vec<(Kerngetal, Cell)> {
    let afgehandeld_weg =
        is_small(kern.afgehandeld, k) || verborgen.contains_key(&Kerngetal::Afgehandeld);
    let term_row_hidden = |i: usize| {
        term.and_then(|t| t.rijen.get(i))
            .is_some_and(|r| r.waarden[0].is_verborgen())
    };
    let eerste_contact_hidden = term.is_some_and(|t| {
        t.rijen
            .iter()
            .filter(|r| r.label.starts_with("Eerste contact"))
            .any(|r| r.waarden[0].is_verborgen())
    });
    [
        (
            Kerngetal::BinnenTermijn,
            afgehandeld_weg || term_row_hidden(0),
        ),
        (
            Kerngetal::BinnenVerlenging,
            afgehandeld_weg || term_row_hidden(1),
        ),
        (Kerngetal::GemiddeldeDoorlooptijd, afgehandeld_weg),
        (Kerngetal::MediaanDoorlooptijd, afgehandeld_weg),
        (Kerngetal::EersteContactBinnenTermijn, eerste_contact_hidden),
    ]
    .into_iter()
    .filter(|(_, yes)| *yes)
    .map(|(naam, _)| (naam, Cell::Afgeschermd))
    .collect()
}

/// Makes the figures public: small numbers hidden everywhere, and every count that would give
/// one back, across all tables, the key figures and the findings.
///
/// When hiding more cells cannot protect a small count (a very small register, where every
/// count near it is hidden already and the sums still pin it down), a table that ties it down
/// is left out of the public version, and the report says which.
pub fn suppress(f: &mut Figures, k: u32) {
    let (s, hidden) = loop {
        let mut s = stelsel(f);
        let (hidden, stuck) = verberg(&mut s, k);
        let Some(stuck) = stuck else {
            break (s, hidden);
        };
        // The tables with a place in a sum with the pinned count, fewest rows first.
        let roots = s.roots();
        let root = roots[stuck];
        let mut near: Vec<usize> = Vec::new();
        for line in &s.lijnen {
            if line.iter().any(|&i| roots[i] == root) {
                for &i in line {
                    if let Plek::Cel { t, .. } = s.plekken[i]
                        && !near.contains(&t)
                    {
                        near.push(t);
                    }
                }
            }
        }
        // A count pinned only through the key figures: any table that prints it.
        if near.is_empty() {
            for (i, p) in s.plekken.iter().enumerate() {
                if let Plek::Cel { t, .. } = *p
                    && roots[i] == root
                    && !near.contains(&t)
                {
                    near.push(t);
                }
            }
        }
        let Some(&t) = near.iter().min_by_key(|&&t| (f.tabellen[t].rijen.len(), t)) else {
            break (s, hidden);
        };
        let id = f.tabellen.remove(t).id;
        f.weggelaten.push(id);
    };
    apply(f, &s, &hidden, k);
    let shares = hidden_shares(
        &f.kerngetallen,
        &f.verborgen,
        f.table(TableId::Termijnen),
        k,
    );
    f.verborgen.extend(shares);
    if let Some(v) = &f.vergelijking {
        let shares = hidden_shares(&v.kerngetallen, &f.verborgen_vergelijking, None, k);
        f.verborgen_vergelijking.extend(shares);
    }
    // Findings never quote a hidden number: not a small one, and not one a table or a key
    // figure hides.
    let figures = &*f;
    let keep: Vec<bool> = figures
        .opvallend
        .iter()
        .map(|b| {
            let quotes_small = b.aantallen.iter().any(|&n| is_small(n, k));
            !quotes_small && !b.bronnen.iter().any(|bron| bron.verborgen(figures))
        })
        .collect();
    let mut keep = keep.into_iter();
    f.opvallend.retain(|_| keep.next().unwrap_or(false));
    f.publiek = Some(k);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::tabulate;

    fn hidden_per_line(t: &Table) -> (Vec<usize>, Vec<usize>) {
        let h = Cell::is_verborgen;
        let rows = t
            .rijen
            .iter()
            .map(|r| r.waarden.iter().filter(|c| h(c)).count())
            .collect();
        let cols = (0..t.kolommen.len())
            .map(|c| t.rijen.iter().filter(|r| h(&r.waarden[c])).count())
            .collect();
        (rows, cols)
    }

    #[test]
    fn a_finding_that_quotes_a_left_out_table_counts_as_hidden() {
        use crate::stats::opvallend::Bron;
        let mut f = Figures::leeg();
        let bron = Bron::Cel(TableId::Regeling, "Wkkgz".into(), "Aantal".into());
        assert!(
            !bron.verborgen(&f),
            "a table the report never had hides nothing"
        );
        f.weggelaten.push(TableId::Regeling);
        assert!(
            bron.verborgen(&f),
            "a table left out hides every cell of it"
        );
    }

    #[test]
    fn no_hidden_cell_stands_alone_in_a_row_or_column() {
        let mut t = tabulate::by_quarter(
            TableId::KlagersPerClusterKwartaal,
            &[
                (Some("A".into()), [10, 12, 9, 11]),
                (Some("B".into()), [8, 2, 7, 9]),
                (Some("C".into()), [6, 9, 12, 10]),
            ],
            &[],
        );
        suppress_table(&mut t, 5);
        let (rows, cols) = hidden_per_line(&t);
        assert!(rows.iter().all(|n| *n == 0 || *n >= 2), "{rows:?}");
        assert!(cols.iter().all(|n| *n == 0 || *n >= 2), "{cols:?}");
        // Rows by total: A 42, C 37, B 26.
        assert_eq!(t.rijen[2].label, "B");
        assert_eq!(
            t.rijen[2].waarden[1],
            Cell::Verborgen(5),
            "the 2 itself is hidden"
        );
        let secondary = t
            .rijen
            .iter()
            .flat_map(|r| &r.waarden)
            .filter(|c| **c == Cell::Afgeschermd)
            .count();
        // B's 2 pulls in B Q3 (7) and C Q2 (9); those pull in A Q3 (9) and C Q1 (6); A Q3
        // pulls in A Q1 (10). Every line then holds two.
        assert_eq!(secondary, 5, "the others are marked x: they are not small");
        let total: usize = rows.iter().sum();
        assert_eq!(total, 6);
    }

    #[test]
    fn distribution_hides_a_second_cell_and_the_percentages() {
        let mut t = tabulate::distribution(
            TableId::KlagersPerType,
            &[
                (Some("Cliënt".into()), 30),
                (Some("Nabestaande".into()), 2),
                (Some("Gemachtigde".into()), 9),
            ],
            &[],
            tabulate::Shape {
                percentage: true,
                totaal: true,
            },
        );
        suppress_table(&mut t, 5);
        let hidden: Vec<&str> = t
            .rijen
            .iter()
            .filter(|r| r.waarden[0].is_verborgen())
            .map(|r| r.label.as_str())
            .collect();
        assert_eq!(hidden, ["Gemachtigde", "Nabestaande"]);
        assert!(
            t.rijen
                .iter()
                .all(|r| r.waarden[0] == r.waarden[1] || matches!(r.waarden[0], Cell::Aantal(_)))
        );
    }
}
