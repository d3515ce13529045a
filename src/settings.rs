//! Settings: command-line arguments and the optional TOML config, resolved once into one
//! checked value. The library sees only [`Settings`]; clap types stay in `cli/`.
//!
//! The config refuses unknown keys (a typo is an error naming the key, never silence).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::register::values::{Closed, Lookup, by_label, clean, label_key};
use crate::register::{
    Afhandeling, HeaderRules, Kanaal, Klager, Kolom, Regeling, Soort, Zorgrelatie,
};
use crate::stats::termijn::Termijnen;

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
    /// `[termijnen]`
    #[serde(default)]
    pub termijnen: TermijnenConfig,
    /// `[teksten]`: Dutch texts (tera templates).
    #[serde(default)]
    pub teksten: TekstenConfig,
    /// `[privacy]`
    #[serde(default)]
    pub privacy: PrivacyConfig,
    /// `[eenheid."<naam>"]`: a batch unit's own texts (`verslag --per`), keyed by the unit's
    /// name as it stands in the register.
    #[serde(default)]
    pub eenheid: BTreeMap<String, EenheidTeksten>,
}

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
}

/// The voorwoord of a unit's report without a `[eenheid."<naam>"]` section: placeholders only,
/// so every number in it is the unit's.
pub const EENHEID_VOORWOORD: &str = "Dit verslag gaat over de klachten van {{ organisatie }} in {{ periode.naam }}: {{ kerngetallen.ontvangen }} {% if raw.kerngetallen.ontvangen == 1 %}klacht of melding{% else %}klachten en meldingen{% endif %}. Het is een deel van het klachtenverslag van de hele organisatie; de cijfers gaan alleen over deze eenheid.";

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
}

/// One entry of an open-list vocabulary.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The name as printed.
    pub naam: String,
    /// What it means (annex).
    pub omschrijving: Option<String>,
    /// Other spellings, also earlier names.
    #[serde(default)]
    pub aliassen: Vec<String>,
}

/// `[waarden]`: label = [aliases] per closed list.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaardenConfig {
    /// klager
    #[serde(default)]
    pub klager: BTreeMap<String, Vec<String>>,
    /// kanaal
    #[serde(default)]
    pub kanaal: BTreeMap<String, Vec<String>>,
    /// soort
    #[serde(default)]
    pub soort: BTreeMap<String, Vec<String>>,
    /// regeling
    #[serde(default)]
    pub regeling: BTreeMap<String, Vec<String>>,
    /// afhandeling
    #[serde(default)]
    pub afhandeling: BTreeMap<String, Vec<String>>,
    /// zorgrelatie
    #[serde(default)]
    pub zorgrelatie: BTreeMap<String, Vec<String>>,
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
}

/// `[teksten]`
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TekstenConfig {
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
    /// Overrides of the findings' sentences, per kind (`verandering_jaar`, …).
    #[serde(default)]
    pub opvallend: BTreeMap<String, String>,
}

/// `[privacy]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyConfig {
    /// Warn about published cells below this number.
    pub kleine_aantallen: Option<u32>,
}

/// An open-list vocabulary: order and spellings of categories or clusters.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// The terms in configured order.
    pub terms: Vec<Term>,
    map: HashMap<String, usize>,
}

impl Vocabulary {
    /// Builds the vocabulary; names and aliases are matched folded.
    pub fn new(terms: Vec<Term>) -> Self {
        let mut map = HashMap::new();
        for (i, t) in terms.iter().enumerate() {
            map.insert(label_key(&t.naam), i);
            for a in &t.aliassen {
                map.entry(label_key(a)).or_insert(i);
            }
        }
        Vocabulary { terms, map }
    }

    /// The configured name for a spelling.
    pub fn lookup(&self, raw: &str) -> Option<&str> {
        self.map
            .get(&label_key(raw))
            .map(|&i| self.terms[i].naam.as_str())
    }

