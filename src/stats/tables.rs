//! The contract's tables, each built from counts that `frame` computed with polars.
//!
//! Two shapes cover them: a crosstab by quarter (rows × Q1..Q4 + Totaal) and a distribution
//! (rows × Aantal [+ Percentage]). Every table ends with a Totaal row that is the sum of the
//! cells above it, by construction.

use super::order::{order_labels, percentages};
use super::table::{Cell, Row, RowKind, TOTAAL, Table, TableId};

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
        rijen.push(quarter_row(
            label,
            q,
            if onbekend {
                RowKind::Onbekend
            } else {
                RowKind::Data
            },
        ));
    }
    rijen.push(quarter_row(TOTAAL.into(), sum, RowKind::Totaal));
    Table {
        id,
        titel: id.titel().into(),
        kolommen: ["Q1", "Q2", "Q3", "Q4", TOTAAL].map(String::from).to_vec(),
        rijen,
    }
}

fn quarter_row(label: String, q: [u64; 4], kind: RowKind) -> Row {
    let mut waarden: Vec<Cell> = q.iter().map(|&n| Cell::Aantal(n)).collect();
    waarden.push(Cell::Aantal(q.iter().sum()));
    Row {
        label,
        waarden,
        kind,
    }
}

/// Rows per label with Aantal (and Percentage of the population), plus Totaal.
/// `fixed` gives a closed row set in order (zero rows included), else the contract's ordering.
pub fn distribution(
    id: TableId,
    counts: &[(Option<String>, u64)],
    vocabulary: &[String],
    with_percentage: bool,
) -> Table {
    let ordered = order_labels(counts, vocabulary);
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
        .zip(&values)
        .zip(&pct)
        .map(|(((label, onbekend), &n), &p)| Row {
            label,
            waarden: cells(n, p, with_percentage),
            kind: if onbekend {
                RowKind::Onbekend
            } else {
                RowKind::Data
            },
        })
        .collect();
    let total_pct = if total == 0 { 0.0 } else { 100.0 };
    rijen.push(Row {
        label: TOTAAL.into(),
        waarden: cells(total, total_pct, with_percentage),
        kind: RowKind::Totaal,
    });
    let mut kolommen = vec!["Aantal".to_string()];
    if with_percentage {
        kolommen.push("Percentage".into());
    }
    Table {
        id,
        titel: id.titel().into(),
        kolommen,
        rijen,
    }
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
                })
                .sum();
            let tot = match total.waarden[col] {
                Cell::Aantal(n) => n as f64,
                Cell::Percentage(p) => p,
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
            true,
        );
        assert_eq!(
            t.rijen[0].waarden,
            vec![Cell::Aantal(2), Cell::Percentage(66.7)]
        );
        sums_hold(&t);
    }

    #[test]
    fn empty_population_gives_zero_not_nan() {
        let t = distribution(TableId::KlagersPerType, &[], &[], true);
        assert_eq!(t.rijen.len(), 1);
        assert_eq!(
            t.rijen[0].waarden,
            vec![Cell::Aantal(0), Cell::Percentage(0.0)]
        );
    }
}
