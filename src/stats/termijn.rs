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

/// The handling term and the extended term, as the report counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Termijnen {
    /// Handling term (Wkkgz: 6 weeks).
    pub afhandeling: Termijn,
    /// The term after extension, counted from receipt (Wkkgz: 10 weeks).
    pub verlenging: Termijn,
    /// Whether these are the Wkkgz's terms (6 and 10 weeks).
    pub wettelijk: bool,
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