    /// No vocabulary configured.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The same vocabulary with only the terms `keep` accepts (order and aliases kept): a
    /// batch unit's tables list the unit's own clusters and categories.
    pub fn only(&self, keep: impl Fn(&str) -> bool) -> Vocabulary {
        Vocabulary::new(
            self.terms
                .iter()
                .filter(|t| keep(&t.naam))
                .cloned()
                .collect(),
        )
    }

    /// The configured names in order.
    pub fn names(&self) -> Vec<String> {
        self.terms.iter().map(|t| t.naam.clone()).collect()
    }
}

/// Everything the register stage needs.
#[derive(Debug, Clone)]
pub struct ReadSettings {
    /// Header matching.
    pub headers: HeaderRules,
    /// XLSX sheet.
    pub blad: Option<String>,
    /// Category vocabulary.
    pub categorieen: Vocabulary,
    /// Cluster vocabulary.
    pub clusters: Vocabulary,
    /// klager lookup.
    pub klager: Lookup<Klager>,
    /// kanaal lookup.
    pub kanaal: Lookup<Kanaal>,
    /// soort lookup.
    pub soort: Lookup<Soort>,
    /// regeling lookup.
    pub regeling: Lookup<Regeling>,
    /// afhandeling lookup.
    pub afhandeling: Lookup<Afhandeling>,
    /// zorgrelatie lookup.
    pub zorgrelatie: Lookup<Zorgrelatie>,
    /// Today, for the "date in the future" check; set by the CLI, `None` in tests (the
    /// library never reads the clock itself).
    pub vandaag: Option<chrono::NaiveDate>,
}

impl Default for ReadSettings {
    fn default() -> Self {
        ReadSettings {
            headers: HeaderRules::default(),
            blad: None,
            categorieen: Vocabulary::default(),
            clusters: Vocabulary::default(),
            klager: Lookup::new(&[]),
            kanaal: Lookup::new(&[]),
            soort: Lookup::new(&[]),
            regeling: Lookup::new(&[]),
            afhandeling: Lookup::new(&[]),
            zorgrelatie: Lookup::new(&[]),
            vandaag: None,
        }
    }
}

