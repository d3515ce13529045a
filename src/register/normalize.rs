//! How cells are compared and cleaned: the matching rules shared by every text comparison
//! (headers, closed lists, open-list labels, vocabularies).
//!
//! Matching is case-, accent- and space-insensitive: [`fold`] maps "Cliënt", "client" and
//! " CLIENT " onto one key; [`label_key`] is the stricter key of the open lists (symbols and
//! digits never merge); [`clean`] is what a label looks like once stored.

use unicode_normalization::UnicodeNormalization;

/// Folds text to a matching key: lowercase, accents removed, everything but letters and
/// digits dropped. "Niet-ontvankelijk", "niet ontvankelijk" and "NIET_ONTVANKELIJK" agree.
pub fn fold(raw: &str) -> String {
    // Fast path: plain ASCII needs no decomposition (most cells of most registers).
    if raw.is_ascii() {
        return raw
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    raw.nfd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`fold`] of `raw` when the key has at most `max` characters; `None` as soon as it would
/// have more. A long cell (a complaint's description among the title lines) is folded no
/// further than it takes to know it names no column.
pub fn fold_within(raw: &str, max: usize) -> Option<String> {
    let mut key = String::new();
    let mut chars = 0usize;
    let mut push = |c: char| {
        key.push(c);
        chars += 1;
        chars <= max
    };
    let fits = if raw.is_ascii() {
        raw.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .all(|b| push(char::from(b.to_ascii_lowercase())))
    } else {
        raw.nfd()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .all(push)
    };
    fits.then_some(key)
}

/// The key under which two spellings of an open-list label (cluster, categorie, soort_zorg,
/// zorgaanbieder) are one label. These differences merge: upper and lower case, accents,
/// width and compatibility forms (NFKC: "＝" is "="), white space, and the punctuation that
/// only separates words (`, . ; : / \ - _`, quotes and dashes) — "Bejegening,niet serieus
/// genomen" and "Bejegening / niet serieus genomen" are one. These never merge: digits, and
/// every other symbol, since it can change the meaning ("Zorg & Welzijn" is not "Zorg
/// Welzijn", "{=1+1}" is not "=1+1", "< 18 jaar" is not "18 jaar"). Every merge of two
/// different spellings is reported (`IssueKind::Merged`), never silent.
///
/// ```
/// use klachtverslag::register::normalize::label_key;
/// assert_eq!(label_key("Bejegening,niet serieus genomen"), label_key("bejegening / Niet serieus genomen"));
/// assert_ne!(label_key("Zorg & Welzijn"), label_key("Zorg Welzijn"));
/// assert_ne!(label_key("{=1+1}"), label_key("=1+1"));
/// assert_eq!(label_key("＝1+1"), label_key("=1+1"));
/// ```
pub fn label_key(raw: &str) -> String {
    let separator = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '.'
                    | ';'
                    | ':'
                    | '/'
                    | '\\'
                    | '-'
                    | '_'
                    | '\''
                    | '"'
                    | '`'
                    | '´'
                    | '‘'
                    | '’'
                    | '“'
                    | '”'
                    | '„'
                    | '‐'
                    | '‑'
                    | '‒'
                    | '–'
                    | '—'
                    | '·'
            )
    };
    let mut out = String::with_capacity(raw.len());
    let mut pending = false;
    for c in raw.nfkc().collect::<String>().nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if separator(c) {
            pending = true;
            continue;
        }
        if pending && !out.is_empty() {
            out.push(' ');
        }
        pending = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// Cleans a free-text label: non-breaking and zero-width spaces removed, runs of white space
/// folded to one space, trimmed.
pub fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_whitespace() => space = true,
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    out
}

/// [`clean`], borrowed when the cell is clean already (plain ASCII, single spaces between
/// words: nearly every klachtnummer).
pub fn clean_cow(raw: &str) -> std::borrow::Cow<'_, str> {
    let b = raw.as_bytes();
    let plain = b.iter().all(|&c| c.is_ascii_graphic() || c == b' ')
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !raw.contains("  ");
    if plain { raw.into() } else { clean(raw).into() }
}

/// Whether a cell holds nothing but white space and invisible characters (what [`clean`]
/// would make empty), without building the cleaned text.
pub fn is_blank(raw: &str) -> bool {
    raw.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_within_is_fold_up_to_the_bound() {
        for raw in [
            "",
            "Datum ontvangst",
            "DATUM_ONTVANGST",
            "Categorieën",
            "  k l a c h t n u m m e r  ",
            "İstanbul ﬁ ǅ",
            "Een lange omschrijving van een klacht, met accenten: één, twee, drieëntwintig.",
        ] {
            let full = fold(raw);
            let n = full.chars().count();
            assert_eq!(fold_within(raw, n), Some(full.clone()), "{raw}");
            assert_eq!(fold_within(raw, n + 5), Some(full.clone()), "{raw}");
            if n > 0 {
                assert_eq!(fold_within(raw, n - 1), None, "{raw}");
            }
        }
    }

    #[test]
    fn clean_cow_is_the_cleaned_text() {
        for raw in [
            "K-2024-001",
            "K 1",
            " K1",
            "K1 ",
            "K  1",
            "K\t1",
            "Kl\u{e9}cht 1",
            "K\u{200B}1",
            "",
            " ",
            "A B C",
            "\u{a0}K1",
            "K1\n",
        ] {
            assert_eq!(&*clean_cow(raw), clean(raw).as_str(), "{raw:?}");
        }
    }

    #[test]
    fn fold_ignores_case_accents_and_spacing() {
        assert_eq!(fold(" Cliënt "), "client");
        assert_eq!(fold("Niet-ontvankelijk"), fold("niet ontvankelijk"));
        assert_eq!(fold("E-mail"), "email");
    }

    #[test]
    fn clean_removes_invisible_spaces() {
        assert_eq!(
            clean("\u{00A0}Bejegening\u{200B}  en   zorg "),
            "Bejegening en zorg"
        );
    }
}
