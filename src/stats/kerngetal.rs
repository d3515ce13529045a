//! The key figures as a typed set: which figure ([`Kerngetal`]), what kind of number it is
//! ([`Kind`]), and its value as every output shows it ([`Waarde`]). The PDF, the XLSX, the
//! batch overview, the web page and the public version's checks all read a figure through
//! this, never by guessing its kind from a JSON field name.

use serde::Serialize;

use super::cell::Cell;
use super::termijn::Termijnen;
use super::{Figures, Kerngetallen};
use crate::nl;

/// One key figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kerngetal {
    /// Rows received in the period, every intake kind.
    Ontvangen,
    /// Complaints taken into procedure.
    InBehandeling,
    /// Category mentions of the complaints in procedure.
    Deelklachten,
    /// Complaints in procedure with a closing date.
    Afgehandeld,
    /// Complaints in procedure without a closing date.
    Lopend,
    /// Received in the period, closed after its end.
    AfgehandeldNaVerslagjaar,
    /// Mean doorlooptijd of the closed complaints.
    GemiddeldeDoorlooptijd,
    /// Median doorlooptijd of the closed complaints.
    MediaanDoorlooptijd,
    /// Share closed within the handling term (`binnen_6_weken_pct` in the contract).
    BinnenTermijn,
    /// Share closed within the extended term (`binnen_10_weken_pct`).
    BinnenVerlenging,
    /// Complaints whose term was extended.
    Verlengd,
    /// Share with first contact within the working-day term.
    EersteContactBinnenTermijn,
    /// Mediation meetings held.
    Bemiddelingsgesprekken,
    /// Complaints taken to the geschilleninstantie.
    Geschillen,
    /// Complaints with an improvement measure.
    MetVerbetermaatregel,
}

/// What kind of number a key figure is: it decides how it is shown and whether it is a count
/// the public version protects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A count of complaints.
    Aantal,
    /// A share in percent, one decimal.
    Percentage,
    /// A duration in weeks, one decimal.
    Weken,
}

/// A key figure's value as the outputs show it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Waarde {
    /// A count.
    Aantal(u64),
    /// A share in percent.
    Percentage(f64),
    /// Weeks.
    Weken(f64),
    /// Hidden in the public version ("< k" or "x").
    Verborgen(Cell),
}

impl Kerngetal {
    /// Every key figure, in the order of the JSON, the PDF's table and the XLSX sheet.
    pub const ALL: [Kerngetal; 15] = [
        Kerngetal::Ontvangen,
        Kerngetal::InBehandeling,
        Kerngetal::Deelklachten,
        Kerngetal::Afgehandeld,
        Kerngetal::Lopend,
        Kerngetal::AfgehandeldNaVerslagjaar,
        Kerngetal::GemiddeldeDoorlooptijd,
        Kerngetal::MediaanDoorlooptijd,
        Kerngetal::BinnenTermijn,
        Kerngetal::BinnenVerlenging,
        Kerngetal::Verlengd,
        Kerngetal::EersteContactBinnenTermijn,
        Kerngetal::Bemiddelingsgesprekken,
        Kerngetal::Geschillen,
        Kerngetal::MetVerbetermaatregel,
    ];

