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

use super::table::{Cell, Kol, Rij, Table};
use std::collections::BTreeMap;

use super::bijschrift::TermijnRij;
use super::termijn::Noemer;
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

mod stelsel;
use stelsel::{Plek, Stelsel, is_small, stelsel, verberg};

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
                // So does a rate (× its volume): hidden as "x", it is not a small count.
                if table.kolom_keys[c] == Kol::Aantal {
                    for (vc, k) in table.kolom_keys.iter().enumerate() {
                        if matches!(k, Kol::Verhouding(_))
                            && table.rijen[r].waarden[vc] != Cell::Geen
                        {
                            table.rijen[r].waarden[vc] = Cell::Afgeschermd;
                        }
                    }
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
///
/// With `[termijnen] noemer = "in_behandeling"` the shares within the terms are taken of the
/// complaints in procedure, so they go with that count instead.
fn hidden_shares(
    kern: &Kerngetallen,
    verborgen: &BTreeMap<Kerngetal, Cell>,
    term: Option<&Table>,
    noemer: Noemer,
    k: u32,
) -> Vec<(Kerngetal, Cell)> {
    let weg = |n: u64, naam: Kerngetal| is_small(n, k) || verborgen.contains_key(&naam);
    let afgehandeld_weg = weg(kern.afgehandeld, Kerngetal::Afgehandeld);
    let noemer_weg = match noemer {
        Noemer::Afgehandeld => afgehandeld_weg,
        Noemer::InBehandeling => weg(kern.in_behandeling, Kerngetal::InBehandeling),
    };
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
        (Kerngetal::BinnenTermijn, noemer_weg || binnen_termijn),
        (Kerngetal::BinnenVerlenging, noemer_weg || binnen_verlenging),
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
    let noemer = f.termijnen.noemer;
    let shares = hidden_shares(
        &f.kerngetallen,
        &f.verborgen,
        f.table(TableId::Termijnen),
        noemer,
        k,
    );
    f.verborgen.extend(shares);
    if let Some(v) = &f.vergelijking {
        let shares = hidden_shares(&v.kerngetallen, &f.verborgen_vergelijking, None, noemer, k);
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
            !quotes_small
                && !b
                    .bronnen
                    .iter()
                    .any(|bron| super::opvallend::verborgen(bron, figures))
        })
        .collect();
    let mut keep = keep.into_iter();
    f.opvallend.retain(|_| keep.next().unwrap_or(false));
    super::volume::verberg(f);
    super::route::verberg(f);
    f.publiek = Some(k);
    Ok(())
}

#[cfg(test)]
mod tests;
