//! The report stage's options, resolved from the config by [`crate::settings`]: the report's
//! texts and looks, and the templates that replace the embedded ones.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

/// Texts and looks of the report: what the PDF, the XLSX and the batch overview need besides
/// the figures.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The config file's name and SHA-256, when one was given (colofon, manifest).
    pub config_file: Option<(String, String)>,
    /// Organisation name.
    pub organisatie: String,
    /// Title on the title page ("Kwartaalrapportage" replaces "Jaarverslag" in a quarter).
    pub titel: String,
    /// Author (the klachtenfunctionaris): title page and the PDF's and XLSX's metadata.
    pub auteur: Option<String>,
    /// Report date, as given in the config (printed on the title page).
    pub datum: Option<chrono::NaiveDate>,
    /// The PDF's creation date: the configured date, else the latest date in the register
    /// (set by the CLI). Never the clock, so the same inputs give the same bytes.
    pub documentdatum: Option<chrono::NaiveDate>,
    /// House colour, `#rrggbb`.
    pub kleur: String,
    /// Category descriptions for the annex (name, description), in configured order.
    pub categorieen: Vec<(String, String)>,
    /// Configured texts.
    pub teksten: Teksten,
    /// Logo file (PNG, JPEG or SVG), read by the CLI: path relative to the config file.
    pub logo: Option<PathBuf>,
    /// A logo written into the config itself (`logo = "data:image/png;base64,…"`, as the web
    /// page writes it, so the config alone brings it back).
    pub logo_ingebed: Option<Vec<u8>>,
    /// Replacement templates from `--sjablonen`, read by the CLI.
    pub sjablonen: Sjablonen,
    /// Texts of batch units (`[eenheid."<naam>"]`).
    pub eenheden: BTreeMap<String, EenheidTeksten>,
    /// `[verslag] regimes`, when configured.
    pub regimes: Option<Vec<String>>,
    /// Checklists from `--sjablonen MAP/verantwoording/<regime>.toml`, by regime id.
    pub checklists: BTreeMap<String, String>,
    /// `[[plan]]`: the plans for the coming year as a list (beside or instead of
    /// `[teksten] plannen`).
    pub plannen: Vec<Plan>,
    /// `[[doel]]`, or last year's plans with this year's `[[doel]]`s matched to them
    /// ([`crate::doelen::neem_over`]): the chapter *Doelen JJJJ en resultaat*.
    pub doelen: Vec<Doel>,
    /// Last year's config the goals were taken from (`--vorige-config`): its name and SHA-256,
    /// for the colofon and the manifest.
    pub vorige_config: Option<(String, String)>,
    /// `--beknopt`: the PDF without table of contents, charts and the Verantwoording annex
    /// (the figures, the JSON and the XLSX are the same). A batch unit costs ~30–40 % less.
    pub beknopt: bool,
}

/// Templates that replace the embedded ones, file by file (`--sjablonen DIR`).
#[derive(Debug, Clone, Default)]
pub struct Sjablonen {
    /// `jaarverslag.typ`: the report layout.
    pub jaarverslag: Option<String>,
    /// `inleiding.tera`
    pub inleiding: Option<String>,
    /// `kader.tera`
    pub kader: Option<String>,
    /// `verantwoording/<regime>.toml`: checklists, by regime id.
    pub verantwoording: BTreeMap<String, String>,
}

/// The files `--sjablonen` may hold (besides `opvallend/<soort>.tera`).
pub const SJABLOON_BESTANDEN: [&str; 3] = ["jaarverslag.typ", "inleiding.tera", "kader.tera"];

/// The default house colour: a calm blue with enough contrast for white text.
pub const DEFAULT_KLEUR: &str = "#2b5c8a";

/// `[eenheid."<naam>"]`: the texts of one unit's report in a batch. A unit without a section
/// gets a neutral voorwoord made of placeholders only and no adviezen or plannen: the
/// organisation's own texts speak of the organisation's numbers, not the unit's.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EenheidTeksten {
    /// Foreword of the unit's report.
    pub voorwoord: Option<String>,
    /// Advice for the unit.
    pub adviezen: Option<String>,
    /// Plans of the unit.
    pub plannen: Option<String>,
    /// `[[eenheid."<naam>".plan]]`: the unit's plans as a list.
    #[serde(default)]
    pub plan: Vec<Plan>,
    /// `[[eenheid."<naam>".doel]]`: the unit's goals (its chapter *Doelen JJJJ en resultaat*).
    #[serde(default)]
    pub doel: Vec<Doel>,
    /// `[[eenheid."<naam>".volume]]`: the unit's denominators for its rates (the
    /// organisation's `[[volume]]` are not the unit's).
    #[serde(default)]
    pub volume: Vec<crate::stats::volume::Volume>,
}

/// `[[plan]]`: one plan for the coming year. Next year it is a goal (`[[doel]]` with the same
/// title).
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// What is planned, in a line.
    pub titel: String,
    /// What it means and why (a text like the other `[teksten]`).
    pub toelichting: Option<String>,
}

/// `[[doel]]`: one goal of the report year (a plan of last year's report) and what came of it.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Doel {
    /// The goal, as last year's plan was titled.
    pub titel: String,
    /// Behaald, deels, niet or loopt door.
    pub status: Option<crate::stats::doelen::Status>,
    /// What was done and what it led to (a text like the other `[teksten]`).
    pub resultaat: Option<String>,
}

