//! Doelen: last year's plans come back as this year's goals, with what came of them.
//!
//! A report's plans (`[[plan]]`, a title and an optional toelichting each) are next year's
//! goals: given last year's config ([`vorige_plannen`]), the goals of this year's report are
//! its plans, in their order, each with the status and result of this year's `[[doel]]` of the
//! same title ([`samenvoegen`]; titles match as labels do: case, accents and spaces do not
//! count). Without last year's config the goals are this year's `[[doel]]`s. A goal without a
//! result is printed as "resultaat niet beschreven" and warned about, as the Verantwoording
//! does for its missing texts ([`beoordeel`], [`waarschuwingen`]).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::Result;
use crate::register::normalize::{clean, label_key};
use crate::stats::Figures;

pub use crate::report::{Doel, Plan};
pub use crate::stats::doelen::{Doelen, Doelresultaat, Status};

/// Last year's config as far as the goals need it: its plans, and its units' plans. Every
/// other key is left alone, so a config of an older version still gives its plans.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
pub struct VorigePlannen {
    /// `[[plan]]`.
    #[serde(default, rename = "plan")]
    pub plannen: Vec<Plan>,
    /// `[[eenheid."<naam>".plan]]`, by unit.
    #[serde(default, rename = "eenheid")]
    pub eenheden: BTreeMap<String, VorigeEenheid>,
    /// `[teksten]`, for whether it had its plans as one text only.
    #[serde(default)]
    teksten: VorigeTeksten,
}

/// A unit's section of last year's config.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
pub struct VorigeEenheid {
    /// `[[eenheid."<naam>".plan]]`.
    #[serde(default, rename = "plan")]
    pub plannen: Vec<Plan>,
}

#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
struct VorigeTeksten {
    plannen: Option<String>,
}

/// Reads last year's config text for its plans. `Err` is the Dutch message with the line.
pub fn vorige_plannen(vorige_config_text: &str) -> std::result::Result<VorigePlannen, String> {
    toml::from_str(vorige_config_text)
        .map_err(|e| crate::settings::config::dutch_toml_error(vorige_config_text, &e))
}

/// This year's goals from last year's config: its plans (`[[plan]]`), in order, each a goal
/// without status or result yet. `Err` is the Dutch message with the line.
pub fn doelen_uit_plannen(vorige_config_text: &str) -> std::result::Result<Vec<Doel>, String> {
    Ok(samenvoegen(&vorige_plannen(vorige_config_text)?.plannen, &[]).0)
}

/// Last year's plans as goals, each with the status and result of this year's `[[doel]]` of
/// the same title; then this year's `[[doel]]`s that match no plan (returned a second time:
/// a title may have been retyped, so the caller warns).
pub fn samenvoegen(plannen: &[Plan], doelen: &[Doel]) -> (Vec<Doel>, Vec<Doel>) {
    let mut used = vec![false; doelen.len()];
    let mut out = Vec::new();
    for p in plannen {
        let titel = clean(&p.titel);
        let key = label_key(&titel);
        let found = doelen
            .iter()
            .enumerate()
            .find(|(i, d)| !used[*i] && label_key(&d.titel) == key);
        match found {
            Some((i, d)) => {
                used[i] = true;
                out.push(Doel { titel, ..d.clone() });
            }
            None => out.push(Doel {
                titel,
                status: None,
                resultaat: None,
            }),
        }
    }
    let extra: Vec<Doel> = doelen
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(d, _)| d.clone())
        .collect();
    out.extend(extra.iter().cloned());
    (out, extra)
}

