//! Dutch number and date formatting, done in Rust so that templates only place text; and the
//! edit distance behind the messages' "bedoelt u …?" (a misspelt header, a placeholder).

use chrono::{Datelike, NaiveDate};

/// A whole number with Dutch thousands separators.
///
/// ```
/// assert_eq!(klachtverslag::nl::getal(1234567), "1.234.567");
/// ```
pub fn getal(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A number with one decimal and a decimal comma: `7,0`.
pub fn decimaal(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    format!("{sign}{},{}", getal(t / 10), t % 10)
}

/// A number with `n` decimals and a decimal comma: `decimalen(2.345, 2)` is `2,35` (a rate).
pub fn decimalen(x: f64, n: u32) -> String {
    let schaal = 10u64.pow(n);
    let delen = (x.abs() * schaal as f64).round() as u64;
    let sign = if x < 0.0 && delen > 0 { "-" } else { "" };
    format!(
        "{sign}{},{:0width$}",
        getal(delen / schaal),
        delen % schaal,
        width = n as usize
    )
}

/// A percentage with one decimal: `54,1%`.
///
/// ```
/// assert_eq!(klachtverslag::nl::procent(54.1), "54,1%");
/// ```
pub fn procent(x: f64) -> String {
    format!("{}%", decimaal(x))
}

const MAANDEN: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// The share `n` of `of` as a whole percentage for running text, rounded once from the exact
/// fraction (half up): 53 of 226 is 23.45 %, so "23%". An empty population gives "0%".
///
/// ```
/// assert_eq!(klachtverslag::nl::procent_van(53, 226), "23%");
/// assert_eq!(klachtverslag::nl::procent_van(1, 8), "13%");
/// ```
pub fn procent_van(n: u64, of: u64) -> String {
    if of == 0 {
        return "0%".into();
    }
    let (n, of) = (u128::from(n), u128::from(of));
    format!("{}%", (200 * n + of) / (2 * of))
}

/// A date in words: `12 maart 2024`.
pub fn datum(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MAANDEN[d.month0() as usize], d.year())
}

/// A list in a sentence: "2022, 2023 en 2024".
///
/// ```
/// assert_eq!(klachtverslag::nl::opsomming(&["2022", "2023", "2024"]), "2022, 2023 en 2024");
/// ```
pub fn opsomming(items: &[impl AsRef<str>]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} en {}", rest.join(", "), last.as_ref())
        }
        Some((last, _)) => last.as_ref().to_string(),
        None => String::new(),
    }
}

/// Edit distance (Levenshtein) between two strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(getal(0), "0");
        assert_eq!(getal(999), "999");
        assert_eq!(getal(1000), "1.000");
        assert_eq!(decimaal(7.04), "7,0");
        assert_eq!(decimaal(1234.56), "1.234,6");
        assert_eq!(procent(100.0), "100,0%");
    }

    #[test]
    fn dates() {
        assert_eq!(
            datum(NaiveDate::from_ymd_opt(2024, 3, 12).unwrap()),
            "12 maart 2024"
        );
    }
}