/// Texts and looks of the report.
#[derive(Debug, Clone, Default)]
pub struct ReportSettings {
    /// Organisation name.
    pub organisatie: String,
    /// Title.
    pub titel: String,
    /// Author.
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
    pub teksten: TekstenConfig,
    /// Logo file (PNG, JPEG or SVG), read by the CLI: path relative to the config file.
    pub logo: Option<PathBuf>,
    /// Replacement templates from `--sjablonen`, read by the CLI.
    pub sjablonen: Sjablonen,
    /// Texts of batch units (`[eenheid."<naam>"]`).
    pub eenheden: BTreeMap<String, EenheidTeksten>,
    /// `[verslag] regimes`, when configured.
    pub regimes: Option<Vec<String>>,
    /// Checklists from `--sjablonen MAP/verantwoording/<regime>.toml`, by regime id.
    pub checklists: BTreeMap<String, String>,
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

impl Sjablonen {
    /// Reads the replacement templates from a folder. Unknown files are an error naming the
    /// allowed ones; `opvallend/<soort>.tera` files become finding overrides.
    pub fn load(dir: &Path) -> Result<(Sjablonen, BTreeMap<String, String>)> {
        let read = |p: &Path| {
            std::fs::read_to_string(p).map_err(|source| Error::Read {
                path: p.to_path_buf(),
                source,
            })
        };
        let entries = std::fs::read_dir(dir).map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut out = Sjablonen::default();
        let mut opvallend = BTreeMap::new();
        for entry in entries {
            let path = entry
                .map_err(|source| Error::Read {
                    path: dir.to_path_buf(),
                    source,
                })?
                .path();
            let name = crate::register::file_name(&path);
            match name.as_str() {
                "jaarverslag.typ" => out.jaarverslag = Some(read(&path)?),
                "inleiding.tera" => out.inleiding = Some(read(&path)?),
                "kader.tera" => out.kader = Some(read(&path)?),
                "verantwoording" if path.is_dir() => {
                    for f in files_in(&path)? {
                        if f.extension().is_none_or(|e| e != "toml") {
                            return Err(Error::Usage(format!(
                                "{}: in verantwoording/ staan alleen checklists <regime>.toml",
                                f.display()
                            )));
                        }
                        let id = f
                            .file_stem()
                            .map(|n| n.to_string_lossy().to_lowercase())
                            .unwrap_or_default();
                        out.verantwoording.insert(id, read(&f)?);
                    }
                }
                "opvallend" if path.is_dir() => {
                    for f in files_in(&path)? {
                        let soort = f
                            .file_stem()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        if !crate::stats::opvallend::SOORTEN
                            .iter()
                            .any(|(s, _)| *s == soort)
                        {
                            return Err(Error::Usage(format!(
                                "{}: onbekend sjabloon; in opvallend/ mogen staan: {}",
                                f.display(),
                                crate::stats::opvallend::SOORTEN
                                    .map(|(s, _)| format!("{s}.tera"))
                                    .join(", ")
                            )));
                        }
                        opvallend.insert(soort, read(&f)?);
                    }
                }
                _ if name.starts_with('.') || name == "fonts" => {}
                _ => {
                    return Err(Error::Usage(format!(
                        "{}: onbekend sjabloon; --sjablonen mag bevatten: {}, opvallend/<soort>.tera, verantwoording/<regime>.toml",
                        path.display(),
                        SJABLOON_BESTANDEN.join(", ")
                    )));
                }
            }
        }
        Ok((out, opvallend))
    }
}

/// The entries of a folder (of `--sjablonen`), as paths.
fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let err = |source| Error::Read {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::read_dir(dir)
        .map_err(err)?
        .map(|e| e.map(|e| e.path()).map_err(err))
        .collect()
}

/// The default house colour: a calm blue with enough contrast for white text.
pub const DEFAULT_KLEUR: &str = "#2b5c8a";

/// Terms and windows for the numbers.
#[derive(Debug, Clone)]
pub struct StatsSettings {
    /// Earlier years in the multi-year tables (default 3).
    pub vergelijk_jaren: u32,
    /// First contact within N working days (default 5, the model regulation).
    pub eerste_contact_werkdagen: u32,
    /// Optional second KPI: first contact within N calendar days.
    pub eerste_contact_dagen: Option<u32>,
    /// The handling and extended terms (`[termijnen]`, default the Wkkgz's 6 and 10 weeks).
    pub termijnen: crate::stats::termijn::Termijnen,
    /// Published counts below this are small numbers (`[privacy] kleine_aantallen`, default 5).
    pub kleine_aantallen: u32,
}

/// The one resolved settings value.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The config file's name and SHA-256, when one was given.
    pub config_file: Option<(String, String)>,
    /// Register reading.
    pub read: ReadSettings,
    /// Numbers.
    pub stats: StatsSettings,
    /// Report texts.
    pub report: ReportSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings::resolve(None).expect("the empty config is valid")
    }
}