/// Takes last year's plans (from the file `bron`) as this report's goals: the organisation's
/// into `report.doelen`, each unit's into its `[eenheid."<naam>"]` section, matched with the
/// `[[doel]]`s the config already has. Returns the warnings, in Dutch.
pub fn neem_over(
    report: &mut crate::report::Options,
    vorige: &VorigePlannen,
    bron: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    let eenheden_met_plannen = vorige.eenheden.values().any(|e| !e.plannen.is_empty());
    if vorige.plannen.is_empty() && !eenheden_met_plannen {
        out.push(if vorige.teksten.plannen.is_some() {
            format!(
                "waarschuwing: {bron}: de plannen staan daar als één tekst ([teksten] plannen), niet als lijst; er zijn geen doelen uit overgenomen (schrijf ze volgend jaar als [[plan]] titel = \"…\")"
            )
        } else {
            format!("waarschuwing: {bron} heeft geen [[plan]]; er zijn geen doelen uit overgenomen")
        });
        return out;
    }
    let mut extra_warning = |waar: &str, extra: Vec<Doel>| {
        for d in extra {
            out.push(format!(
                "waarschuwing: {waar}doelen: \"{}\" staat niet bij de plannen in {bron}; het staat als extra doel in het verslag (controleer de titel)",
                d.titel
            ));
        }
    };
    let (doelen, extra) = samenvoegen(&vorige.plannen, &report.doelen);
    report.doelen = doelen;
    extra_warning("", extra);
    for (naam, e) in &vorige.eenheden {
        if e.plannen.is_empty() {
            continue;
        }
        let sectie = report.eenheden.entry(naam.clone()).or_default();
        let (doelen, extra) = samenvoegen(&e.plannen, &sectie.doel);
        sectie.doel = doelen;
        extra_warning(&format!("[eenheid.\"{naam}\"] "), extra);
    }
    out
}

/// Takes the plans of last year's config (`naam`, the file's name, and `tekst`, its text) as
/// this report's goals ([`neem_over`]) and records the file for the colofon and the manifest.
/// Returns the warnings; `Err` is the Dutch message with the line.
pub fn vorige_config(
    report: &mut crate::report::Options,
    naam: &str,
    tekst: &str,
) -> std::result::Result<Vec<String>, String> {
    let vorige = vorige_plannen(tekst)?;
    report.vorige_config = Some((
        naam.to_string(),
        crate::register::sha256_hex(tekst.as_bytes()),
    ));
    Ok(neem_over(report, &vorige, naam))
}

/// Puts the chapter into the figures: the goals counted by status, each result rendered as a
/// text (a tera template with the figures in scope, the counts of the goals included), and
/// what to do where a result or status is missing. No goals: no chapter.
pub fn beoordeel(doelen: &[Doel], figures: &mut Figures) -> Result<()> {
    if doelen.is_empty() {
        figures.doelen = None;
        return Ok(());
    }
    let items = doelen
        .iter()
        .map(|d| Doelresultaat {
            titel: clean(&d.titel),
            status: d.status,
            resultaat: d.resultaat.clone().filter(|r| !r.trim().is_empty()),
            actie: None,
        })
        .collect();
    figures.doelen = Some(Doelen::new(items));
    // The counts are known now: the results may name them.
    let scope = crate::report::context::scope(figures);
    let tera = crate::teksten::context("[[doel]]", &scope)?;
    let chapter = figures.doelen.as_mut().expect("set above");
    for d in &mut chapter.items {
        if let Some(r) = &d.resultaat {
            let text = crate::teksten::render_in(
                &format!("[[doel]] \"{}\" resultaat", d.titel),
                r,
                &tera,
            )?;
            d.resultaat = (!text.trim().is_empty()).then_some(text);
        }
        d.actie = match (&d.resultaat, d.status) {
            (Some(_), Some(_)) => None,
            (None, Some(_)) => Some("vul resultaat in".to_string()),
            (Some(_), None) => Some(format!("vul status in ({})", Status::KEUZE)),
            (None, None) => Some(format!(
                "vul resultaat en status in (status: {})",
                Status::KEUZE
            )),
        }
        .map(|a| format!("{a} bij het [[doel]] met titel = \"{}\"", d.titel));
    }
    Ok(())
}

