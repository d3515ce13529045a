//! One browser session's work: the uploaded register (in memory only), the choices made in the
//! form, and what the pipeline made of them. The same library calls as the command line:
//! `prepare` on the bytes, `verslag::render`, the batch.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config_edit::ConfigFile;
use crate::error::{Error, Result};
use crate::prepare::{Registers, prepare};
use crate::register::{Checked, Register};
use crate::settings::{ConfigBron, Flags, Settings};
use crate::stats::Periode;

/// What the session holds: the register files, the config document every page change is
/// written into, and the choices of the first form.
#[derive(Clone)]
pub struct Invoer {
    /// Register files: (name, bytes). Kept in memory for the session's life, so a column or
    /// value mapping made on the page can read them again; never written anywhere.
    pub registers: Vec<(String, Vec<u8>)>,
    /// The config file's name (the uploaded one's, or `config.toml`).
    pub config_naam: String,
    /// A config file was uploaded (else the page's choices start from an empty one).
    pub config_geupload: bool,
    /// The config: the uploaded file (or an empty one) with every choice made on the page,
    /// comments and order kept. The one source of the session's settings, and the download.
    pub config: ConfigFile,
    /// A logo chosen on the page that could not be used (a good one goes into the config, as a
    /// `data:` URL, and comes from there).
    pub logo: Option<Vec<u8>>,
    /// "2024", "2024-Q3" or empty (the latest year).
    pub periode: String,
    /// The public version.
    pub publiek: bool,
    /// A brief report (`--beknopt`): no contents, charts or Verantwoording annex.
    pub beknopt: bool,
}

impl Default for Invoer {
    fn default() -> Self {
        Invoer {
            registers: Vec::new(),
            config_naam: "config.toml".into(),
            config_geupload: false,
            config: ConfigFile::parse("").expect("the empty text is a config"),
            logo: None,
            periode: String::new(),
            publiek: false,
            beknopt: false,
        }
    }
}

impl Invoer {
    /// Bytes held: the register files and the logo (the session cap counts them).
    pub fn bytes(&self) -> usize {
        self.registers.iter().map(|(_, b)| b.len()).sum::<usize>()
            + self.logo.as_ref().map_or(0, Vec::len)
    }

    /// The parts of the config the register is read with (columns, values, categories,
    /// clusters, spellings kept apart, the register's shape): when they change, the register is read again; otherwise the register
    /// already read is reused.
    pub fn leesdeel(&self) -> String {
        match toml::from_str::<crate::settings::Config>(&self.config.to_string()) {
            Ok(c) => format!(
                "{:?} {:?} {:?} {:?} {:?} {:?}",
                c.kolommen, c.waarden, c.categorie, c.cluster, c.apart, c.register
            ),
            // A config the settings refuse is read again, and refused there with its message.
            Err(e) => e.to_string(),
        }
    }
}

/// What the pipeline made of it.
pub struct Uitkomst {
    /// The checked register with every problem.
    pub checked: Checked<Register>,
    /// The settings used (config, form, texts): a text with an error is replaced by its last
    /// good version (see `veldfouten`).
    pub settings: Settings,
    /// The report period.
    pub periode: Option<Periode>,
    /// The report, when one could be made.
    pub verslag: Option<crate::verslag::Rendered>,
    /// Why no report was made.
    pub geen_verslag: Option<String>,
    /// Errors that belong to one field of the page, by the field's name (`teksten.voorwoord`,
    /// `logo`, `periode`): shown at the field, with the typed value kept; the report is made
    /// without the value.
    pub veldfouten: BTreeMap<String, String>,
}

/// The session's choices as the library's flags.
fn flags(invoer: &Invoer) -> Flags {
    Flags {
        vandaag: crate::settings::today(),
        beknopt: invoer.beknopt,
        ..Default::default()
    }
}

/// Runs the pipeline on the session's input: read and check the register (again, when
/// `vorige` is `None` or the config's reading part changed), and render when the register
/// allows it. A text with an error, a bad logo or a bad period does not stop the report: the
/// error is kept for its field and the report is made with the last good text, without the
/// logo, or for the latest year.
pub fn verwerk(invoer: &Invoer, vorige: Option<&Uitkomst>, herlees: bool) -> Result<Uitkomst> {
    let tekst = invoer.config.to_string();
    // No config uploaded and nothing set on the page: the defaults, as on the command line
    // without `--config` (the manifest then names no config).
    let bron = if tekst.trim().is_empty() && !invoer.config_geupload {
        ConfigBron::Geen
    } else {
        ConfigBron::Upload {
            naam: Path::new(&invoer.config_naam),
            tekst: &tekst,
        }
    };
    let (settings, checked) = match vorige {
        Some(v) if !herlees => {
            let mut settings = Settings::from_config(&bron, &flags(invoer))?;
            settings.date_from(&v.checked.value);
            (settings, v.checked.clone())
        }
        _ => {
            let p = prepare(Registers::Bytes(&invoer.registers), &bron, &flags(invoer))?;
            (p.settings, p.checked)
        }
    };
    maak(invoer, settings, checked, vorige)
}