impl Settings {
    /// Resolves the settings from an optional config file.
    pub fn resolve(config: Option<&Path>) -> Result<Settings> {
        match config {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
                    path: path.to_path_buf(),
                    source,
                })?;
                Settings::resolve_text(Some((path, &text)))
            }
            None => Settings::resolve_text(None),
        }
    }

    /// Resolves the settings from a config file's text (the web page's upload), named by
    /// `path` in messages; a logo is looked up beside that path.
    pub fn resolve_text(config: Option<(&Path, &str)>) -> Result<Settings> {
        let (cfg, config_file) = match config {
            Some((path, text)) => {
                let cfg = toml::from_str(text).map_err(|e| Error::Config {
                    path: path.to_path_buf(),
                    message: dutch_toml_error(text, &e),
                })?;
                let hash = crate::register::sha256_hex(text.as_bytes());
                let name = crate::register::file_name(path);
                (cfg, Some((name, hash)))
            }
            None => (Config::default(), None),
        };
        let config = config.map(|(p, _)| p);
        let err = |message: String| Error::Config {
            path: config.map(Path::to_path_buf).unwrap_or_default(),
            message,
        };
        let mut mapping = Vec::new();
        for (name, header) in &cfg.kolommen {
            let k = Kolom::by_name(name).ok_or_else(|| {
                err(format!(
                    "[kolommen]: onbekende kolom \"{name}\" (bekende kolommen: {})",
                    Kolom::ALL
                        .iter()
                        .map(|k| k.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
            mapping.push((k, header.clone()));
        }
        let read = ReadSettings {
            headers: HeaderRules::new(&mapping),
            blad: cfg.verslag.blad.clone(),
            categorieen: Vocabulary::new(check_terms(&cfg.categorie, "categorie").map_err(err)?),
            clusters: Vocabulary::new(check_terms(&cfg.cluster, "cluster").map_err(err)?),
            klager: lookup(&cfg.waarden.klager).map_err(err)?,
            kanaal: lookup(&cfg.waarden.kanaal).map_err(err)?,
            soort: lookup(&cfg.waarden.soort).map_err(err)?,
            regeling: lookup(&cfg.waarden.regeling).map_err(err)?,
            afhandeling: lookup(&cfg.waarden.afhandeling).map_err(err)?,
            zorgrelatie: lookup(&cfg.waarden.zorgrelatie).map_err(err)?,
            vandaag: None,
        };
        let datum = match &cfg.verslag.datum {
            Some(d) => Some(crate::register::parse_date(d).map_err(|_| {
                err(format!(
                    "[verslag] datum: \"{d}\" is geen geldige datum (verwacht dd-mm-jjjj of jjjj-mm-dd)"
                ))
            })?),
            None => None,
        };
        let report = ReportSettings {
            organisatie: cfg
                .organisatie
                .naam
                .clone()
                .unwrap_or_else(|| "Onze organisatie".into()),
            titel: cfg
                .verslag
                .titel
                .clone()
                .unwrap_or_else(|| "Jaarverslag klachten".into()),
            auteur: cfg.verslag.auteur.clone(),
            datum,
            documentdatum: datum,
            kleur: match &cfg.organisatie.kleur {
                Some(k) if is_hex_colour(k) => k.to_lowercase(),
                Some(k) => {
                    return Err(err(format!(
                        "[organisatie] kleur: \"{k}\" is geen kleur (verwacht #rrggbb, bijvoorbeeld \"#2b5c8a\")"
                    )));
                }
                None => DEFAULT_KLEUR.into(),
            },
            categorieen: cfg
                .categorie
                .iter()
                .filter_map(|t| {
                    t.omschrijving
                        .as_ref()
                        .map(|o| (clean(&t.naam), o.trim().to_string()))
                })
                .collect(),
            teksten: cfg.teksten.clone(),
            // Relative to the config file, so a config and its logo travel together.
            logo: cfg.organisatie.logo.as_ref().map(|l| {
                config
                    .and_then(Path::parent)
                    .map(|d| d.join(l))
                    .unwrap_or_else(|| l.clone())
            }),
            sjablonen: Sjablonen::default(),
            eenheden: cfg.eenheid.clone(),
            regimes: cfg.verslag.regimes.clone(),
            checklists: BTreeMap::new(),
        };
        for soort in cfg.teksten.opvallend.keys() {
            if !crate::stats::opvallend::SOORTEN
                .iter()
                .any(|(s, _)| s == soort)
            {
                return Err(err(format!(
                    "[teksten.opvallend]: onbekende soort \"{soort}\" (bekend: {})",
                    crate::stats::opvallend::SOORTEN.map(|(s, _)| s).join(", ")
                )));
            }
        }
        let t = &cfg.termijnen;
        let stats = StatsSettings {
            vergelijk_jaren: cfg.verslag.vergelijk_jaren.unwrap_or(3),
            eerste_contact_werkdagen: t.eerste_contact_werkdagen.unwrap_or(5),
            eerste_contact_dagen: t.eerste_contact_dagen,
            termijnen: termijnen(t).map_err(err)?,
            kleine_aantallen: cfg.privacy.kleine_aantallen.unwrap_or(5),
        };
        if !(2..=100).contains(&stats.kleine_aantallen) {
            return Err(err(
                "[privacy] kleine_aantallen: kies een getal van 2 tot en met 100".into(),
            ));
        }
        if stats.vergelijk_jaren > 20 {
            return Err(err("[verslag] vergelijk_jaren: hoogstens 20 jaar".into()));
        }
        Ok(Settings {
            config_file,
            read,
            stats,
            report,
        })
    }
}

/// The terms from `[termijnen]`: each in weeks or in days (not both), the extended term at
/// least as long as the handling term.
fn termijnen(t: &TermijnenConfig) -> std::result::Result<Termijnen, String> {
    use crate::stats::termijn::{Termijn, WETTELIJK};
    let one =
        |naam: &str, weken: Option<u32>, dagen: Option<u32>, default: Termijn| match (weken, dagen)
        {
            (Some(_), Some(_)) => Err(format!(
                "[termijnen]: geef {naam}_weken of {naam}_dagen, niet allebei"
            )),
            (Some(0), _) | (_, Some(0)) => Err(format!(
                "[termijnen] {naam}: een termijn van 0 kan niet; kies een getal groter dan 0"
            )),
            (Some(w), None) => Ok(Termijn::Weken(w)),
            (None, Some(d)) => Ok(Termijn::Dagen(d)),
            (None, None) => Ok(default),
        };
    let afhandeling = one(
        "afhandeling",
        t.afhandeling_weken,
        t.afhandeling_dagen,
        WETTELIJK.0,
    )?;
    let mut verlenging = one(
        "verlenging",
        t.verlenging_weken,
        t.verlenging_dagen,
        WETTELIJK.1,
    )?;
    if t.verlenging_weken.is_none()
        && t.verlenging_dagen.is_none()
        && verlenging.dagen() < afhandeling.dagen()
    {
        // Only a handling term longer than 10 weeks given: the extension keeps the Wkkgz's
        // four weeks on top of it, in the same unit.
        verlenging = match afhandeling {
            Termijn::Weken(w) => Termijn::Weken(w.saturating_add(4)),
            Termijn::Dagen(d) => Termijn::Dagen(d.saturating_add(28)),
        };
    }
    if verlenging.dagen() < afhandeling.dagen() {
        return Err(format!(
            "[termijnen]: de verlengde termijn ({}) is korter dan de afhandeltermijn ({}); de verlengde termijn telt vanaf de ontvangst en is minstens even lang",
            verlenging.tekst(),
            afhandeling.tekst()
        ));
    }
    Ok(Termijnen::new(afhandeling, verlenging))
}

fn is_hex_colour(k: &str) -> bool {
    k.len() == 7 && k.starts_with('#') && k[1..].chars().all(|c| c.is_ascii_hexdigit())
}

fn check_terms(terms: &[Term], list: &str) -> std::result::Result<Vec<Term>, String> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for t in terms {
        let naam = clean(&t.naam);
        if naam.is_empty() {
            return Err(format!("[[{list}]]: een naam is leeg"));
        }
        if let Some(prev) = seen.insert(label_key(&naam), naam.clone()) {
            return Err(format!(
                "[[{list}]]: \"{naam}\" staat er dubbel in (ook als \"{prev}\")"
            ));
        }
        out.push(Term {
            naam,
            omschrijving: t.omschrijving.clone(),
            aliassen: t.aliassen.clone(),
        });
    }
    Ok(out)
}

fn lookup<T: Closed>(
    aliases: &BTreeMap<String, Vec<String>>,
) -> std::result::Result<Lookup<T>, String> {
    let mut extra = Vec::new();
    for (label, list) in aliases {
        let v = by_label::<T>(label).ok_or_else(|| {
            format!(
                "[waarden.{}]: \"{label}\" is geen waarde van deze lijst (toegestaan: {})",
                T::KOLOM,
                Lookup::<T>::labels().join(", ")
            )
        })?;
        extra.push((v, list.clone()));
    }
    Ok(Lookup::new(&extra))
}

/// Reads and parses the config file, with Dutch messages for TOML errors. Also returns the
/// file's SHA-256.
pub fn load_config(path: &Path) -> Result<(Config, String)> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let cfg = toml::from_str(&text).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        message: dutch_toml_error(&text, &e),
    })?;
    Ok((cfg, crate::register::sha256_hex(text.as_bytes())))
}

