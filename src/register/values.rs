//! The contract's closed value lists (klager, kanaal, soort, regeling, afhandeling,
//! zorgrelatie, ja/nee) and the matching rules shared by every text comparison.
//!
//! Matching is case-, accent- and space-insensitive: [`fold`] maps "Cliënt", "client" and
//! " CLIENT " onto one key. Aliases come built in (common spellings in real exports) and from
//! the config (`[waarden.klager] "Cliënt" = ["patiënt"]`).

use std::collections::HashMap;
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
/// use klachtverslag::register::values::label_key;
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

/// A closed value list of the contract, implemented by the enums below.
pub trait Closed: Copy + Eq + std::hash::Hash + 'static {
    /// Every value, in the contract's order.
    const ALL: &'static [Self];
    /// The contract's column name.
    const KOLOM: &'static str;
    /// The Dutch label as printed in the report.
    fn label(self) -> &'static str;
    /// Built-in alternative spellings seen in real exports.
    fn builtin_aliases(self) -> &'static [&'static str];
}

macro_rules! closed_list {
    ($(#[$m:meta])* $name:ident, $kolom:literal {
        $($variant:ident => $label:literal $([$($alias:literal),*])?),+ $(,)?
    }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $( #[doc = $label] $variant ),+ }
        impl Closed for $name {
            const ALL: &'static [$name] = &[$($name::$variant),+];
            const KOLOM: &'static str = $kolom;
            fn label(self) -> &'static str { match self { $($name::$variant => $label),+ } }
            fn builtin_aliases(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($($alias),*)?]),+ }
            }
        }
    };
}

closed_list!(
    /// Who complained.
    Klager, "klager" {
        Client => "Cliënt" ["patient", "cliente", "bewoner", "deelnemer"],
        Verwant => "Verwant/vertegenwoordiger" ["verwant", "vertegenwoordiger", "familie", "familielid", "naaste", "mantelzorger", "ouder", "ouders"],
        WettelijkVertegenwoordiger => "Wettelijk vertegenwoordiger" ["curator", "mentor", "bewindvoerder", "voogd"],
        Gemachtigde => "Gemachtigde",
        Nabestaande => "Nabestaande" ["nabestaanden"],
        Zaakwaarnemer => "Zaakwaarnemer",
    }
);

closed_list!(
    /// How the complaint came in.
    Kanaal, "kanaal" {
        Email => "E-mail" ["mail", "emailbericht"],
        Telefoon => "Telefoon" ["telefonisch", "tel"],
        WhatsApp => "WhatsApp" ["app", "whatsappbericht"],
        Brief => "Brief" ["post", "schriftelijk"],
        Klachtenformulier => "Klachtenformulier" ["formulier", "webformulier", "website"],
        Persoonlijk => "Persoonlijk" ["mondeling", "gesprek"],
        ViaDerde => "Via derde" ["derde", "derden", "viaderden"],
    }
);

closed_list!(
    /// Formal or informal complaint.
    Soort, "soort" {
        Formeel => "Formeel" ["formele klacht"],
        Informeel => "Informeel" ["informele klacht"],
    }
);

closed_list!(
    /// Legal regime the complaint falls under.
    Regeling, "regeling" {
        Wkkgz => "Wkkgz",
        Wmo => "Wmo" ["wmo2015"],
        Jeugdwet => "Jeugdwet" ["jw", "jeugd"],
        Wzd => "Wzd" ["wet zorg en dwang"],
    }
);

closed_list!(
    /// How the complaint ended.
    Afhandeling, "afhandeling" {
        Bemiddeld => "Bemiddeld" ["bemiddeling", "opgelost"],
        Gegrond => "Gegrond",
        DeelsGegrond => "Deels gegrond" ["gedeeltelijk gegrond"],
        Ongegrond => "Ongegrond",
        Ingetrokken => "Ingetrokken",
        GeenReactie => "Geen reactie klager" ["geen reactie"],
        Beeindigd => "Beëindigd",
        NietOntvankelijk => "Niet ontvankelijk",
        Melding => "Melding",
        Doorverwezen => "Doorverwezen",
        Lopend => "Lopend" ["in behandeling", "open"],
    }
);

closed_list!(
    /// Whether the care relation still runs.
    Zorgrelatie, "zorgrelatie" {
        Lopend => "Lopend" ["actief", "ja"],
        Beeindigd => "Beëindigd" ["nee", "gestopt"],
    }
);

/// A value that is not in its closed list (the caller knows the cell and reports it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotInList;

/// Values accepted as ja and nee (after [`fold`]).
const JA: &[&str] = &["ja", "j", "yes", "y", "true", "waar", "1", "x"];
const NEE: &[&str] = &["nee", "n", "no", "false", "onwaar", "0"];

