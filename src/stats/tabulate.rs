//! The contract's tables, each built from the counts that `frame` made.
//!
//! Two shapes cover them: a crosstab by quarter (rows × Q1..Q4 + Totaal) and a distribution
//! (rows × Aantal [+ Percentage]). Every table ends with a Totaal row that is the sum of the
//! cells above it, by construction.
//!
//! How a table tells the public version (`privacy`) what a reader can work out from it: every
//! row carries a [`Rij`] key and every column a [`Kol`] key beside its printed text, and the
//! cells are tied together by those keys only. A table's own sums come from its shape: a last
//! column keyed [`Kol::Totaal`] is the sum of the count columns before it, a last row keyed
//! [`Rij::Totaal`] the sum of the rows above it. What the shape does not say is declared
//! where the table is made: [`Table::totalen`] names the key figure a column adds up to (a
//! distribution's [`super::Verdeling`] line does it through its population), and
//! [`Table::relaties`] lists the rest as [`super::table::Relatie`]s (a count printed again in another table
//! or among the key figures, rows that add up to another table's cell). A new table built
//! with these functions is protected by its own sums without anything more; a relation that
//! names a row or column the report does not have stops the public version with an internal
//! error instead of weakening it.

use super::order::{order_labels, percentages};
use super::table::Rij;
use super::table::{Cell, Kol, Row, RowKind, TOTAAL, Table, TableId};

/// Rows per label and quarter, ordered by the contract's rules, with a Totaal column and row.
pub fn by_quarter(
    id: TableId,
    counts: &[(Option<String>, [u64; 4])],
    vocabulary: &[String],
) -> Table {
    let totals: Vec<(Option<String>, u64)> = counts
        .iter()
        .map(|(l, q)| (l.clone(), q.iter().sum()))
        .collect();
    let mut rijen = Vec::new();
    let mut sum = [0u64; 4];
    for (label, onbekend) in order_labels(&totals, vocabulary) {
        let q = counts
            .iter()
            .find(|(l, _)| {
                if onbekend {
                    l.is_none()
                } else {
                    l.as_deref() == Some(&label)
                }
            })
            .map(|(_, q)| *q)
            .unwrap_or([0; 4]);
        for i in 0..4 {
            sum[i] += q[i];
        }
        let key = rij_key(&label, onbekend);
        rijen.push(row_with_total(label, key, &q));
    }
    rijen.push(row_with_total(TOTAAL.into(), Rij::Totaal, &sum));
    let mut kolommen: Vec<(Kol, String)> = (1..=4u8)
        .map(|q| (Kol::Kwartaal(q), format!("Q{q}")))
        .collect();
    kolommen.push((Kol::Totaal, TOTAAL.into()));
    Table::new(id, kolommen, rijen)
}

/// The key of a row made from a counted value (`onbekend`: the row of unknown values).
fn rij_key(label: &str, onbekend: bool) -> Rij {
    if onbekend {
        Rij::Onbekend
    } else {
        Rij::Waarde(label.to_string())
    }
}

/// The layout role that goes with a row key.
fn kind(key: &Rij) -> RowKind {
    match key {
        Rij::Onbekend => RowKind::Onbekend,
        Rij::Totaal => RowKind::Totaal,
        _ => RowKind::Data,
    }
}

