//! The replacement templates of `--sjablonen DIR`: read from the folder, checked by name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::report::Sjablonen;
use crate::stats::opvallend::FindingKind;

/// Reads the replacement templates of `--sjablonen` from a folder. Unknown files are an error
/// naming the allowed ones; `opvallend/<soort>.tera` files become finding overrides.
pub fn sjablonen(dir: &Path) -> Result<(Sjablonen, BTreeMap<FindingKind, String>)> {
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
                    let Some(soort) = FindingKind::van_naam(&soort) else {
                        return Err(Error::Usage(format!(
                            "{}: onbekend sjabloon; in opvallend/ mogen staan: {}",
                            f.display(),
                            FindingKind::ALL
                                .map(|s| format!("{}.tera", s.naam()))
                                .join(", ")
                        )));
                    };
                    opvallend.insert(soort, read(&f)?);
                }
            }
            _ if name.starts_with('.') || name == "fonts" => {}
            _ => {
                return Err(Error::Usage(format!(
                    "{}: onbekend sjabloon; de map met eigen sjablonen mag bevatten: {}, opvallend/<soort>.tera, verantwoording/<regime>.toml",
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
