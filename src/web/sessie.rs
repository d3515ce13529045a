//! One browser session's work: the uploaded register (in memory only), the choices made in the
//! form, and what the pipeline made of them. The same library calls as the command line:
//! `prepare` on the bytes, `verslag::render`, the batch.

use std::path::Path;

use crate::error::{Error, Result};
use crate::prepare::{Registers, prepare};
use crate::register::{Checked, Register};
use crate::settings::{ConfigBron, Flags, Settings};
use crate::stats::Periode;

/// What the form sent.
#[derive(Clone, Default)]
pub struct Invoer {
    /// Register files: (name, bytes).
    pub registers: Vec<(String, Vec<u8>)>,
    /// The config file: (name, text).
    pub config: Option<(String, String)>,
    /// Short form: organisation name.
    pub organisatie: Option<String>,
    /// Short form: house colour `#rrggbb`.
    pub kleur: Option<String>,
    /// Short form: logo bytes.
    pub logo: Option<Vec<u8>>,
    /// "2024", "2024-Q3" or empty (the latest year).
    pub periode: String,
    /// The public version.
    pub publiek: bool,
    /// A brief report (`--beknopt`): no contents, charts or Verantwoording annex.
    pub beknopt: bool,
    /// Texts edited in the page (voorwoord, adviezen, plannen); `None` = as configured.
    pub teksten: Option<[String; 3]>,
}

/// What the pipeline made of it.
pub struct Uitkomst {
    /// The checked register with every problem.
    pub checked: Checked<Register>,
    /// The settings used (config, form, texts).
    pub settings: Settings,
    /// The report period.
    pub periode: Option<Periode>,
    /// The report, when one could be made.
    pub verslag: Option<crate::verslag::Rendered>,
    /// Why no report was made.
    pub geen_verslag: Option<String>,
}

/// The form's choices as the library's flags: the short form, the edited texts, brief reports.
fn flags(invoer: &Invoer) -> Flags {
    Flags {
        vandaag: crate::settings::today(),
        beknopt: invoer.beknopt,
        organisatie: invoer.organisatie.clone(),
        kleur: invoer.kleur.clone(),
        teksten: invoer.teksten.clone(),
        ..Default::default()
    }
}

/// The uploaded config, if any.
fn config(invoer: &Invoer) -> ConfigBron<'_> {
    match &invoer.config {
        Some((naam, tekst)) => ConfigBron::Upload {
            naam: Path::new(naam),
            tekst,
        },
        None => ConfigBron::Geen,
    }
}

/// Runs the pipeline on the session's input: check, and render when the register allows it.
pub fn verwerk(invoer: &Invoer) -> Result<Uitkomst> {
    let p = prepare(
        Registers::Bytes(&invoer.registers),
        &config(invoer),
        &flags(invoer),
    )?;
    maak(invoer, p.settings, p.checked)
}

/// Renders again from the register already read (no file bytes are kept after the first
/// upload: they hold the omschrijvingen), with the session's texts as they are now.
pub fn opnieuw(invoer: &Invoer, vorige: &Uitkomst) -> Result<Uitkomst> {
    let mut settings = Settings::from_config(&config(invoer), &flags(invoer))?;
    settings.date_from(&vorige.checked.value);
    maak(invoer, settings, vorige.checked.clone())
}

/// The period, and the report when the register allows one.
fn maak(invoer: &Invoer, settings: Settings, checked: Checked<Register>) -> Result<Uitkomst> {
    let years = checked.value.per_jaar();
    let periode = if invoer.periode.trim().is_empty() {
        years.keys().next_back().map(|y| Periode::jaar(*y))
    } else {
        Some(
            invoer
                .periode
                .trim()
                .parse::<Periode>()
                .map_err(Error::Usage)?,
        )
    };
    let (verslag, geen_verslag) = match periode {
        _ if checked.file_error() => (
            None,
            Some("Er is geen verslag gemaakt: een bestand mist een verplichte kolom. Herstel eerst de fouten uit stap 2, Controle.".to_string()),
        ),
        None => (
            None,
            Some("Het register bevat geen enkele bruikbare klacht; er is geen verslag gemaakt.".to_string()),
        ),
        Some(p) => {
            let r = crate::verslag::render(
                &checked.value,
                p,
                &settings,
                invoer.publiek,
                invoer.logo.as_deref(),
            )?;
            (Some(r), None)
        }
    };
    Ok(Uitkomst {
        checked,
        settings,
        periode,
        verslag,
        geen_verslag,
    })
}

/// The config.toml to start next year from: the uploaded config (or the short form) with the
/// texts as edited in the page.
pub fn config_toml(invoer: &Invoer) -> Result<String> {
    let mut table: toml::Table = match &invoer.config {
        Some((name, text)) => toml::from_str(text).map_err(|e| Error::Config {
            path: name.into(),
            message: crate::settings::config::dutch_toml_error(text, &e),
        })?,
        None => toml::Table::new(),
    };
    let section = |table: &mut toml::Table, name: &str| -> toml::Table {
        table
            .remove(name)
            .and_then(|v| v.as_table().cloned())
            .unwrap_or_default()
    };
    let mut organisatie = section(&mut table, "organisatie");
    if let Some(o) = invoer.organisatie.as_ref().filter(|o| !o.trim().is_empty()) {
        organisatie.insert("naam".into(), toml::Value::String(o.trim().into()));
    }
    if let Some(k) = invoer.kleur.as_ref().filter(|k| !k.trim().is_empty()) {
        organisatie.insert("kleur".into(), toml::Value::String(k.trim().into()));
    }
    if !organisatie.is_empty() {
        table.insert("organisatie".into(), toml::Value::Table(organisatie));
    }
    if let Some(texts) = &invoer.teksten {
        let mut teksten = section(&mut table, "teksten");
        for (key, text) in ["voorwoord", "adviezen", "plannen"].iter().zip(texts) {
            if text.trim().is_empty() {
                teksten.remove(*key);
            } else {
                teksten.insert((*key).into(), toml::Value::String(text.clone()));
            }
        }
        table.insert("teksten".into(), toml::Value::Table(teksten));
    }
    let body = toml::to_string(&table).map_err(|e| Error::Internal {
        what: format!("kan de configuratie niet als TOML schrijven ({e})"),
    })?;
    Ok(format!(
        "# Configuratie van klachtverslag, gemaakt op de webpagina. Zie de README voor alle sleutels.\n{body}"
    ))
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