/// The voorwoord of a unit's report without a `[eenheid."<naam>"]` section: placeholders only,
/// so every number in it is the unit's.
pub const EENHEID_VOORWOORD: &str = "Dit verslag gaat over de klachten van {{ organisatie }} in {{ periode.naam }}: {{ kerngetallen.ontvangen }} {% if raw.kerngetallen.ontvangen == 1 %}klacht of melding{% else %}klachten en meldingen{% endif %}. Het is een deel van het klachtenverslag van de hele organisatie; de cijfers gaan alleen over deze eenheid.";

/// `[teksten]`
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Teksten {
    /// Foreword.
    pub voorwoord: Option<String>,
    /// Legal framework.
    pub kader: Option<String>,
    /// Advice.
    pub adviezen: Option<String>,
    /// Plans.
    pub plannen: Option<String>,
    /// Verantwoording: a short description of the klachtenregeling.
    pub klachtenregeling: Option<String>,
    /// Verantwoording: how the regeling was made known.
    pub bekendmaking: Option<String>,
    /// Verantwoording: the klachtenfunctionaris (Wkkgz art. 15).
    pub klachtenfunctionaris: Option<String>,
    /// Verantwoording: the composition of the klachtencommissie.
    pub klachtencommissie: Option<String>,
    /// Verantwoording: to what extent the complaint handling could do its work.
    pub werkzaamheid: Option<String>,
    /// Verantwoording: the purport of judgments and recommendations.
    pub strekking_oordelen: Option<String>,
    /// Verantwoording: the nature of the measures taken.
    pub maatregelen: Option<String>,
    /// Verantwoording: how the articles on the klachtencommissie were applied (Jeugdwet).
    pub toepassing_klachtenregeling: Option<String>,
    /// Verantwoording: the geschilleninstantie (Wkkgz art. 18).
    pub geschilleninstantie: Option<String>,
    /// Verantwoording: how clients were involved in the quality policy (Jeugdwet).
    pub clientbetrokkenheid: Option<String>,
    /// Verantwoording: how often, how and with what result quality was assessed (Jeugdwet).
    pub kwaliteitsbeoordeling: Option<String>,
    /// Overrides of the findings' sentences, per kind (`verandering_jaar`, …); the options
    /// check the kinds and hand them to the numbers stage.
    #[serde(default)]
    pub opvallend: BTreeMap<String, String>,
}

/// The config texts an item can point to, with their heading in the report's chapter
/// *Klachtenregeling*, in the order the chapter prints them.
pub const TEKSTEN: [(&str, &str); 11] = [
    ("klachtenregeling", "De klachtenregeling"),
    ("bekendmaking", "Bekendmaking van de regeling"),
    ("klachtenfunctionaris", "De klachtenfunctionaris"),
    (
        "klachtencommissie",
        "Samenstelling van de klachtencommissie",
    ),
    ("werkzaamheid", "Werkzaamheden"),
    ("strekking_oordelen", "Oordelen en aanbevelingen"),
    ("maatregelen", "Maatregelen"),
    (
        "toepassing_klachtenregeling",
        "Toepassing van de klachtenregeling",
    ),
    ("geschilleninstantie", "Geschilleninstantie"),
    (
        "clientbetrokkenheid",
        "Betrokkenheid van cliënten bij het kwaliteitsbeleid",
    ),
    ("kwaliteitsbeoordeling", "Beoordeling van de kwaliteit"),
];

impl Teksten {
    /// The configured text of a verantwoording key, if any.
    pub fn verantwoording(&self, key: &str) -> Option<&String> {
        match key {
            "klachtenregeling" => self.klachtenregeling.as_ref(),
            "bekendmaking" => self.bekendmaking.as_ref(),
            "klachtenfunctionaris" => self.klachtenfunctionaris.as_ref(),
            "klachtencommissie" => self.klachtencommissie.as_ref(),
            "werkzaamheid" => self.werkzaamheid.as_ref(),
            "strekking_oordelen" => self.strekking_oordelen.as_ref(),
            "maatregelen" => self.maatregelen.as_ref(),
            "toepassing_klachtenregeling" => self.toepassing_klachtenregeling.as_ref(),
            "geschilleninstantie" => self.geschilleninstantie.as_ref(),
            "clientbetrokkenheid" => self.clientbetrokkenheid.as_ref(),
            "kwaliteitsbeoordeling" => self.kwaliteitsbeoordeling.as_ref(),
            _ => None,
        }
        .filter(|t| !t.trim().is_empty())
    }

    /// The text of `[teksten] <key>` for every key that holds one text (not `opvallend`): the
    /// page edits them one box each.
    pub fn veld_mut(&mut self, key: &str) -> Option<&mut Option<String>> {
        Some(match key {
            "voorwoord" => &mut self.voorwoord,
            "kader" => &mut self.kader,
            "adviezen" => &mut self.adviezen,
            "plannen" => &mut self.plannen,
            "klachtenregeling" => &mut self.klachtenregeling,
            "bekendmaking" => &mut self.bekendmaking,
            "klachtenfunctionaris" => &mut self.klachtenfunctionaris,
            "klachtencommissie" => &mut self.klachtencommissie,
            "werkzaamheid" => &mut self.werkzaamheid,
            "strekking_oordelen" => &mut self.strekking_oordelen,
            "maatregelen" => &mut self.maatregelen,
            "toepassing_klachtenregeling" => &mut self.toepassing_klachtenregeling,
            "geschilleninstantie" => &mut self.geschilleninstantie,
            "clientbetrokkenheid" => &mut self.clientbetrokkenheid,
            "kwaliteitsbeoordeling" => &mut self.kwaliteitsbeoordeling,
            _ => return None,
        })
    }
}
