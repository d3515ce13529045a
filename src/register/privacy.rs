//! Personal data in fields that are published (categorie, cluster, soort_zorg): a BSN (nine
//! digits that pass the elfproef), a Dutch phone number, an e-mail address. `check` warns with
//! rij and kolom (without repeating the value) and the value is masked before it is stored, so
//! no output can contain it.

use std::ops::Range;

/// Replacement text for masked personal data.
pub const MASK: &str = "[verwijderd]";

/// Kinds of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persoonsgegeven {
    /// Burgerservicenummer.
    Bsn,
    /// Phone number.
    Telefoon,
    /// E-mail address.
    Email,
}

impl Persoonsgegeven {
    /// Dutch name for messages.
    pub fn naam(self) -> &'static str {
        match self {
            Persoonsgegeven::Bsn => "een BSN",
            Persoonsgegeven::Telefoon => "een telefoonnummer",
            Persoonsgegeven::Email => "een e-mailadres",
        }
    }
}

/// The elfproef of a BSN: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not all zeros).
pub fn elfproef(digits: &[u8]) -> bool {
    if digits.len() != 9 || digits.iter().all(|d| *d == 0) {
        return false;
    }
    let sum: i64 = digits[..8]
        .iter()
        .enumerate()
        .map(|(i, d)| (9 - i as i64) * i64::from(*d))
        .sum::<i64>()
        - i64::from(digits[8]);
    sum % 11 == 0
}

fn emails(s: &str) -> Vec<Range<usize>> {
    let b = s.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
    let domain = |c: u8| c.is_ascii_alphanumeric() || c == b'.' || c == b'-';
    let mut out = Vec::new();
    for (at, _) in s.match_indices('@') {
        let mut start = at;
        while start > 0 && local(b[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < b.len() && domain(b[end]) {
            end += 1;
        }
        let host = s[at + 1..end].trim_end_matches('.');
        let end = at + 1 + host.len();
        let tld_ok = host.rsplit_once('.').is_some_and(|(h, tld)| {
            !h.is_empty() && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic())
        });
        if start < at && tld_ok {
            out.push(start..end);
        }
    }
    out
}

/// Runs of digits with the separators people write in numbers (space, `-`, `.`, `(`, `)`, a
/// leading `+`), as (byte range, digits).
fn digit_runs(s: &str) -> Vec<(Range<usize>, Vec<u8>)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() || (b[i] == b'+' && b.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            let start = i;
            let mut digits = Vec::new();
            let mut last_digit = i;
            while i < b.len() && (b[i].is_ascii_digit() || b" -.()+".contains(&b[i])) {
                if b[i].is_ascii_digit() {
                    digits.push(b[i] - b'0');
                    last_digit = i;
                }
                i += 1;
            }
            out.push((start..last_digit + 1, digits));
            i = last_digit + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn is_phone(text: &str, digits: &[u8]) -> bool {
    let international = text.starts_with('+') || digits.starts_with(&[0, 0, 3, 1]);
    match digits.len() {
        10 => digits[0] == 0 && digits[1] != 0,
        11 => international && digits.starts_with(&[3, 1]),
        13 => digits.starts_with(&[0, 0, 3, 1]),
        _ => false,
    }
}

/// Finds personal data in a text.
pub fn find(s: &str) -> Vec<(Range<usize>, Persoonsgegeven)> {
    let mut out: Vec<(Range<usize>, Persoonsgegeven)> = emails(s)
        .into_iter()
        .map(|r| (r, Persoonsgegeven::Email))
        .collect();
    for (range, digits) in digit_runs(s) {
        if out
            .iter()
            .any(|(r, _)| r.start <= range.start && range.end <= r.end)
        {
            continue;
        }
        let text = &s[range.clone()];
        if digits.len() == 9 && elfproef(&digits) {
            out.push((range, Persoonsgegeven::Bsn));
        } else if is_phone(text, &digits) {
            out.push((range, Persoonsgegeven::Telefoon));
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// Masks personal data. Returns the masked text and what was found.
pub fn mask(s: &str) -> (String, Vec<Persoonsgegeven>) {
    let found = find(s);
    if found.is_empty() {
        return (s.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for (r, _) in &found {
        if r.start >= at {
            out.push_str(&s[at..r.start]);
            out.push_str(MASK);
            at = r.end;
        }
    }
    out.push_str(&s[at..]);
    (out, found.into_iter().map(|(_, k)| k).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bsn_needs_the_elfproef() {
        // 111222333: 9+8+7+12+10+8+9+6 −3 = 66 = 6·11.
        assert!(elfproef(&[1, 1, 1, 2, 2, 2, 3, 3, 3]));
        assert!(!elfproef(&[1, 1, 1, 2, 2, 2, 3, 3, 4]));
        assert_eq!(mask("klacht van 111222333").0, "klacht van [verwijderd]");
        assert_eq!(mask("ordernummer 111222334").1, vec![]);
    }

    #[test]
    fn phone_numbers_and_emails() {
        for s in [
            "bel 06-12345678",
            "bel 010 123 4567",
            "bel +31 6 12345678",
            "bel 0031612345678",
        ] {
            assert_eq!(mask(s).1, vec![Persoonsgegeven::Telefoon], "{s}");
            assert!(mask(s).0.starts_with("bel [verwijderd]"), "{s}");
        }
        assert_eq!(
            mask("mail j.jansen@example.nl graag").0,
            "mail [verwijderd] graag"
        );
        assert_eq!(
            mask("mail j.jansen@example.nl graag").1,
            vec![Persoonsgegeven::Email]
        );
    }

    #[test]
    fn ordinary_labels_stay() {
        for s in [
            "3. Specialistische Zorg",
            "Wonen 2024",
            "Q1 @ locatie",
            "Team 12-14",
            "Kamer 1.23",
        ] {
            assert_eq!(mask(s), (s.to_string(), vec![]), "{s}");
        }
    }
}
