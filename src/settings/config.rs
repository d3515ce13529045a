//! The config file's shape (`config.toml`), as the user writes it, and its TOML errors in
//! Dutch. Unknown keys are refused: a typo is an error naming the key, never silence.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::register::Term;
use crate::report::{Doel, EenheidTeksten, Plan, Teksten};

/// The TOML config file, as written by the user.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `[organisatie]`
    #[serde(default)]
    pub organisatie: OrganisatieConfig,
    /// `[verslag]`
    #[serde(default)]
    pub verslag: VerslagConfig,
    /// `[kolommen]`: contract name = header in the export.
    #[serde(default)]
    pub kolommen: BTreeMap<String, String>,
    /// `[[categorie]]`: vocabulary, order and annex text.
    #[serde(default)]
    pub categorie: Vec<Term>,
    /// `[[cluster]]`: vocabulary and order.
    #[serde(default)]
    pub cluster: Vec<Term>,
    /// `[waarden.<lijst>]`: aliases for the closed lists.
    #[serde(default)]
    pub waarden: WaardenConfig,
    /// `[register]`: what one row of the register is.
    #[serde(default)]
    pub register: RegisterConfig,
    /// `[apart]`: spellings of an open list kept as their own label.
    #[serde(default)]
    pub apart: AparteConfig,
    /// `[termijnen]`
    #[serde(default)]
    pub termijnen: TermijnenConfig,
    /// `[teksten]`: Dutch texts (tera templates).
    #[serde(default)]
    pub teksten: Teksten,
    /// `[privacy]`
    #[serde(default)]
    pub privacy: PrivacyConfig,
    /// `[[plan]]`: the plans for the coming year, as a list.
    #[serde(default)]
    pub plan: Vec<Plan>,
    /// `[[doel]]`: the goals of the report year (last year's plans) and what came of them.
    #[serde(default)]
    pub doel: Vec<Doel>,
    /// `[eenheid."<naam>"]`: a batch unit's own texts (`verslag --per`), keyed by the unit's
    /// name as it stands in the register.
    #[serde(default)]
    pub eenheid: BTreeMap<String, EenheidTeksten>,
    /// `[[volume]]`: a denominator per year (cliënten, verrichtingen) for the rates.
    #[serde(default)]
    pub volume: Vec<crate::stats::volume::Volume>,
    /// `[[eerder]]`: earlier years' totals, taken from earlier reports.
    #[serde(default)]
    pub eerder: Vec<crate::stats::eerder::Eerder>,
    /// `[[signaal]]`: small tables of other signals (meldingen, incidents, claims).
    #[serde(default)]
    pub signaal: Vec<crate::stats::signaal::Signaal>,
}

/// `[organisatie]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisatieConfig {
    /// Name on the title page.
    pub naam: Option<String>,
    /// Logo file (PNG, JPEG or SVG), relative to the config file.
    pub logo: Option<PathBuf>,
    /// House colour, `#rrggbb`.
    pub kleur: Option<String>,
}

/// `[verslag]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerslagConfig {
    /// Report title.
    pub titel: Option<String>,
    /// Author (klachtenfunctionaris).
    pub auteur: Option<String>,
    /// Report date, dd-mm-jjjj or jjjj-mm-dd.
    pub datum: Option<String>,
    /// Earlier years in the multi-year tables.
    pub vergelijk_jaren: Option<u32>,
    /// XLSX sheet name.
    pub blad: Option<String>,
    /// The checklists the report answers to (`jeugdwet`, `wkkgz`, `wmo`); default the
    /// regelingen in the register.
    pub regimes: Option<Vec<String>>,
    /// Brief reports (`--beknopt`) by default, e.g. for an office that makes a report per unit.
    pub beknopt: Option<bool>,
    /// `routes = "soort"`: the routes (Formeel, Informeel) side by side, each its own
    /// population with its own tables.
    pub routes: Option<crate::stats::route::RouteKolom>,
    /// `route_namen = { Informeel = "Klachtenfunctionaris" }`: what the report calls a route.
    #[serde(default)]
    pub route_namen: BTreeMap<String, String>,
}