/// Rows per label and column (a quarterly report: its quarter beside the same quarter a year
/// earlier), without a Totaal column (a sum over different years would mean nothing); a
/// Totaal row per column. Rows are ordered by the first column, the report period.
pub fn by_columns(
    id: TableId,
    counts: &[(Option<String>, String, u64)],
    columns: Vec<(Kol, String)>,
    vocabulary: &[String],
) -> Table {
    let kolommen: Vec<String> = columns.iter().map(|(_, h)| h.clone()).collect();
    let value = |label: &Option<String>, col: &str| -> u64 {
        counts
            .iter()
            .filter(|(l, c, _)| l == label && c == col)
            .map(|(_, _, n)| n)
            .sum()
    };
    let mut totals: Vec<(Option<String>, u64)> = Vec::new();
    for (l, _, _) in counts {
        if !totals.iter().any(|(t, _)| t == l) {
            // Ordered by the report period; Onbekend appears when any column has it.
            let n = match l {
                Some(_) => value(l, &kolommen[0]),
                None => kolommen.iter().map(|c| value(l, c)).sum(),
            };
            totals.push((l.clone(), n));
        }
    }
    let mut sum = vec![0u64; kolommen.len()];
    let mut rijen = Vec::new();
    for (label, onbekend) in order_labels(&totals, vocabulary) {
        let key = (!onbekend).then(|| label.clone());
        let v: Vec<u64> = kolommen.iter().map(|c| value(&key, c)).collect();
        for (s, n) in sum.iter_mut().zip(&v) {
            *s += n;
        }
        let key = rij_key(&label, onbekend);
        rijen.push(Row {
            label,
            waarden: v.into_iter().map(Cell::Aantal).collect(),
            kind: kind(&key),
            key,
        });
    }
    rijen.push(Row {
        label: TOTAAL.into(),
        waarden: sum.into_iter().map(Cell::Aantal).collect(),
        kind: RowKind::Totaal,
        key: Rij::Totaal,
    });
    Table::new(id, columns, rijen)
}

/// Which extra rows and columns a distribution has.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// A Percentage column (share of the population).
    pub percentage: bool,
    /// A Totaal row.
    pub totaal: bool,
}

/// Rows per label with Aantal (and Percentage of the population), optionally plus Totaal.
/// `vast` gives rows in order with their keys, zero rows included (the contract's ordering
/// rule); other values follow, keyed by their value.
pub fn distribution(
    id: TableId,
    counts: &[(Option<String>, u64)],
    vast: &[(Rij, String)],
    shape: Shape,
) -> Table {
    let with_percentage = shape.percentage;
    let vocabulary: Vec<String> = vast.iter().map(|(_, l)| l.clone()).collect();
    let ordered = order_labels(counts, &vocabulary);
    // `order_labels` lists the vocabulary first, in its order: the first rows are `vast`'s.
    let keys: Vec<Rij> = ordered
        .iter()
        .enumerate()
        .map(|(i, (label, onbekend))| match vast.get(i) {
            Some((key, _)) if !onbekend => key.clone(),
            _ => rij_key(label, *onbekend),
        })
        .collect();
    let values: Vec<u64> = ordered
        .iter()
        .map(|(label, onbekend)| {
            counts
                .iter()
                .filter(|(l, _)| {
                    if *onbekend {
                        l.is_none()
                    } else {
                        l.as_deref() == Some(label)
                    }
                })
                .map(|(_, n)| *n)
                .sum()
        })
        .collect();
    let pct = percentages(&values);
    let total: u64 = values.iter().sum();
    let mut rijen: Vec<Row> = ordered
        .into_iter()
        .zip(keys)
        .zip(&values)
        .zip(&pct)
        .map(|((((label, _), key), &n), &p)| Row {
            label,
            waarden: cells(n, p, with_percentage),
            kind: kind(&key),
            key,
        })
        .collect();
    let total_pct = if total == 0 { 0.0 } else { 100.0 };
    if shape.totaal {
        rijen.push(Row {
            label: TOTAAL.into(),
            waarden: cells(total, total_pct, with_percentage),
            kind: RowKind::Totaal,
            key: Rij::Totaal,
        });
    }
    let mut kolommen = vec![(Kol::Aantal, "Aantal".to_string())];
    if with_percentage {
        kolommen.push((Kol::Percentage, "Percentage".into()));
    }
    Table::new(id, kolommen, rijen)
}

/// A label (`None`: Onbekend) with its count per year.
type YearRow = (Option<String>, Vec<u64>);

