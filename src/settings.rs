//! Settings: the optional TOML config and the command line's flags, resolved once into the
//! options each stage owns ([`crate::register::ReadOptions`], [`crate::stats::Options`],
//! [`crate::report::Options`]). This is the only module that knows the config file's shape;
//! clap types stay in `cli/`.
//!
//! The config refuses unknown keys (a typo is an error naming the key, never silence).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::register::closed::{Closed, Lookup, by_label};
use crate::register::normalize::{clean, label_key};
use crate::register::{HeaderRules, Kolom, ReadOptions, Term, Vocabulary};
use crate::report::{DEFAULT_KLEUR, EenheidTeksten, Sjablonen, Teksten};
use crate::stats::opvallend::Soort;
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
    pub teksten: Teksten,
    /// `[privacy]`
    #[serde(default)]
    pub privacy: PrivacyConfig,
    /// `[eenheid."<naam>"]`: a batch unit's own texts (`verslag --per`), keyed by the unit's
    /// name as it stands in the register.
    #[serde(default)]
    pub eenheid: BTreeMap<String, EenheidTeksten>,
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

/// `[privacy]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyConfig {
    /// Warn about published cells below this number.
    pub kleine_aantallen: Option<u32>,
}

/// Reads the replacement templates of `--sjablonen` from a folder. Unknown files are an error
/// naming the allowed ones; `opvallend/<soort>.tera` files become finding overrides.
pub fn sjablonen(dir: &Path) -> Result<(Sjablonen, BTreeMap<Soort, String>)> {
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
                    let Some(soort) = Soort::van_naam(&soort) else {
                        return Err(Error::Usage(format!(
                            "{}: onbekend sjabloon; in opvallend/ mogen staan: {}",
                            f.display(),
                            Soort::ALL.map(|s| format!("{}.tera", s.naam())).join(", ")
                        )));
                    };
                    opvallend.insert(soort, read(&f)?);
                }
            }
            _ if name.starts_with('.') || name == "fonts" => {}
            _ => {
                return Err(Error::Usage(format!(
                    "{}: onbekend sjabloon; --sjablonen mag bevatten: {}, opvallend/<soort>.tera, verantwoording/<regime>.toml",
                    path.display(),
                    crate::report::SJABLOON_BESTANDEN.join(", ")
                )));
            }
        }
    }
    Ok((out, opvallend))
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

/// The one resolved settings value.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Register reading.
    pub read: crate::register::ReadOptions,
    /// Numbers.
    pub stats: crate::stats::Options,
    /// Report texts.
    pub report: crate::report::Options,
}

/// What the command line (or the web page) adds to the config file.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    /// `--blad`: the XLSX sheet, before `[verslag] blad`.
    pub blad: Option<String>,
    /// `--sjablonen`: a folder of templates that replace the embedded ones.
    pub sjablonen: Option<PathBuf>,
    /// Today, for the "date in the future" check; read from the clock by the caller (the
    /// library never reads it), `None` in tests.
    pub vandaag: Option<chrono::NaiveDate>,
}

/// Today's date (UTC), for the "date in the future" check. Read by the front ends (command line,
/// web page) and handed in as [`Flags::vandaag`], so the pipeline stays free of the clock.
pub fn today() -> Option<chrono::NaiveDate> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_days(chrono::Days::new(secs / 86_400))
}

impl Default for Settings {
    fn default() -> Self {
        Settings::resolve(None, &Flags::default()).expect("the empty config is valid")
    }
}

