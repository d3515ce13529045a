//! The one-line Dutch summary of what was read.

use super::{Checked, Register, Severity, file_name};

impl Checked<Register> {
    /// The one-line Dutch summary of what was read: files (and sheets), rows, complaints per
    /// year, errors and warnings. The command line and the web page print it.
    pub fn samenvatting(&self) -> String {
        let checked = self;
        let r = &checked.value;
        let rows: usize = r.rows_read.iter().sum();
        let years: Vec<String> = r
            .per_jaar()
            .iter()
            .map(|(y, n)| format!("{y}: {n}"))
            .collect();
        // Which sheet of each XLSX file was read: the user sees the choice that was made.
        let sheets: Vec<String> = r
            .files
            .iter()
            .zip(&r.sheets)
            .filter_map(|(f, s)| {
                let name = file_name(f);
                s.as_ref().map(|s| format!("{name}: blad \"{s}\""))
            })
            .collect();
        format!(
            "{} {}{} gelezen, {} {}; klachten per jaar: {}; {} {}, {} {}",
            r.files.len(),
            if r.files.len() == 1 {
                "bestand"
            } else {
                "bestanden"
            },
            if sheets.is_empty() {
                String::new()
            } else {
                format!(" ({})", sheets.join(", "))
            },
            rows,
            if rows == 1 { "rij" } else { "rijen" },
            if years.is_empty() {
                "geen".to_string()
            } else {
                years.join(", ")
            },
            checked.count(Severity::Fout),
            if checked.count(Severity::Fout) == 1 {
                "fout"
            } else {
                "fouten"
            },
            checked.count(Severity::Waarschuwing),
            if checked.count(Severity::Waarschuwing) == 1 {
                "waarschuwing"
            } else {
                "waarschuwingen"
            },
        )
    }
}
