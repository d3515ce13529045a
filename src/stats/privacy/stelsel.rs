//! The system of every published count and the facts that tie them (the declared relations),
//! secondary suppression over it, and the audit that checks no hidden count can be worked back.

use crate::stats::table::{Cell, Kol, Plaats, Relatie, Rij};
use crate::stats::{Figures, Kerngetal};

/// Whether a count is small: between 1 and k−1.
pub(super) fn is_small(n: u64, k: u32) -> bool {
    n >= 1 && n < u64::from(k)
}

/// A published count: a table cell, or a key figure (of the period or of the comparison).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Plek {
    Cel { t: usize, r: usize, c: usize },
    Kern { naam: Kerngetal, vorig: bool },
}

/// What kind of count a place is, for choosing which to hide: a body cell before a total,
/// a total before a key figure (the key figures are the report's headline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Rang {
    Cel,
    Totaal,
    Kerngetal,
}

/// Every published count of a report and the linear facts that tie them together: the same
/// count printed in two places (one variable), and sums (a line: the parts and the total of
/// one equation). Secondary suppression runs on this whole system, not per table, so a count
/// hidden in one table is hidden wherever else it is printed and no equation in any table or
/// between tables is left with a single hidden count.
pub(super) struct Stelsel {
    pub(super) plekken: Vec<Plek>,
    pub(super) waarde: Vec<u64>,
    pub(super) rang: Vec<Rang>,
    pub(super) index: std::collections::HashMap<Plek, usize>,
    pub(super) ouder: Vec<usize>,
    /// Sums: the parts and, last, their total.
    pub(super) lijnen: Vec<Vec<usize>>,
}

impl Stelsel {
    pub(super) fn new() -> Self {
        Stelsel {
            plekken: Vec::new(),
            waarde: Vec::new(),
            rang: Vec::new(),
            index: std::collections::HashMap::new(),
            ouder: Vec::new(),
            lijnen: Vec::new(),
        }
    }

    pub(super) fn add(&mut self, p: Plek, waarde: u64, rang: Rang) {
        let i = self.plekken.len();
        self.plekken.push(p);
        self.waarde.push(waarde);
        self.rang.push(rang);
        self.ouder.push(i);
        self.index.insert(p, i);
    }

    pub(super) fn root(&mut self, mut i: usize) -> usize {
        while self.ouder[i] != i {
            self.ouder[i] = self.ouder[self.ouder[i]];
            i = self.ouder[i];
        }
        i
    }

    /// Two places print the same count. Only linked when they agree (they do by
    /// construction; a disagreement would be a bug elsewhere, and linking it would hide it).
    pub(super) fn same(&mut self, a: Plek, b: Plek) {
        let (ia, ib) = (self.index[&a], self.index[&b]);
        debug_assert_eq!(self.waarde[ia], self.waarde[ib], "{a:?} {b:?}");
        if self.waarde[ia] == self.waarde[ib] {
            let (ra, rb) = (self.root(ia), self.root(ib));
            self.ouder[ra] = rb;
        }
    }

    /// The parts and, last, the total of one sum (a sum of one place says nothing).
    pub(super) fn line(&mut self, plekken: &[Plek]) {
        if plekken.len() >= 2 {
            let line = plekken.iter().map(|p| self.index[p]).collect();
            self.lijnen.push(line);
        }
    }

    /// Every place's variable (the root of the places that print the same count).
    pub(super) fn roots(&mut self) -> Vec<usize> {
        (0..self.plekken.len()).map(|i| self.root(i)).collect()
    }
}

/// Where a declared place is printed: `None` when its table was left out of the public
/// version (then the fact is not one a reader has), an error when the report cannot have it
/// (a relation declared with a row, column, table or key figure that does not exist).
pub(super) fn plek(f: &Figures, s: &Stelsel, p: &Plaats) -> Result<Option<Plek>, String> {
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
pub(super) fn stelsel(f: &Figures) -> Result<Stelsel, String> {
    let mut s = Stelsel::new();
    for (ti, t) in f.tabellen.iter().enumerate() {
        for (r, row) in t.rijen.iter().enumerate() {
            for (c, kol) in t.kolom_keys.iter().enumerate() {
                if !kol.is_aantal() {
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
        if let Some(v) = f.vergelijking.as_ref().filter(|v| v.bekend(naam)) {
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
pub(super) fn verberg(s: &mut Stelsel, k: u32) -> (Vec<Option<bool>>, Option<usize>) {
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
pub(super) fn audit(
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
