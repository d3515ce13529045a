//! Characters the embedded fonts cannot show. Typst refuses a PDF/A with a glyph it cannot
//! display, so one such character would lose the whole report. The fonts include fallbacks
//! for the scripts a Dutch care provider meets (see `report-templates/fonts/`), and whatever
//! no font has is replaced in the PDF only by a visible placeholder, □, with a Dutch warning
//! that names bestand, rij and kolom. The JSON and the XLSX keep the text as it is.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::register::issue::{Issue, IssueKind, Location, Severity};
use crate::register::{Kolom, Register};

/// What the PDF prints for a character no embedded font has.
pub const PLAATSHOUDER: char = '□';

/// The embedded fonts, each read (its character coverage computed) the first time a
/// character needs it, in the template's fallback order: Dutch text needs Open Sans only, so
/// the large fallback fonts (4 MB of CJK among them) are read only for a register that has
/// such characters.
static FONTS: [OnceLock<Option<typst::text::Font>>; super::fonts::FONTS.len()] =
    [const { OnceLock::new() }; super::fonts::FONTS.len()];

fn font(i: usize) -> Option<&'static typst::text::Font> {
    FONTS[i]
        .get_or_init(|| {
            typst::text::Font::new(typst::foundations::Bytes::new(super::fonts::FONTS[i]), 0)
        })
        .as_ref()
}

/// Whether some embedded font has a glyph for `c`.
pub fn can_show(c: char) -> bool {
    c.is_ascii()
        || (0..FONTS.len())
            .any(|i| font(i).is_some_and(|f| f.info().coverage.contains(u32::from(c))))
}

/// What becomes of a character in the PDF: itself, nothing (an invisible format character or
/// combining mark no font has: a variation selector after an emoji, a stray zero-width
/// joiner), or the placeholder.
enum Lot {
    Keep,
    Drop,
    Replace,
}

fn lot(c: char) -> Lot {
    if c == '\n' || c == '\t' || can_show(c) {
        return Lot::Keep;
    }
    match c.general_category() {
        GeneralCategory::Format
        | GeneralCategory::NonspacingMark
        | GeneralCategory::EnclosingMark
        | GeneralCategory::Control => Lot::Drop,
        _ => Lot::Replace,
    }
}

/// The text as the PDF can print it, and the characters that were replaced.
pub fn scrub(s: &str) -> (std::borrow::Cow<'_, str>, Vec<char>) {
    if s.chars().all(|c| matches!(lot(c), Lot::Keep)) {
        return (std::borrow::Cow::Borrowed(s), Vec::new());
    }
    let mut out = String::with_capacity(s.len());
    let mut replaced = Vec::new();
    for c in s.chars() {
        match lot(c) {
            Lot::Keep => out.push(c),
            Lot::Drop => {}
            Lot::Replace => {
                out.push(PLAATSHOUDER);
                if !replaced.contains(&c) {
                    replaced.push(c);
                }
            }
        }
    }
    (std::borrow::Cow::Owned(out), replaced)
}