/// The period, and the report when the register allows it.
fn maak(
    invoer: &Invoer,
    mut settings: Settings,
    checked: Checked<Register>,
    vorige: Option<&Uitkomst>,
) -> Result<Uitkomst> {
    let mut veldfouten = BTreeMap::new();
    let years = checked.value.per_jaar();
    let laatste = years.keys().next_back().map(|y| Periode::jaar(*y));
    let periode = if invoer.periode.trim().is_empty() {
        laatste
    } else {
        match invoer.periode.trim().parse::<Periode>() {
            Ok(p) => Some(p),
            Err(e) => {
                veldfouten.insert(
                    "periode".to_string(),
                    format!("{e}; het verslag gaat nu over het laatste jaar in het register"),
                );
                laatste
            }
        }
    };
    // The logo chosen on the page, else the one written into the config.
    let mut logo = invoer
        .logo
        .as_deref()
        .or(settings.report.logo_ingebed.as_deref());
    if let Some(Err(e)) = logo.map(crate::report::logo_controleren) {
        veldfouten.insert(
            "logo".to_string(),
            format!("{e}; het verslag wordt zonder logo gemaakt"),
        );
        logo = None;
    }
    let (verslag, geen_verslag) = match periode {
        _ if checked.file_error() => (
            None,
            Some("Er is geen verslag gemaakt: een bestand mist een verplichte kolom. Koppel de kolom in stap 2, Controle.".to_string()),
        ),
        None => (
            None,
            Some("Het register bevat geen enkele bruikbare klacht; er is geen verslag gemaakt.".to_string()),
        ),
        Some(p) => loop {
            match crate::verslag::render(&checked.value, p, &settings, invoer.publiek, logo) {
                Ok(r) => break (Some(r), None),
                Err(Error::Template { file, message }) => {
                    // A text of the page with an error: kept for its box, and the report made
                    // with its last good version (or without it).
                    let key = file.strip_prefix("[teksten] ").unwrap_or(&file).to_string();
                    let veld = format!("teksten.{key}");
                    let vorig = vorige
                        .and_then(|v| v.settings.report.teksten.clone().veld_mut(&key).cloned())
                        .flatten();
                    match settings.report.teksten.veld_mut(&key) {
                        Some(t) if !veldfouten.contains_key(&veld) => {
                            veldfouten.insert(veld, message);
                            *t = vorig;
                        }
                        _ => return Err(Error::Template { file, message }),
                    }
                }
                Err(e) if logo.is_some() && !veldfouten.contains_key("logo") => {
                    veldfouten.insert(
                        "logo".to_string(),
                        format!(
                            "dit logo kan niet in het verslag ({}); het verslag wordt zonder logo gemaakt. Kies een PNG-, JPEG- of SVG-bestand.",
                            crate::error::causes(&e).join(": ")
                        ),
                    );
                    logo = None;
                }
                Err(e) => return Err(e),
            }
        },
    };
    Ok(Uitkomst {
        checked,
        settings,
        periode,
        verslag,
        geen_verslag,
        veldfouten,
    })
}

/// A ZIP of named files.
pub fn zip(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    use std::io::Write;
    let err = |source| Error::Zip { source };
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        for (name, bytes) in files {
            z.start_file(name.as_str(), options).map_err(err)?;
            z.write_all(bytes)
                .map_err(|e| err(zip::result::ZipError::Io(e)))?;
        }
        z.finish().map_err(err)?;
    }
    Ok(out.into_inner())
}

/// A finished batch from the page: the ZIP of every report made and the overview, and the
/// units that failed.
pub struct BatchKlaar {
    /// The ZIP: a folder per unit that succeeded, and the overview.
    pub zip: Vec<u8>,
    /// Units in the batch.
    pub totaal: usize,
    /// The units that failed: (name, the Dutch error).
    pub mislukt: Vec<(String, String)>,
}

/// A batch (`--per KOLOM`) in memory: every unit's files and the overview, zipped.
pub fn batch(
    uitkomst: &Uitkomst,
    invoer: &Invoer,
    per: &str,
    voortgang: &(dyn Fn(usize, usize) + Sync),
) -> Result<BatchKlaar> {
    let periode = uitkomst
        .periode
        .ok_or_else(|| Error::Usage("geen verslagperiode".into()))?;
    let files = std::sync::Mutex::new(Vec::new());
    let verslag = |map: &str, r: crate::verslag::Rendered| {
        let mut files = files.lock().unwrap_or_else(|e| e.into_inner());
        for (name, bytes) in r.files {
            files.push((format!("{map}/{name}"), bytes));
        }
        files.push((format!("{map}/manifest.json"), r.manifest));
        Ok(())
    };
    let ontvanger = crate::batch::Ontvanger {
        verslag: &verslag,
        voortgang,
    };
    let batch = crate::batch::run(
        per,
        &uitkomst.checked.value,
        periode,
        &uitkomst.settings,
        invoer.publiek,
        invoer.logo.as_deref(),
        &ontvanger,
    )?;
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.extend(batch.overzicht.iter().cloned());
    // Sorted by path, so the same batch gives the same ZIP whatever order the units finished in.
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(BatchKlaar {
        zip: zip(&files)?,
        totaal: batch.eenheden.len(),
        mislukt: batch
            .mislukt()
            .map(|(e, err)| (e.naam.clone(), crate::error::causes(err).join(": ")))
            .collect(),
    })
}