/// `[waarden]`: `label = [aliases]` per closed list.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaardenConfig {
    /// `[waarden.klager]`: the export's own words for the contract's klager labels.
    #[serde(default)]
    pub klager: BTreeMap<String, Vec<String>>,
    /// `[waarden.kanaal]`: the export's own words for the contract's kanaal labels.
    #[serde(default)]
    pub kanaal: BTreeMap<String, Vec<String>>,
    /// `[waarden.soort]`: the export's own words for the contract's soort labels.
    #[serde(default)]
    pub soort: BTreeMap<String, Vec<String>>,
    /// `[waarden.regeling]`: the export's own words for the contract's regeling labels.
    #[serde(default)]
    pub regeling: BTreeMap<String, Vec<String>>,
    /// `[waarden.afhandeling]`: the export's own words for the contract's afhandeling labels.
    #[serde(default)]
    pub afhandeling: BTreeMap<String, Vec<String>>,
    /// `[waarden.zorgrelatie]`: the export's own words for the contract's zorgrelatie labels.
    #[serde(default)]
    pub zorgrelatie: BTreeMap<String, Vec<String>>,
    /// `[waarden.tevredenheid]`: the export's own words for the contract's tevredenheid labels.
    #[serde(default)]
    pub tevredenheid: BTreeMap<String, Vec<String>>,
    /// `[waarden.oordeel]`: the export's own words for the contract's oordeel labels.
    #[serde(default)]
    pub oordeel: BTreeMap<String, Vec<String>>,
}

/// `[register]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterConfig {
    /// `rij = "klacht"` (the contract, the default) or `"deelklacht"`: one row per
    /// deelklacht, the klachtnummer repeated on the rows of one complaint.
    #[serde(default, deserialize_with = "rij_per")]
    pub rij: Option<crate::register::RijPer>,
}

/// Reads `[register] rij`; another value is an error naming the key (with its line, from the
/// TOML reader).
fn rij_per<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<crate::register::RijPer>, D::Error> {
    use crate::register::RijPer;
    let s = String::deserialize(d)?;
    match crate::register::normalize::fold(&s).as_str() {
        "klacht" => Ok(Some(RijPer::Klacht)),
        "deelklacht" => Ok(Some(RijPer::Deelklacht)),
        _ => Err(serde::de::Error::custom(format!(
            "[register] rij: \"{s}\" is geen keuze (kies \"klacht\": één rij per klacht, of \"deelklacht\": één rij per deelklacht, met het klachtnummer herhaald)"
        ))),
    }
}

/// `[apart]`: per open-list column, the spellings that are not merged with spellings that
/// differ only in case, accents or punctuation (each is a row of its own).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AparteConfig {
    /// `categorie = [...]`
    #[serde(default)]
    pub categorie: Vec<String>,
    /// `cluster = [...]`
    #[serde(default)]
    pub cluster: Vec<String>,
    /// `soort_zorg = [...]`
    #[serde(default)]
    pub soort_zorg: Vec<String>,
    /// `zorgaanbieder = [...]`
    #[serde(default)]
    pub zorgaanbieder: Vec<String>,
}

/// `[termijnen]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermijnenConfig {
    /// First contact within N working days (default 5).
    pub eerste_contact_werkdagen: Option<u32>,
    /// First contact within N calendar days (optional second KPI).
    pub eerste_contact_dagen: Option<u32>,
    /// Handling term in weeks (default 6, the Wkkgz's).
    pub afhandeling_weken: Option<u32>,
    /// Handling term in calendar days (instead of weeks).
    pub afhandeling_dagen: Option<u32>,
    /// Extended term in weeks, counted from receipt (default 10).
    pub verlenging_weken: Option<u32>,
    /// Extended term in calendar days (instead of weeks).
    pub verlenging_dagen: Option<u32>,
    /// What the shares within the terms are taken of: "afgehandeld" (default) or
    /// "in_behandeling".
    pub noemer: Option<crate::stats::termijn::Noemer>,
    /// The day the terms are measured on: a date or "einde_periode" (default: none, the
    /// register as exported).
    pub peildatum: Option<crate::stats::termijn::Peildatum>,
}

