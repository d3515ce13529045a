//! Earlier years known only as totals (`[[eerder]]`): a provider that changed registration
//! system has last years' figures only from last year's report. Their totals take the place
//! of register rows in the year comparisons (the comparison key figures, `klachten_per_jaar`,
//! `categorieen_meerjarig`), marked as taken from an earlier report in every output.
//!
//! The register wins: a year in which the register has a complaint is counted from the
//! register, and a config total for it is only compared with that count (a warning when they
//! differ). A quarterly report compares quarters, which a year total does not give: it uses
//! no earlier totals.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::{Options, Periode};
use crate::register::Register;

use super::figures::Kerngetallen;
use super::kerngetal::Kerngetal;

/// One earlier year's totals, as the config gives them (`[[eerder]]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "EerderRaw")]
pub struct Eerder {
    /// The year.
    pub jaar: i32,
    /// Rows received, every intake kind (when the report gave it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ontvangen: Option<u64>,
    /// Complaints taken into procedure.
    pub in_behandeling: u64,
    /// Deelklachten (when given; the sum of the categories when those are given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deelklachten: Option<u64>,
    /// Deelklachten per category (empty when the report did not give them).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub categorieen: BTreeMap<String, u64>,
    /// Where the totals come from ("Jaarverslag klachten 2022"), named in the notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bron: Option<String>,
}

/// `[[eerder]]` as written, checked into an [`Eerder`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EerderRaw {
    jaar: i32,
    ontvangen: Option<u64>,
    in_behandeling: u64,
    deelklachten: Option<u64>,
    #[serde(default)]
    categorieen: BTreeMap<String, u64>,
    bron: Option<String>,
}

impl TryFrom<EerderRaw> for Eerder {
    type Error = String;

    fn try_from(r: EerderRaw) -> Result<Self, String> {
        let waar = format!("[[eerder]] jaar = {}", r.jaar);
        if !(1990..=2200).contains(&r.jaar) {
            return Err(format!("{waar}: kies een jaar van 1990 tot en met 2200"));
        }
        if let Some(o) = r.ontvangen
            && o < r.in_behandeling
        {
            return Err(format!(
                "{waar}: ontvangen ({o}) is kleiner dan in_behandeling ({}); in behandeling genomen klachten zijn een deel van wat er is ontvangen",
                r.in_behandeling
            ));
        }
        let mut categorieen = BTreeMap::new();
        for (naam, n) in &r.categorieen {
            let naam = crate::register::normalize::clean(naam);
            if naam.is_empty() {
                return Err(format!("{waar}: een categorie heeft geen naam"));
            }
            if categorieen.insert(naam.clone(), *n).is_some() {
                return Err(format!("{waar}: categorie \"{naam}\" staat er dubbel in"));
            }
        }
        let som: u64 = categorieen.values().sum();
        let deelklachten = match (r.deelklachten, categorieen.is_empty()) {
            (Some(d), false) if d != som => {
                return Err(format!(
                    "{waar}: deelklachten ({d}) is niet de som van de categorieën ({som}); geef alle categorieën of laat deelklachten weg"
                ));
            }
            (d, true) => d,
            (_, false) => Some(som),
        };
        Ok(Eerder {
            jaar: r.jaar,
            ontvangen: r.ontvangen,
            in_behandeling: r.in_behandeling,
            deelklachten,
            categorieen,
            bron: r.bron.map(|b| crate::register::normalize::clean(&b)),
        })
    }
}

impl Eerder {
    /// The key figures it gives, in the shape of a year's: the ones it does not give are 0
    /// and listed by [`Eerder::bekend`] (only those are published).
    pub fn kerngetallen(&self) -> Kerngetallen {
        Kerngetallen {
            ontvangen: self.ontvangen.unwrap_or(0),
            in_behandeling: self.in_behandeling,
            deelklachten: self.deelklachten.unwrap_or(0),
            afgehandeld: 0,
            lopend: 0,
            afgehandeld_na_verslagjaar: 0,
            gemiddelde_doorlooptijd_weken: 0.0,
            mediaan_doorlooptijd_weken: 0.0,
            binnen_6_weken_pct: 0.0,
            binnen_10_weken_pct: 0.0,
            verlengd: 0,
            eerste_contact_binnen_termijn_pct: None,
            bemiddelingsgesprekken: 0,
            geschillen: 0,
            met_verbetermaatregel: 0,
        }
    }