/// The Dutch warnings for the goals without a result or status.
pub fn waarschuwingen(doelen: Option<&Doelen>) -> Vec<String> {
    doelen
        .iter()
        .flat_map(|d| d.items.iter())
        .filter_map(|d| {
            let actie = d.actie.as_ref()?;
            let wat = match (&d.resultaat, d.status) {
                (None, None) => "resultaat niet beschreven, geen status",
                (None, Some(_)) => "resultaat niet beschreven",
                _ => "geen status",
            };
            Some(format!(
                "waarschuwing: doelen: \"{}\": {wat}; {actie}",
                d.titel
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const VORIG: &str = r#"
[organisatie]
naam = "De Lindehof"
[teksten]
adviezen = "Iets"
[[plan]]
titel = "Werkbezoeken  LVB-locaties"
toelichting = "Uitleg over de rol van de klachtenfunctionaris."
[[plan]]
titel = "Online workshops voor medewerkers"
[eenheid."Wonen"]
voorwoord = "Wonen"
[[eenheid."Wonen".plan]]
titel = "Posters op elke locatie"
[onbekend_in_deze_versie]
x = 1
"#;

    fn doel(titel: &str, status: Option<Status>, resultaat: Option<&str>) -> Doel {
        Doel {
            titel: titel.into(),
            status,
            resultaat: resultaat.map(str::to_string),
        }
    }

    #[test]
    fn last_years_plans_are_the_goals_in_order() {
        let d = doelen_uit_plannen(VORIG).unwrap();
        assert_eq!(
            d,
            [
                doel("Werkbezoeken LVB-locaties", None, None),
                doel("Online workshops voor medewerkers", None, None)
            ]
        );
        let v = vorige_plannen(VORIG).unwrap();
        assert_eq!(
            v.eenheden["Wonen"].plannen[0].titel,
            "Posters op elke locatie"
        );
        let e = vorige_plannen("[[plan]]\ntitel = \"A\"\nkleur = 1\n").unwrap_err();
        assert!(e.starts_with("regel 3: onbekende sleutel \"kleur\""), "{e}");
    }

    #[test]
    fn this_years_results_are_matched_by_title_and_the_rest_are_extra() {
        let plannen = vorige_plannen(VORIG).unwrap().plannen;
        let dit_jaar = [
            doel("Nieuw doel", Some(Status::Niet), Some("Niet gelukt.")),
            doel(
                "online workshops voor Medewerkers",
                Some(Status::Behaald),
                Some("Twee keer."),
            ),
        ];
        let (doelen, extra) = samenvoegen(&plannen, &dit_jaar);
        assert_eq!(
            doelen,
            [
                doel("Werkbezoeken LVB-locaties", None, None),
                // The plan's own spelling stays.
                doel(
                    "Online workshops voor medewerkers",
                    Some(Status::Behaald),
                    Some("Twee keer.")
                ),
                doel("Nieuw doel", Some(Status::Niet), Some("Niet gelukt.")),
            ]
        );
        assert_eq!(extra, [dit_jaar[0].clone()]);
    }

    #[test]
    fn neem_over_fills_the_organisation_and_its_units_and_warns() {
        let mut report = crate::report::Options {
            doelen: vec![doel("Andere titel", Some(Status::Deels), None)],
            ..Default::default()
        };
        let w = neem_over(&mut report, &vorige_plannen(VORIG).unwrap(), "vorig.toml");
        assert_eq!(report.doelen.len(), 3);
        assert_eq!(
            report.eenheden["Wonen"].doel[0].titel,
            "Posters op elke locatie"
        );
        assert_eq!(
            w,
            [
                "waarschuwing: doelen: \"Andere titel\" staat niet bij de plannen in vorig.toml; het staat als extra doel in het verslag (controleer de titel)"
            ]
        );
        let mut report = crate::report::Options::default();
        let w = neem_over(
            &mut report,
            &vorige_plannen("[teksten]\nplannen = \"Alles\"\n").unwrap(),
            "vorig.toml",
        );
        assert!(w[0].contains("als één tekst ([teksten] plannen)"), "{w:?}");
        assert!(report.doelen.is_empty());
    }

    #[test]
    fn a_goal_without_result_is_warned_about_and_results_may_use_placeholders() {
        let mut f = Figures::leeg();
        beoordeel(
            &[
                doel(
                    "A",
                    Some(Status::Behaald),
                    Some("Klaar in {{ jaar }}; {{ doelen.behaald }} van {{ doelen.totaal }}."),
                ),
                doel("B", Some(Status::LooptDoor), Some("  ")),
                doel("C", None, None),
            ],
            &mut f,
        )
        .unwrap();
        let d = f.doelen.as_ref().unwrap();
        assert_eq!(
            (d.behaald, d.loopt_door, d.zonder_status, d.totaal),
            (1, 1, 1, 3)
        );
        assert_eq!(
            d.items[0].resultaat.as_deref(),
            Some("Klaar in 2024; 1 van 3.")
        );
        assert_eq!(d.items[1].resultaat, None);
        assert_eq!(
            waarschuwingen(f.doelen.as_ref()),
            [
                "waarschuwing: doelen: \"B\": resultaat niet beschreven; vul resultaat in bij het [[doel]] met titel = \"B\"",
                "waarschuwing: doelen: \"C\": resultaat niet beschreven, geen status; vul resultaat en status in (status: behaald, deels, niet of loopt door) bij het [[doel]] met titel = \"C\"",
            ]
        );
        beoordeel(&[], &mut f).unwrap();
        assert!(f.doelen.is_none());
    }
}
