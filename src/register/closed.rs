//! The contract's closed value lists (klager, kanaal, soort, regeling, afhandeling,
//! zorgrelatie, tevredenheid, oordeel, ja/nee) and how an export's words are looked up in them. Aliases come built in
//! (common spellings in real exports) and from the config (`[waarden.klager] "Cliënt" =
//! ["patiënt"]`).

use std::collections::HashMap;

use super::normalize::fold;

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

closed_list!(
    /// The outcome for the klager: whether the complaint was resolved to their satisfaction
    /// (the quality pages' "naar tevredenheid opgelost / deels / niet"). One per complaint.
    Tevredenheid, "tevredenheid" {
        Opgelost => "Naar tevredenheid opgelost" ["ja", "opgelost", "tevreden", "naar tevredenheid", "volledig opgelost", "volledig"],
        Deels => "Deels naar tevredenheid opgelost" ["deels", "gedeeltelijk", "deels opgelost", "gedeeltelijk opgelost", "deels tevreden", "deels naar tevredenheid", "gedeeltelijk naar tevredenheid opgelost"],
        Niet => "Niet naar tevredenheid opgelost" ["nee", "niet", "niet opgelost", "ontevreden", "niet tevreden", "niet naar tevredenheid"],
    }
);

closed_list!(
    /// The verdict (a klachtencommissie's or the board's): per complaint, or per deelklacht in
    /// a register with one row per deelklacht.
    Oordeel, "oordeel" {
        Gegrond => "Gegrond",
        DeelsGegrond => "Deels gegrond" ["gedeeltelijk gegrond", "deels"],
        Ongegrond => "Ongegrond" ["niet gegrond"],
        GeenOordeel => "Geen oordeel" ["geen", "niet beoordeeld", "geen uitspraak", "zonder oordeel"],
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
    fn tevredenheid_and_oordeel_read_the_registers_words() {
        let t = Lookup::<Tevredenheid>::new(&[]);
        assert_eq!(t.parse("ja"), Ok(Some(Tevredenheid::Opgelost)));
        assert_eq!(t.parse("Gedeeltelijk"), Ok(Some(Tevredenheid::Deels)));
        assert_eq!(
            t.parse("niet naar tevredenheid opgelost"),
            Ok(Some(Tevredenheid::Niet))
        );
        let o = Lookup::<Oordeel>::new(&[(Oordeel::GeenOordeel, vec!["n.v.t.".into()])]);
        assert_eq!(o.parse("deels gegrond"), Ok(Some(Oordeel::DeelsGegrond)));
        assert_eq!(o.parse("Niet gegrond"), Ok(Some(Oordeel::Ongegrond)));
        assert_eq!(o.parse("n.v.t."), Ok(Some(Oordeel::GeenOordeel)));
        assert_eq!(o.parse("misschien"), Err(NotInList));
    }

    #[test]
    fn ja_nee() {
        assert_eq!(parse_ja_nee("Ja"), Ok(Some(true)));
        assert_eq!(parse_ja_nee("nee"), Ok(Some(false)));
        assert_eq!(parse_ja_nee(""), Ok(None));
        assert_eq!(parse_ja_nee("misschien"), Err(NotInList));
    }
}