/// Replaces, in every string of the report's data, what no font can show.
pub fn scrub_value(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => {
            if let (std::borrow::Cow::Owned(new), _) = scrub(s) {
                *s = new;
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(scrub_value),
        serde_json::Value::Object(o) => o.values_mut().for_each(scrub_value),
        _ => {}
    }
}

/// The warnings for a register and config: each open-list value with characters no font can
/// show, at its first rij (and how many other rijen have it), and each config text.
pub fn check(register: &Register, r: &super::Options) -> Vec<Issue> {
    // (kolom, value) -> (file, first rij, rows)
    let mut found: BTreeMap<(Kolom, &str), (usize, u32, usize)> = BTreeMap::new();
    // Labels are shared by every complaint that has them: each distinct one (by address) is
    // screened once, not once per complaint.
    let mut printable: rustc_hash::FxHashMap<(usize, usize), bool> = Default::default();
    for k in &register.klachten {
        let labels = [
            (Kolom::Cluster, k.cluster.as_deref()),
            (Kolom::SoortZorg, k.soort_zorg.as_deref()),
            (Kolom::Zorgaanbieder, k.zorgaanbieder.as_deref()),
        ]
        .into_iter()
        .filter_map(|(kolom, l)| l.map(|l| (kolom, l)))
        .chain(k.categorieen.iter().map(|c| (Kolom::Categorie, &**c)));
        for (kolom, label) in labels {
            let ok = *printable
                .entry((label.as_ptr() as usize, label.len()))
                .or_insert_with(|| scrub(label).1.is_empty());
            if ok {
                continue;
            }
            if let Some(e) = found.get_mut(&(kolom, label)) {
                e.2 += 1;
            } else {
                found.insert((kolom, label), (k.bron.file_index(), k.bron.row, 1));
            }
        }
    }
    let mut issues: Vec<Issue> = found
        .into_iter()
        .map(|((kolom, label), (file, row, rows))| Issue {
            at: Location {
                file: register.files.get(file).cloned().unwrap_or_default(),
                sheet: register.sheets.get(file).cloned().flatten(),
                row: Some(row),
                column: Some(register.kop(file, kolom)),
            },
            kind: IssueKind::Unprintable {
                sleutel: None,
                raw: label.to_string(),
                chars: scrub(label).1.into_iter().collect(),
                other_rows: rows - 1,
            },
            severity: Severity::Waarschuwing,
        })
        .collect();
    let config = PathBuf::from(
        r.config_file
            .as_ref()
            .map_or("configuratie", |(name, _)| name.as_str()),
    );
    let t = &r.teksten;
    let texts = [
        ("[organisatie] naam", Some(&r.organisatie)),
        ("[verslag] titel", Some(&r.titel)),
        ("[verslag] auteur", r.auteur.as_ref()),
        ("[teksten] voorwoord", t.voorwoord.as_ref()),
        ("[teksten] kader", t.kader.as_ref()),
        ("[teksten] adviezen", t.adviezen.as_ref()),
        ("[teksten] plannen", t.plannen.as_ref()),
    ];
    for (key, text) in texts {
        if let Some(text) = text {
            let chars = scrub(text).1;
            if !chars.is_empty() {
                issues.push(Issue {
                    at: Location {
                        file: config.clone(),
                        sheet: None,
                        row: None,
                        column: None,
                    },
                    kind: IssueKind::Unprintable {
                        sleutel: Some(key.to_string()),
                        raw: text.clone(),
                        chars: chars.into_iter().collect(),
                        other_rows: 0,
                    },
                    severity: Severity::Waarschuwing,
                });
            }
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_a_care_provider_meets_are_shown_and_the_rest_is_a_placeholder() {
        for text in [
            "Zorg → Welzijn",
            "مركز الرعاية",
            "בית אבות",
            "देखभाल केंद्र",
            "护理中心",
            "介護センター",
            "ቤተ ክርስቲያን",
            "Ελληνικά",
            "Кириллица",
            "✓ ★ ☎",
        ] {
            let (out, replaced) = scrub(text);
            assert!(replaced.is_empty(), "{text}: {replaced:?}");
            assert_eq!(out, text);
        }
        // Many emoji are in DejaVu Sans (monochrome). An emoji no font has becomes the
        // placeholder; an invisible character no font has is dropped.
        assert!(scrub("Bejegening 😡\u{FE0F}").1.is_empty());
        assert_eq!(scrub("a\u{E0001}b").0, "ab");
        let (out, replaced) = scrub("Tandarts 🦷");
        assert_eq!(out, "Tandarts □");
        assert_eq!(replaced, ['🦷']);
        // Korean Hangul is not in Droid Sans Fallback (see report-templates/fonts/README.md).
        assert_eq!(scrub("요양원").0, "□□□");
    }
}