    /// The key figures it gives.
    pub fn bekend(&self) -> Vec<Kerngetal> {
        let mut out = Vec::new();
        if self.ontvangen.is_some() {
            out.push(Kerngetal::Ontvangen);
        }
        out.push(Kerngetal::InBehandeling);
        if self.deelklachten.is_some() {
            out.push(Kerngetal::Deelklachten);
        }
        out
    }
}

/// The report year and the comparison years (newest first, at most `vergelijk_jaren` earlier
/// ones), the earlier reports' totals used for some of them, and what to say about the others.
///
/// A year the register has a complaint in is the register's: a `[[eerder]]` total for it is
/// not used, and a warning says so when its count of complaints in procedure differs.
pub(super) fn jaren<'a>(
    register: &Register,
    periode: Periode,
    s: &'a Options,
) -> (Vec<i32>, Vec<&'a Eerder>, Vec<String>) {
    let jaar = periode.jaar;
    let in_register: BTreeSet<i32> = register
        .klachten
        .iter()
        .map(|k| k.datum_ontvangst.year())
        .collect();
    let mut waarschuwingen = Vec::new();
    let mut kandidaten: Vec<&Eerder> = Vec::new();
    for e in &s.eerder {
        let waar = format!("[[eerder]] jaar = {}", e.jaar);
        if e.jaar >= jaar {
            waarschuwingen.push(format!(
                "waarschuwing: {waar} ligt niet vóór het verslagjaar {jaar} en telt niet mee"
            ));
        } else if in_register.contains(&e.jaar) {
            let geteld = super::period_counts::count(register, Periode::jaar(e.jaar), s, None)
                .kerngetallen
                .in_behandeling;
            waarschuwingen.push(match geteld == e.in_behandeling {
                true => format!(
                    "let op: {waar}: het register heeft zelf klachten uit {} en die tellen; het telt ook {geteld} in behandeling",
                    e.jaar
                ),
                false => format!(
                    "waarschuwing: {waar}: het register heeft zelf klachten uit {} en die tellen ({geteld} in behandeling); de configuratie noemt {}",
                    e.jaar, e.in_behandeling
                ),
            });
        } else {
            kandidaten.push(e);
        }
    }
    let mut years: Vec<i32> = in_register
        .iter()
        .copied()
        .filter(|y| *y < jaar)
        .chain(kandidaten.iter().map(|e| e.jaar))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years.truncate(s.vergelijk_jaren as usize);
    years.insert(0, jaar);
    kandidaten.retain(|e| years.contains(&e.jaar));
    (years, kandidaten, waarschuwingen)
}

/// The note under a table with years from earlier reports ("* 2022 en 2021: overgenomen uit
/// eerdere jaarverslagen; het register gaat niet zo ver terug").
pub fn noot(jaren: &[String]) -> String {
    let een = jaren.len() == 1;
    format!(
        "* {}: overgenomen uit {}; het register gaat niet zo ver terug.",
        crate::nl::opsomming(jaren),
        if een {
            "een eerder jaarverslag"
        } else {
            "eerdere jaarverslagen"
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Eerder>, String> {
        #[derive(Deserialize)]
        struct C {
            eerder: Vec<Eerder>,
        }
        toml::from_str::<C>(text)
            .map(|c| c.eerder)
            .map_err(|e| e.message().to_string())
    }

    #[test]
    fn totals_are_checked_in_dutch() {
        let e = parse("[[eerder]]\njaar = 2022\nin_behandeling = 10\ndeelklachten = 5\ncategorieen = { A = 3, B = 3 }\n").unwrap_err();
        assert!(
            e.contains("deelklachten (5) is niet de som van de categorieën (6)"),
            "{e}"
        );
        let e = parse("[[eerder]]\njaar = 2022\nontvangen = 3\nin_behandeling = 10\n").unwrap_err();
        assert!(
            e.contains("ontvangen (3) is kleiner dan in_behandeling"),
            "{e}"
        );
        let e = parse("[[eerder]]\njaar = 2022\nontvangen = 3\n").unwrap_err();
        assert!(e.contains("in_behandeling"), "{e}");
        let ok =
            parse("[[eerder]]\njaar = 2022\nin_behandeling = 10\ncategorieen = { A = 3, B = 4 }\n")
                .unwrap();
        assert_eq!(ok[0].deelklachten, Some(7));
        assert_eq!(
            ok[0].bekend(),
            [Kerngetal::InBehandeling, Kerngetal::Deelklachten]
        );
    }
}