    /// The contract's name (the JSON field and the XLSX id column).
    pub fn naam(self) -> &'static str {
        match self {
            Kerngetal::Ontvangen => "ontvangen",
            Kerngetal::InBehandeling => "in_behandeling",
            Kerngetal::Deelklachten => "deelklachten",
            Kerngetal::Afgehandeld => "afgehandeld",
            Kerngetal::Lopend => "lopend",
            Kerngetal::AfgehandeldNaVerslagjaar => "afgehandeld_na_verslagjaar",
            Kerngetal::GemiddeldeDoorlooptijd => "gemiddelde_doorlooptijd_weken",
            Kerngetal::MediaanDoorlooptijd => "mediaan_doorlooptijd_weken",
            Kerngetal::BinnenTermijn => "binnen_6_weken_pct",
            Kerngetal::BinnenVerlenging => "binnen_10_weken_pct",
            Kerngetal::Verlengd => "verlengd",
            Kerngetal::EersteContactBinnenTermijn => "eerste_contact_binnen_termijn_pct",
            Kerngetal::Bemiddelingsgesprekken => "bemiddelingsgesprekken",
            Kerngetal::Geschillen => "geschillen",
            Kerngetal::MetVerbetermaatregel => "met_verbetermaatregel",
        }
    }

    /// What kind of number it is.
    pub fn kind(self) -> Kind {
        match self {
            Kerngetal::GemiddeldeDoorlooptijd | Kerngetal::MediaanDoorlooptijd => Kind::Weken,
            Kerngetal::BinnenTermijn
            | Kerngetal::BinnenVerlenging
            | Kerngetal::EersteContactBinnenTermijn => Kind::Percentage,
            _ => Kind::Aantal,
        }
    }

    /// The Dutch label the PDF and the XLSX give it; the terms come from the config
    /// ("Afgehandeld binnen 4 weken" when the term is 4 weeks).
    pub fn label(self, t: &Termijnen) -> String {
        // A share of every complaint in procedure says so; of the closed ones, as the
        // contract has it, the label stays as it always was.
        let van = |t: &Termijnen| match t.noemer {
            super::termijn::Noemer::Afgehandeld => "",
            super::termijn::Noemer::InBehandeling => " (van alle klachten in behandeling)",
        };
        match self {
            Kerngetal::Ontvangen => "Ontvangen (klachten en meldingen)".into(),
            Kerngetal::InBehandeling => "In behandeling genomen".into(),
            Kerngetal::Deelklachten => "Deelklachten".into(),
            Kerngetal::Afgehandeld => "Afgehandeld".into(),
            Kerngetal::Lopend => "Lopend".into(),
            Kerngetal::AfgehandeldNaVerslagjaar => "Afgehandeld na de verslagperiode".into(),
            Kerngetal::GemiddeldeDoorlooptijd => "Gemiddelde doorlooptijd (weken)".into(),
            Kerngetal::MediaanDoorlooptijd => "Mediaan doorlooptijd (weken)".into(),
            Kerngetal::BinnenTermijn => {
                format!("Afgehandeld binnen {}{}", t.afhandeling.tekst(), van(t))
            }
            Kerngetal::BinnenVerlenging => {
                format!("Afgehandeld binnen {}{}", t.verlenging.tekst(), van(t))
            }
            Kerngetal::Verlengd => "Termijn verlengd".into(),
            Kerngetal::EersteContactBinnenTermijn => "Eerste contact binnen de termijn".into(),
            Kerngetal::Bemiddelingsgesprekken => "Bemiddelingsgesprekken".into(),
            Kerngetal::Geschillen => "Geschillen (geschilleninstantie)".into(),
            Kerngetal::MetVerbetermaatregel => "Met verbetermaatregel".into(),
        }
    }

    /// The figure's value in `k`, unhidden.
    pub fn value_in(self, k: &Kerngetallen) -> Waarde {
        match self {
            Kerngetal::Ontvangen => Waarde::Aantal(k.ontvangen),
            Kerngetal::InBehandeling => Waarde::Aantal(k.in_behandeling),
            Kerngetal::Deelklachten => Waarde::Aantal(k.deelklachten),
            Kerngetal::Afgehandeld => Waarde::Aantal(k.afgehandeld),
            Kerngetal::Lopend => Waarde::Aantal(k.lopend),
            Kerngetal::AfgehandeldNaVerslagjaar => Waarde::Aantal(k.afgehandeld_na_verslagjaar),
            Kerngetal::GemiddeldeDoorlooptijd => Waarde::Weken(k.gemiddelde_doorlooptijd_weken),
            Kerngetal::MediaanDoorlooptijd => Waarde::Weken(k.mediaan_doorlooptijd_weken),
            Kerngetal::BinnenTermijn => Waarde::Percentage(k.binnen_6_weken_pct),
            Kerngetal::BinnenVerlenging => Waarde::Percentage(k.binnen_10_weken_pct),
            Kerngetal::Verlengd => Waarde::Aantal(k.verlengd),
            Kerngetal::EersteContactBinnenTermijn => {
                Waarde::Percentage(k.eerste_contact_binnen_termijn_pct.unwrap_or(0.0))
            }
            Kerngetal::Bemiddelingsgesprekken => Waarde::Aantal(k.bemiddelingsgesprekken),
            Kerngetal::Geschillen => Waarde::Aantal(k.geschillen),
            Kerngetal::MetVerbetermaatregel => Waarde::Aantal(k.met_verbetermaatregel),
        }
    }

    /// Whether the report has this figure: the first-contact share only when the register
    /// has a `datum_eerste_contact` column (the JSON leaves it out otherwise, the XLSX and the
    /// texts too).
    pub fn in_verslag(self, k: &Kerngetallen) -> bool {
        match self {
            Kerngetal::EersteContactBinnenTermijn => k.eerste_contact_binnen_termijn_pct.is_some(),
            _ => true,
        }
    }

    /// A count figure's value (`None` for shares and weeks).
    pub fn aantal_in(self, k: &Kerngetallen) -> Option<u64> {
        match self.value_in(k) {
            Waarde::Aantal(n) => Some(n),
            _ => None,
        }
    }
}

