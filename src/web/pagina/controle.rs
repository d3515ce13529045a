//! Step 2 of the page: the problems' table (one row per message, worded for the page), the
//! columns to map and the unknown values to name.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::Sessie;
use super::MAX_PROBLEMEN;
use crate::register::{Checked, IssueKind, Kolom, Register, Severity};

/// One row of the problems' table: a message, and the rows that have it.
#[derive(Serialize)]
pub(super) struct Probleem<'a> {
    bestand: String,
    blad: Option<&'a str>,
    /// "14", or "3, 7, 12 en 25 andere".
    rij: Option<String>,
    kolom: Option<&'a str>,
    melding: String,
    ernst: &'static str,
}

/// The column mapping of step 2.
#[derive(Serialize)]
pub(super) struct Kolommen {
    /// A required column is missing: the mapping is opened and comes first.
    open: bool,
    /// Every contract column with its header and choice.
    rijen: Vec<Kolomrij>,
    /// Every header of the files, for the choices.
    koppen: Vec<String>,
    /// Headers no contract column reads.
    niet_gelezen: Vec<String>,
}

/// One contract column in the mapping.
#[derive(Serialize)]
pub(super) struct Kolomrij {
    naam: &'static str,
    verplicht: bool,
    /// The header it was read from, if any.
    gevonden: Option<String>,
    /// The header chosen in the config, or suggested for a missing required column.
    keuze: String,
}

/// An unknown value of a list, with how often it occurs and what it can become.
#[derive(Serialize)]
pub(super) struct Waarde {
    lijst: &'static str,
    waarde: String,
    /// The value as shown: a long one shortened with "…" (the form keeps it whole).
    toon: String,
    rijen: usize,
    /// Open list (categorie, cluster): can become a term of its own.
    open: bool,
    opties: Vec<String>,
}

/// Spellings counted as one label.
#[derive(Serialize)]
pub(super) struct Samengevoegd {
    pub(super) kolom: &'static str,
    /// The label, shortened with "…" when long.
    pub(super) label: String,
    /// (spelling, rows, the spelling shortened with "…" when long).
    pub(super) spellingen: Vec<(String, u64, String)>,
}

/// The lists whose values the config can map (`[waarden.<lijst>]`).
const WAARDENLIJSTEN: [Kolom; 8] = [
    Kolom::Klager,
    Kolom::Kanaal,
    Kolom::Soort,
    Kolom::Regeling,
    Kolom::Afhandeling,
    Kolom::Zorgrelatie,
    Kolom::Tevredenheid,
    Kolom::Oordeel,
];

pub(super) fn kolommen(s: &Sessie, checked: &Checked<Register>) -> Kolommen {
    let register = &checked.value;
    let mut koppen: Vec<String> = Vec::new();
    for kop in register.kopregels.values().flatten() {
        if !koppen.contains(kop) {
            koppen.push(kop.clone());
        }
    }
    let mut missing = BTreeMap::new();
    for p in &checked.issues {
        if let IssueKind::MissingColumn {
            name,
            found,
            suggestion,
        } = &p.kind
        {
            missing.insert(*name, suggestion.clone());
            for kop in found {
                if !koppen.contains(kop) {
                    koppen.push(kop.clone());
                }
            }
        }
    }
    let gevonden = |k: Kolom| {
        register
            .koppen
            .iter()
            .filter(|((_, c), _)| *c == k)
            .map(|(_, h)| h.clone())
            .min()
    };
    // Free text never reaches a report: the omschrijving is no choice for another column.
    let regels = crate::register::HeaderRules::default();
    koppen.retain(|h| regels.column_of(h) != Some(Kolom::Omschrijving));
    let gelezen: Vec<&String> = register.koppen.values().collect();
    let niet_gelezen: Vec<String> = koppen
        .iter()
        .filter(|h| !gelezen.contains(h))
        .filter(|h| Kolom::by_name(h) != Some(Kolom::Omschrijving))
        .cloned()
        .collect();
    // One required column missing and one header of the file unused: that is the suggestion.
    let enige = match (missing.len(), niet_gelezen.as_slice()) {
        (1, [enige]) if missing.values().all(Option::is_none) => Some(enige),
        _ => None,
    };
    let rijen: Vec<Kolomrij> = Kolom::ALL
        .iter()
        .filter(|k| k.is_read())
        .map(|&k| Kolomrij {
            naam: k.name(),
            verplicht: Kolom::REQUIRED.contains(&k),
            gevonden: gevonden(k),
            keuze: s
                .invoer
                .config
                .get_str(&["kolommen", k.name()])
                .map(str::to_string)
                .or_else(|| missing.get(k.name()).cloned().flatten())
                .or_else(|| enige.filter(|_| missing.contains_key(k.name())).cloned())
                .unwrap_or_default(),
        })
        .collect();
    Kolommen {
        open: !missing.is_empty(),
        rijen,
        koppen,
        niet_gelezen,
    }
}

