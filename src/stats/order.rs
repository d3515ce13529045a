//! Row order and percentages, as the contract decides them.
//!
//! "A configured vocabulary gives its order (zero rows included); values not in it follow,
//! by count descending; without configuration, by count descending, ties by name, with
//! natural sort for numbered names. Unknown or empty values go to one row Onbekend, last."

use std::cmp::Ordering;

use crate::register::normalize::{fold, label_key};

/// Orders labels with counts. `None` stands for unknown/empty and becomes the last row
/// (only when it has a count). Returns `(label, is_onbekend)`.
pub fn order_labels(
    counts: &[(Option<String>, u64)],
    vocabulary: &[String],
) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = vocabulary.iter().map(|v| (v.clone(), false)).collect();
    let mut rest: Vec<(&String, u64)> = counts
        .iter()
        .filter_map(|(l, n)| l.as_ref().map(|l| (l, *n)))
        .filter(|(l, _)| !vocabulary.iter().any(|v| label_key(v) == label_key(l)))
        .collect();
    rest.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| natural_cmp(a.0, b.0)));
    out.extend(rest.into_iter().map(|(l, _)| (l.clone(), false)));
    let unknown: u64 = counts
        .iter()
        .filter(|(l, _)| l.is_none())
        .map(|(_, n)| n)
        .sum();
    if unknown > 0 {
        out.push((super::table::ONBEKEND.to_string(), true));
    }
    out
}

/// Natural, case- and accent-insensitive order: "2. Wonen" before "10. Zorg".
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (ka, kb) = (chunks(a), chunks(b));
    ka.cmp(&kb).then_with(|| a.cmp(b))
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Chunk {
    // Numbers sort before text, as in file managers.
    Num(u128, usize),
    Text(String),
}

fn chunks(s: &str) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                digits.push(d);
                chars.next();
            }
            let trimmed = digits.trim_start_matches('0');
            out.push(Chunk::Num(
                trimmed.parse().unwrap_or(u128::MAX),
                digits.len(),
            ));
        } else {
            let mut text = String::new();
            while let Some(&d) = chars.peek().filter(|d| !d.is_ascii_digit()) {
                text.push(d);
                chars.next();
            }
            let folded = fold(&text);
            if !folded.is_empty() {
                out.push(Chunk::Text(folded));
            }
        }
    }
    out
}

/// Percentages with one decimal that add up to exactly 100.0 (largest remainder), so a
/// Totaal row of 100,0% is the sum of its cells. All zero for an empty population.
pub fn percentages(counts: &[u64]) -> Vec<f64> {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return vec![0.0; counts.len()];
    }
    // Work in tenths of a percent: 1000 units.
    let exact: Vec<(usize, u128, u128)> = counts
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let scaled = c as u128 * 1000;
            (i, scaled / total as u128, scaled % total as u128)
        })
        .collect();
    let mut tenths: Vec<u128> = exact.iter().map(|e| e.1).collect();
    let assigned: u128 = tenths.iter().sum();
    let mut order: Vec<&(usize, u128, u128)> = exact.iter().collect();
    order.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    for e in order.into_iter().take((1000 - assigned) as usize) {
        tenths[e.0] += 1;
    }
    tenths.into_iter().map(|t| t as f64 / 10.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(l: &str, n: u64) -> (Option<String>, u64) {
        (Some(l.to_string()), n)
    }

    #[test]
    fn by_count_then_natural_name_unknown_last() {
        let rows = order_labels(
            &[
                c("10. Zorg", 3),
                (None, 9),
                c("2. Wonen", 3),
                c("Bejegening", 5),
            ],
            &[],
        );
        let labels: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(labels, ["Bejegening", "2. Wonen", "10. Zorg", "Onbekend"]);
        assert!(rows[3].1);
    }

    #[test]
    fn vocabulary_first_with_zero_rows() {
        let rows = order_labels(&[c("Extra", 7), c("B", 1)], &["A".into(), "B".into()]);
        let labels: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(labels, ["A", "B", "Extra"]);
    }

    #[test]
    fn percentages_sum_to_100() {
        let p = percentages(&[1, 1, 1]);
        assert_eq!(
            p.iter().map(|x| (x * 10.0).round() as i64).sum::<i64>(),
            1000
        );
        assert_eq!(p, vec![33.4, 33.3, 33.3]);
        assert_eq!(percentages(&[0, 0]), vec![0.0, 0.0]);
        assert_eq!(percentages(&[12, 31]), vec![27.9, 72.1]);
    }
}
