//! Writing a report's files into a folder: each replaces its predecessor atomically, and the
//! manifest, written last, names what is in place.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::stats;
use crate::verslag::Rendered;

/// One report written into a folder.
pub(crate) struct Written {
    /// Its figures.
    pub(crate) figures: stats::Figures,
    /// Pages of the PDF.
    pub(crate) pages: usize,
    /// The PDF written.
    pub(crate) pdf_path: PathBuf,
    /// The JSON written.
    pub(crate) json_path: PathBuf,
    /// The XLSX written.
    pub(crate) xlsx_path: PathBuf,
    /// Texts cut to fit an Excel cell.
    pub(crate) cut: Vec<String>,
}

/// Writes a rendered report (PDF, JSON, XLSX, manifest) into `uit`, made when missing. The
/// three outputs are rendered before the first is written, so a rendering failure writes
/// nothing; the manifest goes last, as it describes the files that are in place.
pub(crate) fn write_rendered(r: Rendered, uit: &Path) -> Result<Written> {
    std::fs::create_dir_all(uit).map_err(|source| Error::Write {
        path: uit.to_path_buf(),
        source,
    })?;
    let [(pdf_name, pdf), (json_name, json), (xlsx_name, xlsx)] = &r.files;
    let json_path = uit.join(json_name);
    let pdf_path = uit.join(pdf_name);
    let xlsx_path = uit.join(xlsx_name);
    for (path, bytes) in [(&json_path, json), (&xlsx_path, xlsx), (&pdf_path, pdf)] {
        write_atomic(path, bytes)?;
    }
    write_atomic(&uit.join("manifest.json"), &r.manifest)?;
    Ok(Written {
        figures: r.figures,
        pages: r.pages,
        pdf_path,
        json_path,
        xlsx_path,
        cut: r.cut,
    })
}

/// Writes through a temporary file in the same folder and renames it into place, so an
/// interrupted run never leaves a half-written report or replaces a good one with a broken one.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = crate::register::file_name(path);
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let write = |p: &Path| -> std::io::Result<()> {
        let mut f = std::fs::File::create(p)?;
        f.write_all(bytes)?;
        f.sync_all()
    };
    write(&tmp)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|source| {
            let _ = std::fs::remove_file(&tmp);
            Error::Write {
                path: path.to_path_buf(),
                source,
            }
        })
}
