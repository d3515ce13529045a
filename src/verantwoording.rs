//! Verantwoording: which parts the law and the sector expect of the yearly report, and where
//! each is in this report, or that it is still missing.
//!
//! The checklists are data (`report-templates/verantwoording/<regime>.toml`, embedded, and
//! replaceable file by file with `--sjablonen MAP/verantwoording/<regime>.toml`), so a change
//! in the law is an edit, not a release. An item is covered by the data (the tables), by a
//! config text (`[teksten] <key>`), or is missing: then `verslag` and `controleer` warn before
//! the report is made, the JSON says so and the report's annex prints "niet beschreven".

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::report::Teksten;
use crate::stats::{Figures, TableId};

/// The embedded checklists, by regime id.
pub const CHECKLISTS: [(&str, &str); 3] = [
    (
        "jeugdwet",
        include_str!("../report-templates/verantwoording/jeugdwet.toml"),
    ),
    (
        "wkkgz",
        include_str!("../report-templates/verantwoording/wkkgz.toml"),
    ),
    (
        "wmo",
        include_str!("../report-templates/verantwoording/wmo.toml"),
    ),
];

pub use crate::report::TEKSTEN;

/// What the data can cover, with the report section it points to and the register column it
/// needs.
const DATA: [(&str, &str, &str); 4] = [
    ("klachten", "tabel-categorieen_per_kwartaal", "categorie"),
    ("afhandeling", "tabel-afhandeling", "afhandeling"),
    ("termijnen", "tabel-termijnen", "datum_afgehandeld"),
    ("maatregelen", "verbetermaatregelen", "verbetermaatregel"),
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Checklist {
    naam: String,
    bron: String,
    #[serde(default)]
    regelingen: Vec<String>,
    openbaar: Option<String>,
    #[serde(default)]
    item: Vec<ItemDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemDef {
    verwijzing: String,
    kort: String,
    data: Option<String>,
    tekst: Option<String>,
}

pub use crate::stats::verantwoording::{Item, Regime};

/// The regimes a report answers to: the configured ones (`[verslag] regimes`), else those of
/// the regelingen in the period's complaints (Wkkgz, Jeugdwet, Wmo; the Wzd has no checklist),
/// else the Wkkgz.
pub fn regimes(configured: Option<&[String]>, regelingen: &[&str]) -> Vec<String> {
    if let Some(c) = configured {
        return c.iter().map(|r| r.to_lowercase()).collect();
    }
    let mut out: Vec<String> = CHECKLISTS
        .iter()
        .filter(|(id, text)| {
            toml::from_str::<Checklist>(text)
                .map(|c| {
                    c.regelingen
                        .iter()
                        .any(|r| regelingen.contains(&r.as_str()))
                })
                .unwrap_or(false)
                && !id.is_empty()
        })
        .map(|(id, _)| id.to_string())
        .collect();
    if out.is_empty() {
        out.push("wkkgz".into());
    }
    out
}

/// Holds each regime's checklist against the report: the figures (which tables it has),
/// whether the register has the verbetermaatregel column, and the config texts. `eigen` are
/// checklists from `--sjablonen` (by id), which replace or add to the embedded ones.
pub fn beoordeel(
    regimes: &[String],
    figures: &Figures,
    has_maatregel: bool,
    teksten: &Teksten,
    eigen: &BTreeMap<String, String>,
) -> Result<Vec<Regime>> {
    let mut out = Vec::new();
    for id in regimes {
        let text = eigen
            .get(id)
            .map(String::as_str)
            .or_else(|| CHECKLISTS.iter().find(|(c, _)| c == id).map(|(_, t)| *t))
            .ok_or_else(|| {
                let mut known: Vec<&str> = CHECKLISTS.iter().map(|(c, _)| *c).collect();
                known.extend(eigen.keys().map(String::as_str));
                Error::Usage(format!(
                    "[verslag] regimes: onbekend regime \"{id}\" (bekend: {})",
                    known.join(", ")
                ))
            })?;
        let file = || format!("verantwoording/{id}.toml");
        let checklist: Checklist = toml::from_str(text).map_err(|e| Error::Checklist {
            file: file(),
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1),
            message: e.message().trim().to_string(),
        })?;
        let mut items = Vec::new();
        for def in checklist.item {
            if let Some(t) = &def.tekst
                && !TEKSTEN.iter().any(|(k, _)| k == t)
            {
                return Err(Error::Checklist {
                    file: file(),
                    line: None,
                    message: format!(
                        "tekst = \"{t}\" is geen tekstsleutel (kies uit {})",
                        TEKSTEN.map(|(k, _)| k).join(", ")
                    ),
                });
            }
            let data =
                match &def.data {
                    Some(d) => Some(DATA.iter().find(|(k, _, _)| k == d).ok_or_else(|| {
                        Error::Checklist {
                            file: file(),
                            line: None,
                            message: format!(
                                "data = \"{d}\" is onbekend (kies uit {})",
                                DATA.map(|(k, _, _)| k).join(", ")
                            ),
                        }
                    })?),
                    None => None,
                };
            let by_data = data.filter(|(k, _, _)| match *k {
                "klachten" => true,
                "afhandeling" => figures.table(TableId::Afhandeling).is_some(),
                "termijnen" => figures.table(TableId::Termijnen).is_some(),
                "maatregelen" => has_maatregel,
                _ => false,
            });
            let by_text = def
                .tekst
                .as_ref()
                .filter(|t| teksten.verantwoording(t).is_some());
            let (gedekt, door, waar) = match (by_data, by_text) {
                (Some((_, label, _)), _) => (
                    true,
                    Some("de cijfers".to_string()),
                    Some(label.to_string()),
                ),
                (None, Some(t)) => (
                    true,
                    Some(format!("[teksten] {t}")),
                    Some(format!("tekst-{t}")),
                ),
                (None, None) => (false, None, None),
            };
            let actie = (!gedekt).then(|| match (&def.tekst, data) {
                (Some(t), _) => format!("vul [teksten] {t} in"),
                (None, Some((_, _, kolom))) => {
                    format!("het register heeft geen kolom {kolom}; neem die op in de export")
                }
                (None, None) => "beschrijf het in het verslag".to_string(),
            });
            items.push(Item {
                tekst: def.tekst.clone(),
                verwijzing: def.verwijzing,
                kort: def.kort,
                gedekt,
                door,
                waar,
                actie,
            });
        }
        let openbaar = match &checklist.openbaar {
            Some(t) => Some(crate::teksten::render(
                &format!("verantwoording/{id}.toml openbaar"),
                t,
                &serde_json::json!({"jaar": figures.jaar}),
            )?),
            None => None,
        };
        out.push(Regime {
            id: id.clone(),
            naam: checklist.naam,
            bron: checklist.bron,
            openbaar,
            items,
        });
    }
    Ok(out)
}

/// The Dutch warnings for the missing items.
pub fn waarschuwingen(regimes: &[Regime]) -> Vec<String> {
    regimes
        .iter()
        .flat_map(|r| r.items.iter())
        .filter(|i| !i.gedekt)
        .map(|i| {
            format!(
                "waarschuwing: verantwoording: {} ({}) ontbreekt: {}",
                i.verwijzing,
                i.kort,
                i.actie.as_deref().unwrap_or("")
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_checklist_reads_and_points_to_known_keys() {
        let f = Figures::leeg();
        let ids: Vec<String> = CHECKLISTS.iter().map(|(i, _)| i.to_string()).collect();
        let r = beoordeel(&ids, &f, false, &Teksten::default(), &BTreeMap::new()).unwrap();
        assert_eq!(r.len(), 3);
        let jw = &r[0];
        assert_eq!(jw.items.len(), 11);
        // Without texts: only the number and nature of the complaints is covered (the table).
        let covered: Vec<&str> = jw
            .items
            .iter()
            .filter(|i| i.gedekt)
            .map(|i| i.verwijzing.as_str())
            .collect();
        assert_eq!(covered, ["Jeugdwet art. 4.3.1 onder h"]);
        assert!(jw.openbaar.as_deref().unwrap().contains("vóór 1 juni 2025"));
        let w = waarschuwingen(&r);
        assert!(w.contains(&"waarschuwing: verantwoording: Jeugdwet art. 4.3.1 onder f (samenstelling klachtencommissie) ontbreekt: vul [teksten] klachtencommissie in".to_string()), "{w:#?}");
    }

    #[test]
    fn regimes_follow_the_config_else_the_register() {
        assert_eq!(regimes(None, &["Jeugdwet", "Wzd"]), ["jeugdwet"]);
        assert_eq!(regimes(None, &["Wkkgz", "Wmo"]), ["wkkgz", "wmo"]);
        assert_eq!(regimes(None, &[]), ["wkkgz"]);
        assert_eq!(
            regimes(Some(&["Jeugdwet".to_string()]), &["Wkkgz"]),
            ["jeugdwet"]
        );
    }
}