impl Settings {
    /// Resolves the settings from an optional config file and the flags.
    pub fn resolve(config: Option<&Path>, flags: &Flags) -> Result<Settings> {
        match config {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
                    path: path.to_path_buf(),
                    source,
                })?;
                Settings::resolve_text(Some((path, &text)), flags)
            }
            None => Settings::resolve_text(None, flags),
        }
    }

    /// The PDF's date when the config gives none: the latest date in the register (a date
    /// that comes from the data, never the clock, so the same inputs give the same bytes).
    pub fn date_from(&mut self, register: &crate::register::Register) {
        if self.report.documentdatum.is_none() {
            self.report.documentdatum = register
                .klachten
                .iter()
                .flat_map(|k| [Some(k.datum_ontvangst), k.datum_afgehandeld])
                .flatten()
                .max();
        }
    }

    /// Resolves the settings from a config file's text (the web page's upload), named by
    /// `path` in messages; a logo is looked up beside that path.
    pub fn resolve_text(config: Option<(&Path, &str)>, flags: &Flags) -> Result<Settings> {
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
        let read = ReadOptions {
            headers: HeaderRules::new(&mapping),
            blad: flags.blad.clone().or_else(|| cfg.verslag.blad.clone()),
            categorieen: Vocabulary::new(check_terms(&cfg.categorie, "categorie").map_err(err)?),
            clusters: Vocabulary::new(check_terms(&cfg.cluster, "cluster").map_err(err)?),
            klager: lookup(&cfg.waarden.klager).map_err(err)?,
            kanaal: lookup(&cfg.waarden.kanaal).map_err(err)?,
            soort: lookup(&cfg.waarden.soort).map_err(err)?,
            regeling: lookup(&cfg.waarden.regeling).map_err(err)?,
            afhandeling: lookup(&cfg.waarden.afhandeling).map_err(err)?,
            zorgrelatie: lookup(&cfg.waarden.zorgrelatie).map_err(err)?,
            vandaag: flags.vandaag,
        };
        let datum = match &cfg.verslag.datum {
            Some(d) => Some(crate::register::parse_date(d).map_err(|_| {
                err(format!(
                    "[verslag] datum: \"{d}\" is geen geldige datum (verwacht dd-mm-jjjj of jjjj-mm-dd)"
                ))
            })?),
            None => None,
        };
        let mut report = crate::report::Options {
            config_file: None,
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
            beknopt: cfg.verslag.beknopt.unwrap_or(false),
        };
        let mut opvallend = BTreeMap::new();
        for (naam, tekst) in &cfg.teksten.opvallend {
            let Some(soort) = Soort::van_naam(naam) else {
                return Err(err(format!(
                    "[teksten.opvallend]: onbekende soort \"{naam}\" (bekend: {})",
                    Soort::ALL.map(|s| s.naam()).join(", ")
                )));
            };
            opvallend.insert(soort, tekst.clone());
        }
        if let Some(dir) = &flags.sjablonen {
            let (sjablonen, bestanden) = sjablonen(dir)?;
            report.checklists = sjablonen.verantwoording.clone();
            report.sjablonen = sjablonen;
            // A sentence in the config wins over a file in the folder.
            for (soort, tekst) in bestanden {
                opvallend.entry(soort).or_insert(tekst);
            }
        }
        let t = &cfg.termijnen;
        let d = crate::stats::Options::default();
        let stats = crate::stats::Options {
            clusters: read.clusters.names(),
            categorieen: read.categorieen.names(),
            opvallend,
            vergelijk_jaren: cfg.verslag.vergelijk_jaren.unwrap_or(d.vergelijk_jaren),
            eerste_contact_werkdagen: t
                .eerste_contact_werkdagen
                .unwrap_or(d.eerste_contact_werkdagen),
            eerste_contact_dagen: t.eerste_contact_dagen,
            termijnen: termijnen(t).map_err(err)?,
            kleine_aantallen: cfg.privacy.kleine_aantallen.unwrap_or(d.kleine_aantallen),
        };
        if !(2..=100).contains(&stats.kleine_aantallen) {
            return Err(err(
                "[privacy] kleine_aantallen: kies een getal van 2 tot en met 100".into(),
            ));
        }
        if stats.vergelijk_jaren > 20 {
            return Err(err("[verslag] vergelijk_jaren: hoogstens 20 jaar".into()));
        }
        report.config_file = config_file;
        Ok(Settings {
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
        Settings::resolve_text(Some((Path::new("config.toml"), text)), &Flags::default())
            .map_err(|e| e.to_string())
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
