//! What the checks keep while they read: the labels of the open lists across files, the memo
//! of the cells seen in a file, and what a file's header tells the row checks.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::register::Label;
use crate::register::headers::Kolom;
use crate::register::issue::{IssueKind, Location};

/// The open lists without a configured vocabulary (soort_zorg, zorgaanbieder).
pub(in crate::register) static NO_VOCABULARY: std::sync::LazyLock<crate::register::Vocabulary> =
    std::sync::LazyLock::new(crate::register::Vocabulary::default);

/// The labels of the open lists across all files: the first spelling of a value wins, so
/// "bejegening" and "Bejegening" are one row (by `normalize::label_key`); every such merge is
/// reported.
#[derive(Default)]
pub(in crate::register) struct Labels {
    pub(in crate::register) zorgaanbieder: FxHashMap<String, Label>,
    pub(in crate::register) cluster: FxHashMap<String, Label>,
    pub(in crate::register) categorie: FxHashMap<String, Label>,
    pub(in crate::register) soort_zorg: FxHashMap<String, Label>,
    /// Rows per (column, label) and spelling as written, summed over the files; the first
    /// file a spelling was seen in.
    pub(in crate::register) rows: std::collections::BTreeMap<
        (Kolom, Label),
        std::collections::BTreeMap<String, (u64, usize)>,
    >,
}

/// Per-file state of the open lists: the memo of the cells seen in this file.
#[derive(Default)]
pub(in crate::register) struct Spellings {
    /// What a cell's exact text gave before, per open-list column: the label(s) and the
    /// warnings. A register repeats a handful of values a million times; each distinct text
    /// is cleaned, screened for personal data and matched once, and replayed after that (the
    /// warnings again at each row's own rij).
    pub(in crate::register) memo: [FxHashMap<Box<str>, Memo>; Kolom::ALL.len()],
}

/// A remembered open-list cell.
#[derive(Clone)]
pub(in crate::register) struct Memo {
    /// Shared by every complaint with this cell: replaying it costs no allocation.
    pub(in crate::register) labels: crate::register::LabelList,
    pub(in crate::register) warnings: Vec<IssueKind>,
    /// (label, spelling as written) of each value in the cell, for the merge report.
    pub(in crate::register) spelled: Vec<(Label, String)>,
    /// Rows with exactly this cell.
    pub(in crate::register) rows: u64,
}

/// What a file's header tells the row checks.
pub(in crate::register) struct FileState {
    pub(in crate::register) file: std::path::PathBuf,
    pub(in crate::register) sheet: Option<String>,
    /// The header as written, per column (messages name the column as the user wrote it).
    pub(in crate::register) written: HashMap<Kolom, String>,
    /// False when a required column is missing: no row of the file can be counted.
    pub(in crate::register) usable: bool,
    /// The header's fields up to its last named column, and every header as written.
    pub(in crate::register) width: u32,
    pub(in crate::register) headers: Vec<String>,
    /// The CSV field separator.
    pub(in crate::register) delimiter: Option<char>,
}

impl FileState {
    pub(in crate::register) fn loc(&self, row: Option<u32>, column: Option<String>) -> Location {
        Location {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column,
        }
    }
}
