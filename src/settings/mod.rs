//! Settings: the optional TOML config and the front end's flags, resolved once into the
//! options each stage owns ([`crate::register::ReadOptions`], [`crate::stats::Options`],
//! [`crate::report::Options`]), each made by one builder from the parsed config. This is the
//! only module that knows the config file's shape ([`config`]); clap types stay in `cli/`.

pub mod config;
mod sjablonen;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::register::closed::{Closed, Lookup, by_label};
use crate::register::normalize::{clean, label_key};
use crate::register::{HeaderRules, Kolom, ReadOptions, Term, Vocabulary};
use crate::report::{DEFAULT_KLEUR, Sjablonen};
use crate::stats::opvallend::FindingKind;
use crate::stats::termijn::Termijnen;

pub use config::{
    Config, OrganisatieConfig, PrivacyConfig, TermijnenConfig, VerslagConfig, WaardenConfig,
};
pub use sjablonen::sjablonen;

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

/// Where the config comes from.
#[derive(Debug, Clone, Copy)]
pub enum ConfigBron<'a> {
    /// No config: the defaults.
    Geen,
    /// A file on disk (`--config`); a logo in it is found beside it.
    Bestand(&'a Path),
    /// An uploaded file's text, named by `naam` in messages. An upload has no folder, so a
    /// logo path in it is not followed (the page takes an uploaded logo instead).
    Upload {
        /// The file name as uploaded.
        naam: &'a Path,
        /// Its text.
        tekst: &'a str,
    },
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
    /// `--beknopt` (or the page's "Beknopt verslag"): brief reports, besides
    /// `[verslag] beknopt`.
    pub beknopt: bool,
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

/// A house colour: `#rrggbb`, lowercased; `Err` says why not, in Dutch (after the name of the
/// field it came from).
pub fn kleur(k: &str) -> std::result::Result<String, String> {
    if k.len() == 7 && k.starts_with('#') && k[1..].chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(k.to_lowercase())
    } else {
        Err(format!(
            "\"{k}\" is geen kleur (verwacht #rrggbb, bijvoorbeeld \"#2b5c8a\")"
        ))
    }
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
            Some(path) => Settings::from_config(&ConfigBron::Bestand(path), flags),
            None => Settings::from_config(&ConfigBron::Geen, flags),
        }
    }

    /// Resolves the settings from a config (none, a file, an upload) and the flags.
    pub fn from_config(bron: &ConfigBron<'_>, flags: &Flags) -> Result<Settings> {
        let gelezen;
        let (path, text, folder) = match *bron {
            ConfigBron::Geen => return Settings::build(&Config::default(), None, flags),
            ConfigBron::Bestand(path) => {
                gelezen = std::fs::read_to_string(path).map_err(|source| Error::Read {
                    path: path.to_path_buf(),
                    source,
                })?;
                (
                    path,
                    gelezen.as_str(),
                    Some(path.parent().unwrap_or(Path::new(""))),
                )
            }
            ConfigBron::Upload { naam, tekst } => (naam, tekst, None),
        };
        let cfg = config::parse(text).map_err(|message| Error::Config {
            path: path.to_path_buf(),
            message,
        })?;
        let mut settings = Settings::build(&cfg, Some((path, folder)), flags)?;
        settings.report.config_file = Some((
            crate::register::file_name(path),
            crate::register::sha256_hex(text.as_bytes()),
        ));
        Ok(settings)
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

    /// Each stage's options from the parsed config and the flags. `config` names the config
    /// file in messages and, when it lies on disk, the folder its logo is relative to.
    fn build(
        cfg: &Config,
        config: Option<(&Path, Option<&Path>)>,
        flags: &Flags,
    ) -> Result<Settings> {
        let err = |message: String| Error::Config {
            path: config.map(|(p, _)| p.to_path_buf()).unwrap_or_default(),
            message,
        };
        let read = read_options(cfg, flags).map_err(err)?;
        let folder = config.map(|(_, folder)| folder);
        let mut report = report_options(cfg, folder).map_err(err)?;
        let mut opvallend = opvallend(cfg).map_err(err)?;
        if let Some(dir) = &flags.sjablonen {
            let (sjablonen, bestanden) = sjablonen(dir)?;
            report.checklists = sjablonen.verantwoording.clone();
            report.sjablonen = sjablonen;
            // A sentence in the config wins over a file in the folder.
            for (soort, tekst) in bestanden {
                opvallend.entry(soort).or_insert(tekst);
            }
        }
        let stats = stats_options(cfg, &read, opvallend).map_err(err)?;
        apply_flags(&mut report, flags)?;
        Ok(Settings {
            read,
            stats,
            report,
        })
    }
}