/// Reads a ja/nee cell. `Ok(None)` for an empty cell, `Err(NotInList)` for anything else.
pub fn parse_ja_nee(raw: &str) -> Result<Option<bool>, NotInList> {
    // The spellings nearly every register uses, without building a folded key.
    match raw {
        "" => return Ok(None),
        "ja" | "Ja" | "JA" => return Ok(Some(true)),
        "nee" | "Nee" | "NEE" => return Ok(Some(false)),
        _ => {}
    }
    let key = fold(raw);
    if key.is_empty() {
        Ok(None)
    } else if JA.contains(&key.as_str()) {
        Ok(Some(true))
    } else if NEE.contains(&key.as_str()) {
        Ok(Some(false))
    } else {
        Err(NotInList)
    }
}

/// A lookup from folded spelling to value for one closed list: labels, built-in aliases and
/// the configured ones.
#[derive(Debug, Clone)]
pub struct Lookup<T: Closed> {
    map: HashMap<String, T>,
    /// The labels and aliases exactly as written, with what their folded key gives: most
    /// cells are written that way, and are found without folding.
    exact: rustc_hash::FxHashMap<String, T>,
}

impl<T: Closed> Lookup<T> {
    /// Builds the lookup; `extra` are configured aliases per label (already validated).
    pub fn new(extra: &[(T, Vec<String>)]) -> Self {
        let mut map = HashMap::new();
        for &v in T::ALL {
            for alias in v.builtin_aliases() {
                map.insert(fold(alias), v);
            }
        }
        // Labels win over built-in aliases ("Lopend" is both an afhandeling and an alias).
        for &v in T::ALL {
            map.insert(fold(v.label()), v);
        }
        for (v, aliases) in extra {
            for a in aliases {
                map.insert(fold(a), *v);
            }
        }
        let written = T::ALL
            .iter()
            .flat_map(|v| std::iter::once(v.label()).chain(v.builtin_aliases().iter().copied()))
            .map(str::to_string)
            .chain(extra.iter().flat_map(|(_, a)| a.iter().cloned()));
        let mut exact = rustc_hash::FxHashMap::default();
        for w in written {
            for spelling in [w.clone(), w.to_lowercase(), w.to_uppercase()] {
                if let Some(&v) = map.get(&fold(&spelling)) {
                    exact.insert(spelling, v);
                }
            }
        }
        Lookup { map, exact }
    }

    /// Reads a cell: `Ok(None)` when empty, `Err(NotInList)` when not in the list.
    pub fn parse(&self, raw: &str) -> Result<Option<T>, NotInList> {
        if let Some(&v) = self.exact.get(raw) {
            return Ok(Some(v));
        }
        let key = fold(raw);
        if key.is_empty() {
            return Ok(None);
        }
        self.map.get(&key).copied().map(Some).ok_or(NotInList)
    }

    /// The labels, for messages.
    pub fn labels() -> Vec<String> {
        T::ALL.iter().map(|v| v.label().to_string()).collect()
    }
}

/// Finds the value of a closed list by its label (for config validation).
pub fn by_label<T: Closed>(label: &str) -> Option<T> {
    let key = fold(label);
    T::ALL.iter().copied().find(|v| fold(v.label()) == key)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn lookup_uses_labels_builtin_and_config_aliases() {
        let l = Lookup::<Klager>::new(&[(Klager::Client, vec!["Zorgvrager".into()])]);
        assert_eq!(l.parse("CLIENT"), Ok(Some(Klager::Client)));
        assert_eq!(l.parse("familie"), Ok(Some(Klager::Verwant)));
        assert_eq!(l.parse("zorgvrager"), Ok(Some(Klager::Client)));
        assert_eq!(l.parse("  "), Ok(None));
        assert_eq!(l.parse("buurman"), Err(NotInList));
    }

    #[test]
    fn afhandeling_label_beats_alias() {
        let l = Lookup::<Afhandeling>::new(&[]);
        assert_eq!(l.parse("Lopend"), Ok(Some(Afhandeling::Lopend)));
        assert_eq!(
            l.parse("niet-ontvankelijk"),
            Ok(Some(Afhandeling::NietOntvankelijk))
        );
    }

    #[test]
    fn ja_nee() {
        assert_eq!(parse_ja_nee("Ja"), Ok(Some(true)));
        assert_eq!(parse_ja_nee("nee"), Ok(Some(false)));
        assert_eq!(parse_ja_nee(""), Ok(None));
        assert_eq!(parse_ja_nee("misschien"), Err(NotInList));
    }
}
