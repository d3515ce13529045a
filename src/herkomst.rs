//! Provenance (herkomst): which inputs, configuration, tool version and report date produced
//! a report. The PDF prints it as its colofon; `manifest.json` adds the outputs' SHA-256, so a
//! board member's "where does 43 come from?" has an answer and a rerun can be checked byte for
//! byte.

use serde::Serialize;

use crate::register::Register;

/// One file with its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bestand {
    /// File name (no directories: the report may be published).
    pub naam: String,
    /// SHA-256, lowercase hex.
    pub sha256: String,
    /// Data rows read (inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rijen: Option<usize>,
    /// Sheet read (XLSX inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blad: Option<String>,
}

/// Where a report comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Herkomst {
    /// Program name.
    pub programma: &'static str,
    /// Program version.
    pub versie: &'static str,
    /// Report year.
    pub jaar: i32,
    /// Report period ("2024", or "2024-Q3" for a quarterly report).
    pub periode: String,
    /// Report date (`jjjj-mm-dd`): the configured one, else the latest date in the register;
    /// never the clock.
    pub datum: Option<String>,
    /// The register files.
    pub invoer: Vec<Bestand>,
    /// The config file.
    pub configuratie: Option<Bestand>,
    /// Last year's config, whose plans are this report's goals (`--vorige-config`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vorige_configuratie: Option<Bestand>,
    /// The files written (manifest only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub uitvoer: Vec<Bestand>,
}

impl Herkomst {
    /// Provenance of a report on `register`, dated `datum`, with the config file's name and
    /// SHA-256 when there was one.
    pub fn new(
        register: &Register,
        datum: Option<chrono::NaiveDate>,
        config_file: Option<&(String, String)>,
        periode: crate::stats::Periode,
    ) -> Herkomst {
        let invoer = register
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| Bestand {
                naam: crate::register::file_name(f),
                sha256: register.sha256.get(i).cloned().unwrap_or_default(),
                rijen: register.rows_read.get(i).copied(),
                blad: register.sheets.get(i).cloned().flatten(),
            })
            .collect();
        Herkomst {
            programma: env!("CARGO_PKG_NAME"),
            versie: env!("CARGO_PKG_VERSION"),
            jaar: periode.jaar,
            periode: periode.label(),
            datum: datum.map(|d| d.format("%Y-%m-%d").to_string()),
            invoer,
            configuratie: config_file.map(|(naam, sha256)| Bestand {
                naam: naam.clone(),
                sha256: sha256.clone(),
                rijen: None,
                blad: None,
            }),
            vorige_configuratie: None,
            uitvoer: Vec::new(),
        }
    }

    /// Records a written file.
    pub fn add_output(&mut self, naam: &str, bytes: &[u8]) {
        self.uitvoer.push(Bestand {
            naam: naam.to_string(),
            sha256: crate::register::sha256_hex(bytes),
            rijen: None,
            blad: None,
        });
    }

    /// `manifest.json` bytes.
    pub fn to_json(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("Herkomst serialises");
        out.push(b'\n');
        out
    }
}