/// Register reading: header mapping, vocabularies, aliases of the closed lists, the sheet.
fn read_options(cfg: &Config, flags: &Flags) -> std::result::Result<ReadOptions, String> {
    let mut mapping = Vec::new();
    for (name, header) in &cfg.kolommen {
        let k = Kolom::by_name(name).ok_or_else(|| {
            format!(
                "[kolommen]: onbekende kolom \"{name}\" (bekende kolommen: {})",
                Kolom::ALL
                    .iter()
                    .map(|k| k.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
        // Free text never reaches a report: neither the omschrijving column read as another
        // column, nor another column read from the omschrijving's header.
        if k == Kolom::Omschrijving
            || HeaderRules::default().column_of(header) == Some(Kolom::Omschrijving)
        {
            return Err(format!(
                "[kolommen] {name}: de omschrijving wordt nooit gelezen; koppel een andere kolom"
            ));
        }
        mapping.push((k, header.clone()));
    }
    Ok(ReadOptions {
        headers: HeaderRules::new(&mapping),
        blad: flags.blad.clone().or_else(|| cfg.verslag.blad.clone()),
        categorieen: Vocabulary::new(check_terms(&cfg.categorie, "categorie")?),
        clusters: Vocabulary::new(check_terms(&cfg.cluster, "cluster")?),
        klager: lookup(&cfg.waarden.klager)?,
        kanaal: lookup(&cfg.waarden.kanaal)?,
        soort: lookup(&cfg.waarden.soort)?,
        regeling: lookup(&cfg.waarden.regeling)?,
        afhandeling: lookup(&cfg.waarden.afhandeling)?,
        zorgrelatie: lookup(&cfg.waarden.zorgrelatie)?,
        tevredenheid: lookup(&cfg.waarden.tevredenheid)?,
        oordeel: lookup(&cfg.waarden.oordeel)?,
        rij_per: cfg.register.rij.unwrap_or_default(),
        vandaag: flags.vandaag,
        apart: [
            (Kolom::Categorie, &cfg.apart.categorie),
            (Kolom::Cluster, &cfg.apart.cluster),
            (Kolom::SoortZorg, &cfg.apart.soort_zorg),
            (Kolom::Zorgaanbieder, &cfg.apart.zorgaanbieder),
        ]
        .into_iter()
        .flat_map(|(k, v)| v.iter().map(move |s| (k, clean(s))))
        .collect(),
    })
}

/// A logo written into the config as a `data:` URL (`data:image/png;base64,…`): its bytes.
fn logo_uit_data_url(url: &str) -> std::result::Result<Vec<u8>, String> {
    use base64::Engine;
    let fout = || {
        "[organisatie] logo: een logo in de configuratie zelf begint met data:…;base64, en daarna de afbeelding in base64".to_string()
    };
    let (_, data) = url.split_once(";base64,").ok_or_else(fout)?;
    base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|_| fout())
}

/// A logo as a `data:` URL for the config (what [`logo_uit_data_url`] reads back), its media
/// type as Typst detects the format; `None` for a file that is no logo.
pub fn logo_als_data_url(bytes: &[u8]) -> Option<String> {
    use base64::Engine;
    let mime = crate::report::media_type(bytes)?;
    Some(format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    ))
}

/// The report's texts and looks from the config. `folder` is the config file's folder when it
/// lies on disk (`Some(None)`: an upload, whose logo path is not followed).
fn report_options(
    cfg: &Config,
    folder: Option<Option<&Path>>,
) -> std::result::Result<crate::report::Options, String> {
    let ingebed = match cfg.organisatie.logo.as_ref().and_then(|l| l.to_str()) {
        Some(l) if l.starts_with("data:") => Some(logo_uit_data_url(l)?),
        _ => None,
    };
    let datum = match &cfg.verslag.datum {
        Some(d) => Some(crate::register::parse_date(d).map_err(|_| {
            format!(
                "[verslag] datum: \"{d}\" is geen geldige datum (verwacht dd-mm-jjjj of jjjj-mm-dd)"
            )
        })?),
        None => None,
    };
    let report = crate::report::Options {
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
            Some(k) => kleur(k).map_err(|m| format!("[organisatie] kleur: {m}"))?,
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
        // Relative to the config file, so a config and its logo travel together; a data: URL
        // is the logo itself.
        logo: match folder {
            _ if ingebed.is_some() => None,
            Some(None) => None,
            Some(Some(dir)) => cfg.organisatie.logo.as_ref().map(|l| dir.join(l)),
            None => cfg.organisatie.logo.clone(),
        },
        logo_ingebed: ingebed,
        sjablonen: Sjablonen::default(),
        eenheden: cfg.eenheid.clone(),
        regimes: cfg.verslag.regimes.clone(),
        checklists: BTreeMap::new(),
        beknopt: cfg.verslag.beknopt.unwrap_or(false),
        plannen: cfg.plan.clone(),
        doelen: cfg.doel.clone(),
        vorige_config: None,
    };
    check_plannen(&cfg.plan, &cfg.doel, "")?;
    for (naam, e) in &cfg.eenheid {
        check_plannen(&e.plan, &e.doel, &format!("eenheid.\"{naam}\"."))?;
    }
    Ok(report)
}

/// What the front end sets over the config's report options: `--beknopt` (the page writes
/// everything else it sets into the config itself).
fn apply_flags(report: &mut crate::report::Options, flags: &Flags) -> Result<()> {
    report.beknopt |= flags.beknopt;
    Ok(())
}

/// The config's sentences for the findings (`[teksten.opvallend]`), by kind.
fn opvallend(cfg: &Config) -> std::result::Result<BTreeMap<FindingKind, String>, String> {
    let mut opvallend = BTreeMap::new();
    for (naam, tekst) in &cfg.teksten.opvallend {
        let Some(soort) = FindingKind::van_naam(naam) else {
            return Err(format!(
                "[teksten.opvallend]: onbekende soort \"{naam}\" (bekend: {})",
                FindingKind::ALL.map(|s| s.naam()).join(", ")
            ));
        };
        opvallend.insert(soort, tekst.clone());
    }
    Ok(opvallend)
}

/// The numbers: vocabularies (from the reading options), terms, comparison years, the small
/// counts' threshold, the findings' sentences.
fn stats_options(
    cfg: &Config,
    read: &ReadOptions,
    opvallend: BTreeMap<FindingKind, String>,
) -> std::result::Result<crate::stats::Options, String> {
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
        termijnen: termijnen(t)?,
        peildatum: t.peildatum.unwrap_or_default(),
        kleine_aantallen: cfg.privacy.kleine_aantallen.unwrap_or(d.kleine_aantallen),
        volumes: volumes(&cfg.volume, "")?,
        eerder: eerder(&cfg.eerder, &read.categorieen)?,
        signalen: signalen(&cfg.signaal)?,
        routes: cfg.verslag.routes,
        route_namen: route_namen(&cfg.verslag)?,
    };
    for (naam, e) in &cfg.eenheid {
        volumes(&e.volume, &format!("eenheid.\"{naam}\"."))?;
    }
    if !(2..=100).contains(&stats.kleine_aantallen) {
        return Err("[privacy] kleine_aantallen: kies een getal van 2 tot en met 100".into());
    }
    if stats.vergelijk_jaren > 20 {
        return Err("[verslag] vergelijk_jaren: hoogstens 20 jaar".into());
    }
    Ok(stats)
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
    let mut termijnen = Termijnen::new(afhandeling, verlenging);
    termijnen.noemer = t.noemer.unwrap_or_default();
    Ok(termijnen)
}

/// The denominators of one config section (`waar`: `""` or `eenheid."<naam>".`): one per
/// year and unit, and one `per` for a unit. Each entry is checked where it is read
/// ([`crate::stats::volume::Volume`]).
pub(crate) fn volumes(
    v: &[crate::stats::volume::Volume],
    waar: &str,
) -> std::result::Result<Vec<crate::stats::volume::Volume>, String> {
    for (i, a) in v.iter().enumerate() {
        for b in &v[..i] {
            if a.eenheid == b.eenheid && a.jaar == b.jaar {
                return Err(format!(
                    "[[{waar}volume]] jaar = {}, eenheid = \"{}\": staat er twee keer in",
                    a.jaar, a.eenheid
                ));
            }
            if a.eenheid == b.eenheid && a.per != b.per {
                return Err(format!(
                    "[[{waar}volume]] eenheid = \"{}\": per = {} in {} en per = {} in {}; geef één per voor alle jaren",
                    a.eenheid, b.per, b.jaar, a.per, a.jaar
                ));
            }
        }
    }
    if crate::stats::volume::eenheden(v).len() > 5 {
        return Err(format!(
            "[[{waar}volume]]: hoogstens 5 eenheden (elk geeft twee kolommen in de tabel per jaar)"
        ));
    }
    Ok(v.to_vec())
}

/// The earlier years' totals: one entry per year, categories by the names of the vocabulary
/// (an alias counts as its category, as in the register).
fn eerder(
    e: &[crate::stats::eerder::Eerder],
    vocabulary: &Vocabulary,
) -> std::result::Result<Vec<crate::stats::eerder::Eerder>, String> {
    let mut out: Vec<crate::stats::eerder::Eerder> = Vec::new();
    for x in e {
        if out.iter().any(|o| o.jaar == x.jaar) {
            return Err(format!(
                "[[eerder]] jaar = {}: staat er twee keer in",
                x.jaar
            ));
        }
        let mut x = x.clone();
        let mut categorieen = BTreeMap::new();
        for (naam, n) in &x.categorieen {
            let naam = vocabulary.lookup(naam).unwrap_or(naam).to_string();
            *categorieen.entry(naam).or_insert(0) += n;
        }
        x.categorieen = categorieen;
        out.push(x);
    }
    Ok(out)
}

/// The tables of other signals: at most [`crate::stats::table::MAX_SIGNALEN`], each title once.
/// `[verslag] route_namen`: each key a route of `routes`, each name given once.
fn route_namen(v: &config::VerslagConfig) -> std::result::Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    if v.route_namen.is_empty() {
        return Ok(out);
    }
    let Some(kolom) = v.routes else {
        return Err(
            "[verslag] route_namen: staat er zonder routes; zet ook routes = \"soort\" of laat route_namen weg"
                .into(),
        );
    };
    let waarden = kolom.waarden();
    for (route, naam) in &v.route_namen {
        let key = crate::register::normalize::label_key(route);
        let Some(w) = waarden
            .iter()
            .find(|w| crate::register::normalize::label_key(w) == key)
        else {
            return Err(format!(
                "[verslag] route_namen: onbekende route \"{route}\" (kies {})",
                waarden.join(" of ")
            ));
        };
        let naam = naam.trim();
        if naam.is_empty() {
            return Err(format!("[verslag] route_namen: de naam van {w} is leeg"));
        }
        out.insert(w.clone(), naam.to_string());
    }
    Ok(out)
}