impl Waarde {
    /// As the PDF, the texts and the web page show it: "1.234", "54,1%", "3,6", "< 5".
    pub fn tekst(self) -> String {
        match self {
            Waarde::Aantal(n) => nl::getal(n),
            Waarde::Percentage(x) => nl::procent(x),
            Waarde::Weken(x) => nl::decimaal(x),
            Waarde::Verborgen(c) => c.verborgen_tekst().unwrap_or_default(),
        }
    }

    /// The value, for conditions in texts; a hidden figure is its shown text.
    pub fn json(self) -> serde_json::Value {
        match self {
            Waarde::Aantal(n) => n.into(),
            Waarde::Percentage(x) | Waarde::Weken(x) => x.into(),
            Waarde::Verborgen(c) => c.verborgen_tekst().unwrap_or_default().into(),
        }
    }
}

impl Serialize for Waarde {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(s)
    }
}

impl Figures {
    /// A key figure of the period as published (hidden in a public version).
    pub fn kerngetal(&self, k: Kerngetal) -> Waarde {
        match self.verborgen.get(&k) {
            Some(c) => Waarde::Verborgen(*c),
            None => k.value_in(&self.kerngetallen),
        }
    }

    /// A key figure of the comparison period as published, when there is one.
    pub fn kerngetal_vorig(&self, k: Kerngetal) -> Option<Waarde> {
        let v = self.vergelijking.as_ref().filter(|v| v.bekend(k))?;
        Some(match self.verborgen_vergelijking.get(&k) {
            Some(c) => Waarde::Verborgen(*c),
            None => k.value_in(&v.kerngetallen),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_match_the_contract_names() {
        // The kind is declared, not read from the name; this holds the two against each
        // other once, so a new figure with a misleading name is caught here.
        for k in Kerngetal::ALL {
            let by_name = if k.naam().ends_with("_pct") {
                Kind::Percentage
            } else if k.naam().ends_with("_weken") {
                Kind::Weken
            } else {
                Kind::Aantal
            };
            assert_eq!(k.kind(), by_name, "{}", k.naam());
        }
    }

    #[test]
    fn every_field_is_a_figure_in_json_order() {
        let f = Figures::leeg();
        let v = serde_json::to_value(&f.kerngetallen).unwrap();
        let names: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let ours: Vec<&str> = Kerngetal::ALL.iter().map(|k| k.naam()).collect();
        assert_eq!(names, ours);
    }

    #[test]
    fn shown_the_dutch_way() {
        assert_eq!(Waarde::Aantal(1234).tekst(), "1.234");
        assert_eq!(Waarde::Percentage(54.1).tekst(), "54,1%");
        assert_eq!(Waarde::Weken(3.0).tekst(), "3,0");
        assert_eq!(Waarde::Verborgen(Cell::Verborgen(5)).tekst(), "< 5");
        assert_eq!(Waarde::Verborgen(Cell::Afgeschermd).tekst(), "x");
    }

    #[test]
    fn hidden_figures_are_published_hidden() {
        let mut f = Figures::leeg();
        f.kerngetallen.geschillen = 2;
        assert_eq!(f.kerngetal(Kerngetal::Geschillen), Waarde::Aantal(2));
        f.verborgen
            .insert(Kerngetal::Geschillen, Cell::Verborgen(5));
        assert_eq!(f.kerngetal(Kerngetal::Geschillen).tekst(), "< 5");
        assert_eq!(f.kerngetal_vorig(Kerngetal::Geschillen), None);
    }
}