/// Categories × years (newest first) + "Totaal (N jr)"; a configured vocabulary's terms first
/// in its order (with zeros), the other rows by that total descending, ties by name, Onbekend
/// last, then a Totaal row.
pub fn over_years(
    id: TableId,
    counts: &[(Option<String>, String, u64)],
    columns: &[(Kol, String)],
    vocabulary: &[String],
) -> Table {
    let years = columns;
    let year_labels: Vec<String> = columns.iter().map(|(_, h)| h.clone()).collect();
    let mut labels: Vec<Option<String>> = vocabulary.iter().cloned().map(Some).collect();
    for (l, _, _) in counts {
        let known = labels.iter().any(|x| match (x, l) {
            (Some(a), Some(b)) => {
                crate::register::normalize::label_key(a) == crate::register::normalize::label_key(b)
            }
            (None, None) => true,
            _ => false,
        });
        if !known {
            labels.push(l.clone());
        }
    }
    let rows: Vec<YearRow> = labels
        .into_iter()
        .map(|l| {
            let v: Vec<u64> = year_labels
                .iter()
                .map(|y| {
                    counts
                        .iter()
                        .filter(|(c, cy, _)| c == &l && cy == y)
                        .map(|(_, _, n)| n)
                        .sum()
                })
                .collect();
            (l, v)
        })
        .collect();
    // A configured vocabulary gives its order here too (as in every other table): its labels
    // are the first rows, in its order; the other labels follow by their total over the years.
    let n_vocabulary = vocabulary.len();
    let mut rows: Vec<(usize, YearRow)> = rows.into_iter().enumerate().collect();
    rows.sort_by(|(ia, a), (ib, b)| {
        a.0.is_none()
            .cmp(&b.0.is_none())
            .then_with(|| match (*ia < n_vocabulary, *ib < n_vocabulary) {
                (true, true) => ia.cmp(ib),
                (va, vb) => vb.cmp(&va),
            })
            .then_with(|| b.1.iter().sum::<u64>().cmp(&a.1.iter().sum::<u64>()))
            .then_with(|| match (&a.0, &b.0) {
                (Some(x), Some(y)) => super::order::natural_cmp(x, y),
                _ => std::cmp::Ordering::Equal,
            })
    });
    let mut sum = vec![0u64; years.len()];
    let mut rijen: Vec<Row> = Vec::new();
    for (_, (label, v)) in rows {
        for (s, n) in sum.iter_mut().zip(&v) {
            *s += n;
        }
        let (label, key) = match label {
            Some(l) => (l.clone(), Rij::Waarde(l)),
            None => (super::table::ONBEKEND.into(), Rij::Onbekend),
        };
        rijen.push(row_with_total(label, key, &v));
    }
    rijen.push(row_with_total(TOTAAL.into(), Rij::Totaal, &sum));
    let mut kolommen = columns.to_vec();
    kolommen.push((Kol::Totaal, format!("{TOTAAL} ({} jr)", years.len())));
    Table::new(id, kolommen, rijen)
}

/// A row of counts with their sum as the last cell (the Totaal column).
fn row_with_total(label: String, key: Rij, v: &[u64]) -> Row {
    let mut waarden: Vec<Cell> = v.iter().map(|&n| Cell::Aantal(n)).collect();
    waarden.push(Cell::Aantal(v.iter().sum()));
    Row {
        label,
        waarden,
        kind: kind(&key),
        key,
    }
}

/// Indicator rows (key, label, count, population) with Aantal and a Percentage of each row's
/// own population.
pub fn indicators(id: TableId, rows: Vec<(Rij, String, u64, u64)>) -> Table {
    let rijen = rows
        .into_iter()
        .map(|(key, label, n, of)| Row {
            label,
            waarden: vec![Cell::Aantal(n), Cell::Percentage(super::pct(n, of))],
            kind: kind(&key),
            key,
        })
        .collect();
    let kolommen = vec![
        (Kol::Aantal, "Aantal".into()),
        (Kol::Percentage, "Percentage".into()),
    ];
    Table::new(id, kolommen, rijen)
}

