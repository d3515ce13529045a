//! The start both front ends share: the settings resolved from the config and the flags, the
//! register read and checked with them, the characters no font can show named, and the report
//! dated from the data. The command line reads files from disk, the web page hands in the
//! uploaded bytes; from here on both run the same pipeline.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::register::{self, Checked, Loader, Register};
use crate::settings::{ConfigBron, Flags, Settings};

/// The register files.
#[derive(Debug, Clone, Copy)]
pub enum Registers<'a> {
    /// Files on disk (`--register`).
    Paden(&'a [PathBuf]),
    /// Uploaded files: (name, bytes).
    Bytes(&'a [(String, Vec<u8>)]),
}

/// The settings and the checked register a report is made from.
pub struct Prepared {
    /// Resolved from the config and the flags, dated from the register when the config gives
    /// no date.
    pub settings: Settings,
    /// The register with every problem, the glyph check's included.
    pub checked: Checked<Register>,
}

/// Resolves the settings, reads and checks the register with them, names the characters no
/// font of the report can show (a placeholder in the PDF only), and dates the report.
pub fn prepare(
    registers: Registers<'_>,
    config: &ConfigBron<'_>,
    flags: &Flags,
) -> Result<Prepared> {
    let mut settings = Settings::from_config(config, flags)?;
    let empty = match registers {
        Registers::Paden(p) => p.is_empty(),
        Registers::Bytes(b) => b.is_empty(),
    };
    if empty {
        return Err(Error::Usage(
            "kies eerst een klachtenregister (CSV of XLSX)".into(),
        ));
    }
    let mut checked = crate::profiel::fase("lezen", || match registers {
        Registers::Paden(paths) => register::load(paths, &settings.read),
        Registers::Bytes(files) => {
            let mut loader = Loader::new(&settings.read);
            for (name, bytes) in files {
                loader.add(Path::new(name), bytes)?;
            }
            Ok(loader.finish())
        }
    })?;
    let glyphs = crate::profiel::fase("glyphs", || {
        crate::report::glyphs::check(&checked.value, &settings.report)
    });
    checked.issues.extend(glyphs);
    settings.date_from(&checked.value);
    Ok(Prepared { settings, checked })
}
