//! The terms a complaint is measured against: the organisation's own (`[termijnen]`) and the
//! legal one of the Wkkgz (art. 17: six weeks, extendable by at most four).
//!
//! Every text that names a term (section texts, chart legend and caption, findings, the
//! termijnen table) takes it from here, so the report never says "zes weken" while it counts
//! four.

use serde::Serialize;

/// A term in weeks or in calendar days, as the organisation's procedure states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "TermijnJson")]
pub enum Termijn {
    /// In weeks (the Wkkgz counts in weeks).
    Weken(u32),
    /// In calendar days (some procedures promise "binnen 30 dagen").
    Dagen(u32),
}

impl Termijn {
    /// Its length in calendar days.
    pub fn dagen(self) -> i64 {
        match self {
            Termijn::Weken(w) => i64::from(w) * 7,
            Termijn::Dagen(d) => i64::from(d),
        }
    }

    /// As a sentence names it: "6 weken", "1 week", "30 dagen".
    pub fn tekst(self) -> String {
        match self {
            Termijn::Weken(1) => "1 week".into(),
            Termijn::Weken(w) => format!("{w} weken"),
            Termijn::Dagen(1) => "1 dag".into(),
            Termijn::Dagen(d) => format!("{d} dagen"),
        }
    }
}

#[derive(Serialize)]
struct TermijnJson {
    tekst: String,
    dagen: i64,
}

impl From<Termijn> for TermijnJson {
    fn from(t: Termijn) -> Self {
        TermijnJson {
            tekst: t.tekst(),
            dagen: t.dagen(),
        }
    }
}

/// What the shares closed within the terms are taken of (`[termijnen] noemer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Noemer {
    /// The closed complaints in procedure (the contract's rule).
    #[default]
    Afgehandeld,
    /// Every complaint in procedure received in the period, the open ones included ("N
    /// klachten (…%) binnen zes weken afgewikkeld" of all complaints received).
    InBehandeling,
}

impl Noemer {
    /// The values the config accepts.
    pub const KEUZE: &str = "\"afgehandeld\" of \"in_behandeling\"";

    /// The population in a sentence: "de afgehandelde klachten", "alle klachten in
    /// behandeling".
    pub fn tekst(self) -> &'static str {
        match self {
            Noemer::Afgehandeld => "de afgehandelde klachten",
            Noemer::InBehandeling => "alle klachten in behandeling (ook de nog lopende)",
        }
    }

    fn is_default(&self) -> bool {
        *self == Noemer::Afgehandeld
    }
}

impl<'de> serde::Deserialize<'de> for Noemer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match crate::register::normalize::label_key(&s).as_str() {
            "afgehandeld" => Ok(Noemer::Afgehandeld),
            "in behandeling" => Ok(Noemer::InBehandeling),
            _ => Err(serde::de::Error::custom(format!(
                "[termijnen] noemer: onbekende waarde \"{s}\" (kies {})",
                Noemer::KEUZE
            ))),
        }
    }
}

/// The day the terms are measured on (`[termijnen] peildatum`): a complaint closed after it
/// counts as open on it, in every term figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Peildatum {
    /// None: the register as exported (a complaint closed after the period keeps its date).
    #[default]
    Export,
    /// The last day of the report period (of the comparison period, for the comparison).
    EindePeriode,
    /// A date, on or after the end of the report period; the comparison period is measured
    /// on the same day a year earlier.
    Datum(chrono::NaiveDate),
}

impl Peildatum {
    /// The values the config accepts.
    pub const KEUZE: &str = "een datum (dd-mm-jjjj of jjjj-mm-dd) of \"einde_periode\"";