/// `[privacy]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyConfig {
    /// Warn about published cells below this number.
    pub kleine_aantallen: Option<u32>,
}

/// Parses a config file's text; `Err` is the Dutch message with the line.
pub(super) fn parse(text: &str) -> std::result::Result<Config, String> {
    toml::from_str(text).map_err(|e| dutch_toml_error(text, &e))
}

/// Turns a TOML error into Dutch, with the line it is on.
pub(crate) fn dutch_toml_error(text: &str, e: &toml::de::Error) -> String {
    let line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
    let msg = e.message();
    let what = if let Some(rest) = msg.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        let expected = rest
            .split_once("expected ")
            .map(|(_, x)| format!(" (toegestaan: {})", x.replace('`', "")))
            .unwrap_or_default();
        format!("onbekende sleutel \"{key}\"{expected}")
    } else if msg.starts_with("onbekende status")
        || msg.starts_with("[termijnen]")
        || msg.starts_with("[register]")
        || msg.starts_with("[[volume]]")
        || msg.starts_with("[[eerder]]")
        || msg.starts_with("[[signaal]]")
        || msg.starts_with("[verslag] routes")
    {
        // Our own message (a goal's status, a setting of the terms, the register's shape or
        // the config's own figures), already Dutch.
        msg.trim().to_string()
    } else if msg.starts_with("invalid type") {
        format!("verkeerd soort waarde ({msg})")
    } else {
        format!("ongeldige TOML ({})", msg.trim())
    };
    match line {
        Some(l) => format!("regel {l}: {what}"),
        None => what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_named() {
        let err = parse("[organisatie]\nnaam = \"X\"\nkleurtje = \"#fff\"\n").unwrap_err();
        assert!(
            err.starts_with("regel 3: onbekende sleutel \"kleurtje\""),
            "{err}"
        );
    }

    #[test]
    fn register_rij_is_read_and_a_wrong_value_named_with_its_line() {
        let cfg = parse("[register]\nrij = \"Deelklacht\"\n").unwrap();
        assert_eq!(cfg.register.rij, Some(crate::register::RijPer::Deelklacht));
        let err =
            parse("[organisatie]\nnaam = \"X\"\n[register]\nrij = \"deelklachten per rij\"\n")
                .unwrap_err();
        assert!(
            err.starts_with("regel 4: [register] rij: \"deelklachten per rij\" is geen keuze"),
            "{err}"
        );
        let err = parse("[register]\nrij = 2\n").unwrap_err();
        assert!(err.starts_with("regel 2: verkeerd soort waarde"), "{err}");
    }

    #[test]
    fn unknown_section_is_named() {
        let err = parse("[organisaties]\nnaam = \"X\"\n").unwrap_err();
        assert!(err.contains("onbekende sleutel \"organisaties\""), "{err}");
    }

    #[test]
    fn full_config_parses() {
        let cfg = parse(
            r#"
[organisatie]
naam = "Zorggroep"
[verslag]
titel = "Jaarverslag"
vergelijk_jaren = 3
[kolommen]
datum_ontvangst = "Datum binnenkomst"
[[categorie]]
naam = "Bejegening"
omschrijving = "Hoe men wordt behandeld"
aliassen = ["houding"]
[waarden.klager]
"Cliënt" = ["zorgvrager"]
[termijnen]
eerste_contact_werkdagen = 5
[teksten]
voorwoord = "In {{ jaar }}"
[privacy]
kleine_aantallen = 5
"#,
        )
        .unwrap();
        assert_eq!(cfg.categorie[0].aliassen, vec!["houding"]);
    }
}