/// Turns a TOML error into Dutch, with the line it is on.
fn dutch_toml_error(text: &str, e: &toml::de::Error) -> String {
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

    fn parse(text: &str) -> std::result::Result<Config, String> {
        toml::from_str::<Config>(text).map_err(|e| dutch_toml_error(text, &e))
    }

    /// Resolves a config text; `Err` is the Dutch message.
    fn resolve(text: &str) -> std::result::Result<Settings, String> {
        Settings::resolve_text(Some((Path::new("config.toml"), text))).map_err(|e| e.to_string())
    }

    #[test]
    fn resolve_checks_every_value_in_dutch() {
        for (text, says) in [
            (
                "[organisatie]\nkleur = \"blauw\"\n",
                "\"blauw\" is geen kleur (verwacht #rrggbb",
            ),
            (
                "[privacy]\nkleine_aantallen = 1\n",
                "kies een getal van 2 tot en met 100",
            ),
            (
                "[privacy]\nkleine_aantallen = 101\n",
                "kies een getal van 2 tot en met 100",
            ),
            ("[verslag]\nvergelijk_jaren = 21\n", "hoogstens 20 jaar"),
            (
                "[verslag]\ndatum = \"31-02-2025\"\n",
                "is geen geldige datum",
            ),
            (
                "[kolommen]\nklachtnr = \"Nummer\"\n",
                "onbekende kolom \"klachtnr\"",
            ),
            (
                "[waarden.klager]\n\"Buurman\" = [\"buren\"]\n",
                "\"Buurman\" is geen waarde van deze lijst",
            ),
            (
                "[[categorie]]\nnaam = \"A\"\n[[categorie]]\nnaam = \"a\"\n",
                "staat er dubbel in",
            ),
            (
                "[teksten.opvallend]\nonbekend = \"x\"\n",
                "onbekende soort \"onbekend\"",
            ),
            (
                "[termijnen]\nafhandeling_weken = 0\n",
                "een termijn van 0 kan niet",
            ),
            (
                "[termijnen]\nafhandeling_weken = 6\nverlenging_weken = 4\n",
                "korter dan de afhandeltermijn",
            ),
        ] {
            let err = resolve(text)
                .err()
                .unwrap_or_else(|| panic!("{text:?} was accepted"));
            assert!(err.contains(says), "{text:?}: {err}");
        }
        // And what is right is taken.
        let s = resolve("[organisatie]\nkleur = \"#AABBCC\"\n[privacy]\nkleine_aantallen = 3\n[termijnen]\nafhandeling_weken = 12\n").unwrap();
        assert_eq!(s.report.kleur, "#aabbcc");
        assert_eq!(s.stats.kleine_aantallen, 3);
        // Only a handling term longer than 10 weeks: the extension keeps the Wkkgz's 4 weeks.
        assert_eq!(
            s.stats.termijnen.verlenging,
            crate::stats::termijn::Termijn::Weken(16)
        );
    }

    #[test]
    fn unknown_key_is_named() {
        let err = parse("[organisatie]\nnaam = \"X\"\nkleurtje = \"#fff\"\n").unwrap_err();
        assert!(
            err.starts_with("regel 3: onbekende sleutel \"kleurtje\""),
            "{err}"
        );
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