    /// The day the figures of `periode` are measured on; `vorig`: `periode` is the comparison
    /// period, a year before the report's.
    pub fn op(self, periode: super::Periode, vorig: bool) -> Option<chrono::NaiveDate> {
        match self {
            Peildatum::Export => None,
            Peildatum::EindePeriode => Some(periode.tot_en_met()),
            Peildatum::Datum(d) if vorig => {
                // 29 February has no day a year earlier: the day before it.
                Some(d.checked_sub_months(chrono::Months::new(12)).unwrap_or(d))
            }
            Peildatum::Datum(d) => Some(d),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Peildatum {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if crate::register::normalize::label_key(&s) == "einde periode" {
            return Ok(Peildatum::EindePeriode);
        }
        crate::register::parse_date(&s)
            .map(Peildatum::Datum)
            .map_err(|_| {
                serde::de::Error::custom(format!(
                    "[termijnen] peildatum: \"{s}\" is geen geldige datum (verwacht {})",
                    Peildatum::KEUZE
                ))
            })
    }
}

/// A complaint's closing date as it stood on the peildatum: a complaint closed after it was
/// still open then.
pub fn afgehandeld_op(
    datum_afgehandeld: Option<chrono::NaiveDate>,
    peildatum: Option<chrono::NaiveDate>,
) -> Option<chrono::NaiveDate> {
    match (datum_afgehandeld, peildatum) {
        (Some(a), Some(p)) if a > p => None,
        (a, _) => a,
    }
}

/// The handling term and the extended term, as the report counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Termijnen {
    /// Handling term (Wkkgz: 6 weeks).
    pub afhandeling: Termijn,
    /// The term after extension, counted from receipt (Wkkgz: 10 weeks).
    pub verlenging: Termijn,
    /// Whether these are the Wkkgz's terms (6 and 10 weeks).
    pub wettelijk: bool,
    /// What the shares within the terms are taken of (absent from the JSON by default).
    #[serde(skip_serializing_if = "Noemer::is_default")]
    pub noemer: Noemer,
    /// The day the term figures were measured on, when one was set (absent otherwise: the
    /// register as exported).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peildatum: Option<chrono::NaiveDate>,
}

/// The Wkkgz's terms (art. 17): six weeks, extended by at most four.
pub const WETTELIJK: (Termijn, Termijn) = (Termijn::Weken(6), Termijn::Weken(10));

impl Termijnen {
    /// The organisation's terms; `wettelijk` is derived, so it cannot disagree with them.
    pub fn new(afhandeling: Termijn, verlenging: Termijn) -> Self {
        Termijnen {
            afhandeling,
            verlenging,
            wettelijk: afhandeling.dagen() == WETTELIJK.0.dagen()
                && verlenging.dagen() == WETTELIJK.1.dagen(),
            noemer: Noemer::Afgehandeld,
            peildatum: None,
        }
    }

    /// "de wettelijke termijn van 6 weken" or "de eigen termijn van 4 weken".
    pub fn naam(&self) -> String {
        format!(
            "de {} termijn van {}",
            if self.wettelijk {
                "wettelijke"
            } else {
                "eigen"
            },
            self.afhandeling.tekst()
        )
    }

    /// One or two sentences for the report: the terms counted, and the legal term beside them
    /// when the organisation's differ.
    pub fn uitleg(&self, organisatie: &str) -> String {
        if self.wettelijk {
            "De wettelijke termijn (Wkkgz) is 6 weken; met een schriftelijke en gemotiveerde mededeling aan de klager mag die met ten hoogste 4 weken worden verlengd, tot 10 weken.".into()
        } else {
            format!(
                "{organisatie} hanteert een eigen termijn van {}, met verlenging {}; dit verslag meet de afhandeling aan die termijnen. De wettelijke termijn (Wkkgz) is 6 weken, met verlenging ten hoogste 10 weken.",
                self.afhandeling.tekst(),
                self.verlenging.tekst()
            )
        }
    }
}

impl Termijnen {
    /// What the shares of the termijnen table are taken of, as the section above it says it.
    pub fn noemer_uitleg(&self) -> String {
        format!(
            "De percentages van de afhandeling gaan over {}, die van het eerste contact over de klachten waarbij de datum van het eerste contact is vastgelegd.",
            self.noemer.tekst()
        )
    }

    /// The sentence that says on which day the terms were measured, when a peildatum is set.
    pub fn peildatum_uitleg(&self) -> Option<String> {
        self.peildatum.map(|p| {
            format!(
                "Gemeten op {}: een klacht die daarna is afgehandeld, telt hier als lopend.",
                crate::nl::datum(p)
            )
        })
    }
}

impl Default for Termijnen {
    fn default() -> Self {
        Termijnen::new(WETTELIJK.0, WETTELIJK.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_follow_the_terms() {
        assert_eq!(Termijn::Weken(4).tekst(), "4 weken");
        assert_eq!(Termijn::Weken(1).tekst(), "1 week");
        assert_eq!(Termijn::Dagen(30).tekst(), "30 dagen");
        assert_eq!(Termijn::Dagen(30).dagen(), 30);
        assert_eq!(Termijn::Weken(6).dagen(), 42);
        let eigen = Termijnen::new(Termijn::Weken(4), Termijn::Weken(8));
        assert!(!eigen.wettelijk);
        assert_eq!(eigen.naam(), "de eigen termijn van 4 weken");
        let uitleg = eigen.uitleg("Zorggroep X");
        assert!(
            uitleg.starts_with(
                "Zorggroep X hanteert een eigen termijn van 4 weken, met verlenging 8 weken"
            ),
            "{uitleg}"
        );
        assert!(
            uitleg.contains("wettelijke termijn (Wkkgz) is 6 weken"),
            "{uitleg}"
        );
        // 42 and 70 days are the legal terms, however they are written.
        assert!(Termijnen::new(Termijn::Dagen(42), Termijn::Dagen(70)).wettelijk);
        assert_eq!(
            Termijnen::default().naam(),
            "de wettelijke termijn van 6 weken"
        );
    }
}