fn signalen(
    s: &[crate::stats::signaal::Signaal],
) -> std::result::Result<Vec<crate::stats::signaal::Signaal>, String> {
    use crate::stats::table::MAX_SIGNALEN;
    if s.len() > MAX_SIGNALEN {
        return Err(format!(
            "[[signaal]]: hoogstens {MAX_SIGNALEN} tabellen (er staan er {})",
            s.len()
        ));
    }
    for (i, a) in s.iter().enumerate() {
        if let Some(b) = s[..i]
            .iter()
            .find(|b| label_key(&b.titel) == label_key(&a.titel))
        {
            return Err(format!(
                "[[signaal]] titel = \"{}\": staat er dubbel in (ook als \"{}\")",
                a.titel, b.titel
            ));
        }
    }
    Ok(s.to_vec())
}

/// Checks the plans and goals of one config section (`waar`: `""` or `eenheid."<naam>".`):
/// every title given, none twice.
fn check_plannen(
    plannen: &[crate::report::Plan],
    doelen: &[crate::report::Doel],
    waar: &str,
) -> std::result::Result<(), String> {
    let titels = |lijst: &str, titels: Vec<&str>| {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for t in titels {
            let titel = clean(t);
            if titel.is_empty() {
                return Err(format!("[[{waar}{lijst}]]: een titel is leeg"));
            }
            if let Some(prev) = seen.insert(label_key(&titel), titel.clone()) {
                return Err(format!(
                    "[[{waar}{lijst}]]: \"{titel}\" staat er dubbel in (ook als \"{prev}\")"
                ));
            }
        }
        Ok(())
    };
    titels("plan", plannen.iter().map(|p| p.titel.as_str()).collect())?;
    titels("doel", doelen.iter().map(|d| d.titel.as_str()).collect())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Resolves a config text; `Err` is the Dutch message.
    fn resolve(text: &str) -> std::result::Result<Settings, String> {
        let bron = ConfigBron::Upload {
            naam: Path::new("config.toml"),
            tekst: text,
        };
        Settings::from_config(&bron, &Flags::default()).map_err(|e| e.to_string())
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
    fn a_logo_in_the_config_itself_reads_back() {
        // The smallest PNG there is: one transparent pixel.
        let png = [
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
            0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0a, 0x49,
            0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0,
            0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
        ];
        assert_eq!(logo_als_data_url(b"geen plaatje"), None);
        let url = logo_als_data_url(&png).unwrap();
        assert!(url.starts_with("data:image/png;base64,"), "{url}");
        let s = resolve(&format!("[organisatie]\nlogo = \"{url}\"\n")).unwrap();
        assert_eq!(s.report.logo_ingebed.as_deref(), Some(&png[..]));
        assert_eq!(s.report.logo, None);
        let e = resolve("[organisatie]\nlogo = \"data:image/png;base64,@@@\"\n").unwrap_err();
        assert!(e.contains("een logo in de configuratie zelf"), "{e}");
    }

    #[test]
    fn the_omschrijving_cannot_be_mapped() {
        for text in [
            "[kolommen]\ncategorie = \"Omschrijving\"\n",
            "[kolommen]\nomschrijving = \"Toelichting\"\n",
        ] {
            let e = resolve(text).unwrap_err();
            assert!(e.contains("de omschrijving wordt nooit gelezen"), "{e}");
        }
    }

    #[test]
    fn an_upload_has_no_folder_and_the_flags_go_over_the_config() {
        let bron = ConfigBron::Upload {
            naam: Path::new("config.toml"),
            tekst: "[organisatie]\nnaam = \"Uit de config\"\nlogo = \"logo.png\"\n[teksten]\nplannen = \"Plan\"\n",
        };
        let flags = Flags {
            beknopt: true,
            ..Flags::default()
        };
        let s = Settings::from_config(&bron, &flags).unwrap();
        assert_eq!(s.report.organisatie, "Uit de config");
        assert!(s.report.beknopt);
        assert_eq!(s.report.teksten.plannen.as_deref(), Some("Plan"));
        // An upload has no folder: its logo path is not followed.
        assert_eq!(s.report.logo, None);
        assert_eq!(
            s.report.config_file.as_ref().map(|c| c.0.as_str()),
            Some("config.toml")
        );
    }

    #[test]
    fn titles_are_given_once() {
        let p = |t: &str| crate::report::Plan {
            titel: t.into(),
            toelichting: None,
        };
        assert!(check_plannen(&[p("A"), p("B")], &[], "").is_ok());
        let e = check_plannen(&[p("Één"), p("een ")], &[], "").unwrap_err();
        assert!(e.contains("[[plan]]: \"een\" staat er dubbel in"), "{e}");
        let e = check_plannen(
            &[],
            &[crate::report::Doel {
                titel: " ".into(),
                ..Default::default()
            }],
            "eenheid.\"Wonen\".",
        )
        .unwrap_err();
        assert_eq!(e, "[[eenheid.\"Wonen\".doel]]: een titel is leeg");
    }
}
