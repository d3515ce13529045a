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

use super::table::{Cell, RowKind, Table};
use super::{Figures, Kerngetallen, TableId};

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

/// Hides the small cells of one table and enough others that none can be recomputed.
fn suppress_table(t: &mut Table, k: u32) {
    let (counts, pct) = count_columns(t);
    let n_rows = t.rijen.len();
    let value = |t: &Table, r: usize, c: usize| match t.rijen[r].waarden[c] {
        Cell::Aantal(n) => Some(n),
        _ => None,
    };
    let mut hidden = vec![vec![false; t.kolommen.len()]; n_rows];
    for (r, row) in hidden.iter_mut().enumerate() {
        for &c in &counts {
            if value(t, r, c).is_some_and(|n| is_small(n, k)) {
                row[c] = true;
            }
        }
    }
    let primary = hidden.clone();
    // Which lines carry an equation (sum of the others = total): rows when the table has a
    // Totaal column, columns when it has a Totaal row. Tables without a Totaal row still add
    // up to a published population (in behandeling), so their columns count as lines too.
    let total_col = t.has_total_column();
    let indicator = t.id == TableId::Termijnen;
    loop {
        let mut changed = false;
        let mut lines: Vec<Vec<(usize, usize)>> = Vec::new();
        if total_col {
            for r in 0..n_rows {
                lines.push(counts.iter().map(|&c| (r, c)).collect());
            }
        }
        if !indicator {
            for &c in &counts {
                lines.push((0..n_rows).map(|r| (r, c)).collect());
            }
        }
        for line in lines {
            let n_hidden = line.iter().filter(|(r, c)| hidden[*r][*c]).count();
            if n_hidden == 1 {
                // Hide the smallest other cell: a body cell before a total, a non-zero cell
                // before a zero (zeros are often known to be zero).
                let pick = line
                    .iter()
                    .filter(|(r, c)| !hidden[*r][*c])
                    .filter_map(|&(r, c)| value(t, r, c).map(|n| (r, c, n)))
                    .min_by_key(|&(r, c, n)| {
                        let is_total = t.rijen[r].kind == RowKind::Totaal
                            || (total_col && c + 1 == t.kolommen.len());
                        (is_total, n == 0, n)
                    });
                if let Some((r, c, _)) = pick {
                    hidden[r][c] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for (r, row) in hidden.iter().enumerate() {
        for (c, h) in row.iter().enumerate() {
            if *h {
                let cell = if primary[r][c] {
                    Cell::Verborgen(k)
                } else {
                    Cell::Afgeschermd
                };
                t.rijen[r].waarden[c] = cell;
                // The share of a hidden count gives the count away.
                if let Some(p) = pct
                    && c == 0
                {
                    t.rijen[r].waarden[p] = cell;
                }
            }
        }
    }
}

/// The key figures a public version hides: the small counts, and the shares and durations
/// taken over fewer than k closed complaints (they give the counts away).
fn hidden_key_figures(kern: &Kerngetallen, k: u32) -> Vec<String> {
    // The counts among the key figures are exactly its integer fields (shares and weeks are
    // floats), so a new count is covered without a list to keep in step.
    let value = serde_json::to_value(kern).expect("Kerngetallen serialises");
    let mut hidden: Vec<String> = value
        .as_object()
        .expect("Kerngetallen is a struct")
        .iter()
        .filter(|(_, v)| v.as_u64().is_some_and(|n| is_small(n, k)))
        .map(|(name, _)| name.clone())
        .collect();
    if is_small(kern.afgehandeld, k) {
        for name in [
            "binnen_6_weken_pct",
            "binnen_10_weken_pct",
            "gemiddelde_doorlooptijd_weken",
            "mediaan_doorlooptijd_weken",
        ] {
            hidden.push(name.to_string());
        }
    }
    hidden
}

/// Makes the figures public: small numbers hidden everywhere.
pub fn suppress(f: &mut Figures, k: u32) {
    for t in &mut f.tabellen {
        suppress_table(t, k);
    }
    f.verborgen = hidden_key_figures(&f.kerngetallen, k);
    if let Some(v) = &f.vergelijking {
        f.verborgen_vergelijking = hidden_key_figures(&v.kerngetallen, k);
    }
    // Findings never quote a hidden number.
    f.opvallend.retain(|b| {
        !b.getallen.iter().any(|(name, v)| {
            let is_count = !name.contains("jaar")
                && !name.ends_with("_pct")
                && !name.contains("weken")
                && name != "kwartaal";
            is_count && v.as_u64().is_some_and(|n| is_small(n, k))
        })
    });
    f.publiek = Some(k);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::tables;

    fn hidden_per_line(t: &Table) -> (Vec<usize>, Vec<usize>) {
        let h = |c: &Cell| matches!(c, Cell::Verborgen(_) | Cell::Afgeschermd);
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
    fn no_hidden_cell_stands_alone_in_a_row_or_column() {
        let mut t = tables::by_quarter(
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
        let mut t = tables::distribution(
            TableId::KlagersPerType,
            &[
                (Some("Cliënt".into()), 30),
                (Some("Nabestaande".into()), 2),
                (Some("Gemachtigde".into()), 9),
            ],
            &[],
            tables::Shape {
                percentage: true,
                totaal: true,
            },
        );
        suppress_table(&mut t, 5);
        let hidden: Vec<&str> = t
            .rijen
            .iter()
            .filter(|r| matches!(r.waarden[0], Cell::Verborgen(_) | Cell::Afgeschermd))
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
