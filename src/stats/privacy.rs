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
//!
//! Which counts are tied together is not worked out here: every table carries typed row and
//! column keys ([`Rij`], [`Kol`]) and declares its relations where it is made (its Totaal
//! sums from its shape, [`Table::totalen`], [`Table::relaties`]; the key figures' own sums in
//! [`Figures::relaties`]). This module reads them by those keys, never by a printed label,
//! and refuses (an internal error) a relation that names a cell the report does not have.

use super::table::{Cell, Kol, Plaats, Relatie, Rij, Table};
use std::collections::BTreeMap;

use super::bijschrift::TermijnRij;
use super::{Figures, Kerngetal, Kerngetallen, TableId};
use crate::error::{Error, Result};

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
    fn same(&mut self, a: Plek, b: Plek) {
        let (ia, ib) = (self.index[&a], self.index[&b]);
        debug_assert_eq!(self.waarde[ia], self.waarde[ib], "{a:?} {b:?}");
        if self.waarde[ia] == self.waarde[ib] {
            let (ra, rb) = (self.root(ia), self.root(ib));
            self.ouder[ra] = rb;
        }
    }

    /// The parts and, last, the total of one sum (a sum of one place says nothing).
    fn line(&mut self, plekken: &[Plek]) {
        if plekken.len() >= 2 {
            let line = plekken.iter().map(|p| self.index[p]).collect();
            self.lijnen.push(line);
        }
    }

    /// Every place's variable (the root of the places that print the same count).
    fn roots(&mut self) -> Vec<usize> {
        (0..self.plekken.len()).map(|i| self.root(i)).collect()
    }
}

/// Where a declared place is printed: `None` when its table was left out of the public
/// version (then the fact is not one a reader has), an error when the report cannot have it
/// (a relation declared with a row, column, table or key figure that does not exist).
fn plek(f: &Figures, s: &Stelsel, p: &Plaats) -> Result<Option<Plek>, String> {
    let plek = match p {
        Plaats::Cel { tabel, rij, kolom } => {
            let Some(ti) = f.tabellen.iter().position(|t| t.id == *tabel) else {
                return match f.weggelaten.contains(tabel) {
                    true => Ok(None),
                    false => Err(format!("tabel {} ontbreekt", tabel.as_str())),
                };
            };
            let Some((r, c)) = f.tabellen[ti].cel(rij, *kolom) else {
                return Err(format!(
                    "tabel {} heeft geen cel {rij:?} × {kolom:?}",
                    tabel.as_str()
                ));
            };
            Plek::Cel { t: ti, r, c }
        }
        Plaats::Kern { naam, vorig } => Plek::Kern {
            naam: *naam,
            vorig: *vorig,
        },
    };
    match s.index.contains_key(&plek) {
        true => Ok(Some(plek)),
        false => Err(format!("{p:?} is geen gepubliceerd aantal")),
    }
}

/// Builds the system of a report's published counts from the relations the tables and the
/// key figures declare (`tabulate`'s module header says how a table declares them).
///
/// The order of the facts decides ties in which count is hidden, so it is fixed: the sums of
/// every table's own shape and totals, then the sums among the key figures, then the sums the
/// tables declare; the equalities table by table (its totals, then its declared links), then
/// those among the key figures.
fn stelsel(f: &Figures) -> Result<Stelsel, String> {
    let mut s = Stelsel::new();
    for (ti, t) in f.tabellen.iter().enumerate() {
        for (r, row) in t.rijen.iter().enumerate() {
            for (c, kol) in t.kolom_keys.iter().enumerate() {
                if *kol == Kol::Percentage {
                    continue;
                }
                if let Cell::Aantal(n) = row.waarden[c] {
                    let rang = if row.key == Rij::Totaal || *kol == Kol::Totaal {
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

    let (mut eigen, mut verklaard, mut gelijk) = (Vec::new(), Vec::new(), Vec::new());
    let mut kern_sommen = Vec::new();
    for t in &f.tabellen {
        eigen.extend(t.sommen());
        for r in t.totaal_relaties() {
            match r {
                Relatie::Som { .. } => eigen.push(r),
                Relatie::Gelijk(..) => gelijk.push(r),
            }
        }
        for r in &t.relaties {
            match r {
                Relatie::Som { .. } => verklaard.push(r.clone()),
                Relatie::Gelijk(..) => gelijk.push(r.clone()),
            }
        }
    }
    for r in &f.relaties {
        match r {
            Relatie::Som { .. } => kern_sommen.push(r.clone()),
            Relatie::Gelijk(..) => gelijk.push(r.clone()),
        }
    }
    for r in eigen
        .iter()
        .chain(&kern_sommen)
        .chain(&verklaard)
        .chain(&gelijk)
    {
        let plaatsen: Vec<&Plaats> = match r {
            Relatie::Gelijk(a, b) => vec![a, b],
            Relatie::Som { delen, totaal } => delen.iter().chain([totaal]).collect(),
        };
        let plekken: Vec<Option<Plek>> = plaatsen
            .into_iter()
            .map(|p| plek(f, &s, p))
            .collect::<Result<_, _>>()?;
        // A fact about a table left out of the public version is not one a reader has.
        let Some(plekken) = plekken.into_iter().collect::<Option<Vec<Plek>>>() else {
            continue;
        };
        match r {
            Relatie::Gelijk(..) => s.same(plekken[0], plekken[1]),
            Relatie::Som { .. } => s.line(&plekken),
        }
    }
    Ok(s)
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
    let mut s = stelsel(&f).expect("a table's own relations name its own cells");
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
                let pc = table.kolom_keys.iter().position(|k| *k == Kol::Percentage);
                if let (Some(pc), Kol::Aantal) = (pc, table.kolom_keys[c]) {
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
    let hidden = |wat: fn(&TermijnRij) -> bool| {
        term.is_some_and(|t| {
            let c = t.kolom_keys.iter().position(|k| *k == Kol::Aantal);
            t.rijen
                .iter()
                .filter(|r| matches!(&r.key, Rij::Termijn(w) if wat(w)))
                .any(|r| c.is_some_and(|c| r.waarden[c].is_verborgen()))
        })
    };
    let binnen_termijn = hidden(|w| *w == TermijnRij::BinnenTermijn);
    let binnen_verlenging = hidden(|w| *w == TermijnRij::BinnenVerlenging);
    let eerste_contact_hidden = hidden(|w| {
        matches!(
            w,
            TermijnRij::EersteContactWerkdagen(_) | TermijnRij::EersteContactDagen(_)
        )
    });
    [
        (Kerngetal::BinnenTermijn, afgehandeld_weg || binnen_termijn),
        (
            Kerngetal::BinnenVerlenging,
            afgehandeld_weg || binnen_verlenging,
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
///
/// Fails (an internal error) when a table or the key figures declare a relation with a cell
/// the report does not have: a public version with that relation silently dropped could give
/// a small count away.
pub fn suppress(f: &mut Figures, k: u32) -> Result<()> {
    let (s, hidden) = loop {
        let mut s = stelsel(f).map_err(|message| Error::Export {
            what: "de openbare versie",
            message,
        })?;
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
    Ok(())
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