pub(super) fn waarden(s: &Sessie, checked: &Checked<Register>) -> Vec<Waarde> {
    let mut out: Vec<Waarde> = Vec::new();
    for p in &checked.issues {
        let (kolom, raw, opties, open) = match &p.kind {
            IssueKind::UnknownValue {
                kolom,
                raw,
                allowed,
            } if WAARDENLIJSTEN.contains(kolom) => (*kolom, raw, allowed.clone(), false),
            IssueKind::NotInVocabulary { kolom, raw } => {
                let opties = s
                    .invoer
                    .config
                    .terms(kolom.name())
                    .into_iter()
                    .map(|(n, _)| n)
                    .collect();
                (*kolom, raw, opties, true)
            }
            _ => continue,
        };
        match out
            .iter_mut()
            .find(|w| w.lijst == kolom.name() && w.waarde == *raw)
        {
            Some(w) => w.rijen += 1,
            None => out.push(Waarde {
                lijst: kolom.name(),
                toon: crate::register::issue::shorten(raw),
                waarde: raw.clone(),
                rijen: 1,
                open,
                opties,
            }),
        }
    }
    out
}

/// A problem as the page words it: where the command line names the config key that fixes it,
/// the page points to its own table that does.
fn melding_pagina(kind: &IssueKind) -> String {
    let tekst = kind.to_string();
    match kind {
        IssueKind::MissingColumn { suggestion, .. } => {
            let basis = tekst.split("; bedoelt u").next().unwrap_or(&tekst);
            match suggestion {
                Some(s) => {
                    format!("{basis}; bedoelt u \"{s}\"? Kies die hierboven bij Kolommen koppelen")
                }
                None => format!("{basis}; kies hierboven bij Kolommen koppelen welke kolom het is"),
            }
        }
        IssueKind::UnknownValue { kolom, .. } if WAARDENLIJSTEN.contains(kolom) => tekst.replace(
            "; of voeg een alias toe in de configuratie onder [waarden])",
            "; of kies hierboven bij Onbekende waarden wat het is)",
        ),
        IssueKind::NotInVocabulary { .. } => {
            format!("{tekst} (of kies hierboven bij Onbekende waarden wat het is)")
        }
        _ => tekst,
    }
}

/// The problems' table: the first [`MAX_PROBLEMEN`] problems, those with the same message in
/// the same file and column as one row with their row numbers.
pub(super) fn problemen(checked: &Checked<Register>) -> Vec<Probleem<'_>> {
    let mut rijen: Vec<(Probleem<'_>, Vec<u32>)> = Vec::new();
    // (bestand, blad, kolom, melding) → its row in the table.
    type Sleutel<'a> = (String, Option<&'a str>, Option<&'a str>, String);
    let mut index: std::collections::HashMap<Sleutel<'_>, usize> = std::collections::HashMap::new();
    for p in checked.issues.iter().take(MAX_PROBLEMEN) {
        let probleem = Probleem {
            bestand: crate::register::file_name(&p.at.file),
            blad: p.at.sheet.as_deref(),
            rij: None,
            kolom: p.at.column.as_deref(),
            melding: melding_pagina(&p.kind),
            ernst: if p.severity == Severity::Fout {
                "fout"
            } else {
                "waarschuwing"
            },
        };
        let key = (
            probleem.bestand.clone(),
            probleem.blad,
            probleem.kolom,
            probleem.melding.clone(),
        );
        let i = *index.entry(key).or_insert_with(|| {
            rijen.push((probleem, Vec::new()));
            rijen.len() - 1
        });
        if let Some(r) = p.at.row {
            rijen[i].1.push(r);
        }
    }
    rijen
        .into_iter()
        .map(|(mut p, r)| {
            p.rij = match r.len() {
                0 => None,
                1..=4 => Some(r.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")),
                n => Some(format!(
                    "{} en {} andere",
                    r[..3]
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    n - 3
                )),
            };
            p
        })
        .collect()
}