fn cells(n: u64, p: f64, with_percentage: bool) -> Vec<Cell> {
    let mut v = vec![Cell::Aantal(n)];
    if with_percentage {
        v.push(Cell::Percentage(p));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums_hold(t: &Table) {
        let total = t.rijen.last().expect("Totaal row");
        assert_eq!(total.kind, RowKind::Totaal);
        for col in 0..t.kolommen.len() {
            let body: f64 = t.rijen[..t.rijen.len() - 1]
                .iter()
                .map(|r| match r.waarden[col] {
                    Cell::Aantal(n) => n as f64,
                    Cell::Percentage(p) => p,
                    _ => panic!("hidden cell in a test without suppression"),
                })
                .sum();
            let tot = match total.waarden[col] {
                Cell::Aantal(n) => n as f64,
                Cell::Percentage(p) => p,
                _ => panic!("hidden cell in a test without suppression"),
            };
            assert!((body - tot).abs() < 1e-9, "{}: column {col}", t.id.as_str());
        }
        if t.has_total_column() {
            for r in &t.rijen {
                let n = r.waarden.len();
                let body: u64 = r.waarden[..n - 1]
                    .iter()
                    .map(|c| if let Cell::Aantal(n) = c { *n } else { 0 })
                    .sum();
                assert_eq!(Cell::Aantal(body), r.waarden[n - 1]);
            }
        }
    }

    #[test]
    fn quarter_table_totals_are_sums() {
        let t = by_quarter(
            TableId::KlagersPerClusterKwartaal,
            &[
                (Some("Wonen".into()), [1, 0, 2, 0]),
                (None, [0, 1, 0, 0]),
                (Some("Zorg".into()), [3, 3, 0, 1]),
            ],
            &[],
        );
        let labels: Vec<&str> = t.rijen.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Zorg", "Wonen", "Onbekend", "Totaal"]);
        assert_eq!(t.rijen[3].waarden[4], Cell::Aantal(11));
        sums_hold(&t);
    }

    #[test]
    fn distribution_with_percentages_sums_to_100() {
        let t = distribution(
            TableId::KlagersPerType,
            &[(Some("Cliënt".into()), 2), (Some("Nabestaande".into()), 1)],
            &[],
            Shape {
                percentage: true,
                totaal: true,
            },
        );
        assert_eq!(
            t.rijen[0].waarden,
            vec![Cell::Aantal(2), Cell::Percentage(66.7)]
        );
        sums_hold(&t);
    }

    #[test]
    fn years_newest_first_sorted_by_total() {
        let t = over_years(
            TableId::CategorieenMeerjarig,
            &[
                (Some("A".into()), "2024".into(), 1),
                (Some("B".into()), "2023".into(), 5),
                (Some("A".into()), "2022".into(), 2),
                (None, "2024".into(), 9),
            ],
            &[2024, 2023, 2022].map(|y| (Kol::Jaar(y), y.to_string())),
            &[],
        );
        assert_eq!(t.kolommen, ["2024", "2023", "2022", "Totaal (3 jr)"]);
        let labels: Vec<&str> = t.rijen.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["B", "A", "Onbekend", "Totaal"]);
        assert_eq!(t.rijen[1].waarden, [1, 0, 2, 3].map(Cell::Aantal).to_vec());
        sums_hold(&t);
    }

    /// A configured vocabulary gives its order over the years too (zero rows included); the
    /// other labels follow by total, Onbekend last.
    #[test]
    fn years_keep_the_configured_order() {
        let t = over_years(
            TableId::CategorieenMeerjarig,
            &[
                (Some("A".into()), "2024".into(), 1),
                (Some("B".into()), "2023".into(), 5),
                (Some("C".into()), "2023".into(), 7),
                (None, "2024".into(), 9),
            ],
            &[2024, 2023, 2022].map(|y| (Kol::Jaar(y), y.to_string())),
            &["Z".into(), "A".into(), "B".into()],
        );
        let labels: Vec<&str> = t.rijen.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Z", "A", "B", "C", "Onbekend", "Totaal"]);
        assert_eq!(t.rijen[0].waarden, [0, 0, 0, 0].map(Cell::Aantal).to_vec());
        sums_hold(&t);
    }

    #[test]
    fn empty_population_gives_zero_not_nan() {
        let t = distribution(
            TableId::KlagersPerType,
            &[],
            &[],
            Shape {
                percentage: true,
                totaal: true,
            },
        );
        assert_eq!(t.rijen.len(), 1);
        assert_eq!(
            t.rijen[0].waarden,
            vec![Cell::Aantal(0), Cell::Percentage(0.0)]
        );
    }
}
