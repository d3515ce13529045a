//! Rows between a reader and the checks: a file's table as read ([`RawTable`], [`RawRow`]),
//! one row as the checks see it ([`RowView`], borrowed from the reader's record), and the
//! [`RowSink`] a reader hands them to.

use std::path::PathBuf;

use super::{HeaderMap, Issue, Kolom, klachtnummers};

/// A table as read from a file, before any value is interpreted.
#[derive(Debug, Clone)]
pub struct RawTable {
    /// The file it was read from (named in every message about its rows).
    pub file: PathBuf,
    /// The sheet, for XLSX.
    pub sheet: Option<String>,
    /// Text encoding that was detected (CSV).
    pub encoding: Option<&'static str>,
    /// The field separator (CSV), for messages about rows that do not fit the header.
    pub delimiter: Option<char>,
    /// The header row.
    pub header: HeaderMap,
    /// The rij of the header, which need not be the first (title lines above it).
    pub header_row: u32,
    /// Data rows (blank rows skipped).
    pub rows: Vec<RawRow>,
    /// Problems the reader itself found (formula without value, error cells, …).
    pub issues: Vec<Issue>,
}

/// One data row: the cells of the contract columns, indexed by [`Kolom`]. The cells' text is
/// kept in one string per row (an XLSX register is held whole until its merged cells are
/// known: one allocation per row instead of one per cell).
#[derive(Debug, Clone, Default)]
pub struct RawRow {
    /// Rij as the user sees it.
    pub row: u32,
    /// The cells' text, one after the other (a cell set twice leaves its old text unused).
    text: String,
    /// Where each column's cell is in `text`.
    spans: [(usize, usize); Kolom::ALL.len()],
    /// CSV: (fields, fields up to the last non-empty one), to hold the row against the header.
    pub shape: Option<(u32, u32)>,
    /// CSV: a line of this row was not UTF-8 and was read as Windows-1252.
    pub ansi: bool,
}

impl RawRow {
    /// An empty row.
    pub fn new(row: u32) -> Self {
        RawRow {
            row,
            ..Default::default()
        }
    }

    /// Sets a cell; `omschrijving` is ignored.
    pub fn set(&mut self, k: Kolom, v: &str) {
        self.set_with(k, |text| text.push_str(v));
    }

    /// Sets a cell to what `write` appends to the string it is given (no string of its own
    /// for the cell); `omschrijving` is ignored.
    pub fn set_with(&mut self, k: Kolom, write: impl FnOnce(&mut String)) {
        if k.is_read() {
            let start = self.text.len();
            write(&mut self.text);
            self.spans[k as usize] = (start, self.text.len());
        }
    }

    /// The cell of a column ("" when absent).
    pub fn get(&self, k: Kolom) -> &str {
        let (start, end) = self.spans[k as usize];
        self.text.get(start..end).unwrap_or_default()
    }

    /// The row as the checks read it.
    pub fn as_row(&self) -> RowView<'_> {
        RowView {
            row: self.row,
            cells: {
                let mut cells = [""; Kolom::ALL.len()];
                for &k in Kolom::ALL {
                    cells[k as usize] = self.get(k);
                }
                cells
            },
            shape: self.shape,
            ansi: self.ansi,
            duplicate: DuplicateCheck::NotChecked,
        }
    }
}

/// One data row as the checks read it: the cells of the contract columns, borrowed from the
/// reader's record (a CSV row's fields are not copied: a million rows, eighteen fields each).
#[derive(Debug, Clone, Copy)]
pub struct RowView<'a> {
    /// Rij as the user sees it.
    pub row: u32,
    cells: [&'a str; Kolom::ALL.len()],
    /// CSV: (fields, fields up to the last non-empty one), to hold the row against the header.
    pub shape: Option<(u32, u32)>,
    /// CSV: a line of this row was not UTF-8 and was read as Windows-1252.
    pub ansi: bool,
    /// Set by a reader that checks klachtnummers itself ([`RowSink::lend_klachtnummers`]).
    pub duplicate: DuplicateCheck,
}

/// What a reader that checks klachtnummers beside its reading found for a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DuplicateCheck {
    /// The reader did not check, or the row does not count for the check (no klachtnummer,
    /// no readable datum_ontvangst).
    #[default]
    NotChecked,
    /// The klachtnummer is met here for the first time.
    First,
    /// The klachtnummer stood before in file `file` (index into the files read), rij `row`.
    Seen {
        /// Index of the file.
        file: usize,
        /// Rij as the user sees it.
        row: u32,
    },
}

impl DuplicateCheck {
    /// The answer of a klachtnummer table: where the number stood before, if it did.
    pub(crate) fn from_first(first: Option<(usize, u32)>) -> Self {
        match first {
            None => DuplicateCheck::First,
            Some((file, row)) => DuplicateCheck::Seen { file, row },
        }
    }

    /// Where the klachtnummer stood before, if the reader found it there.
    pub(crate) fn earlier(self) -> Option<(usize, u32)> {
        match self {
            DuplicateCheck::Seen { file, row } => Some((file, row)),
            DuplicateCheck::First | DuplicateCheck::NotChecked => None,
        }
    }
}

impl<'a> RowView<'a> {
    /// The cells of the recognised columns (never `omschrijving`); `field(i)` is the i-th
    /// field of the record.
    pub fn new(row: u32, field: impl Fn(usize) -> Option<&'a str>, map: &HeaderMap) -> Self {
        let mut cells = [""; Kolom::ALL.len()];
        for &(k, i) in &map.columns {
            if let Some(v) = field(i)
                && k.is_read()
            {
                cells[k as usize] = v;
            }
        }
        RowView {
            row,
            cells,
            shape: None,
            ansi: false,
            duplicate: DuplicateCheck::NotChecked,
        }
    }

    /// The cell of a column ("" when absent).
    pub fn get(&self, k: Kolom) -> &'a str {
        self.cells[k as usize]
    }

    /// The row with its own copies of the cells.
    pub fn to_raw(&self) -> RawRow {
        let mut raw = RawRow::new(self.row);
        for &k in Kolom::ALL {
            raw.set(k, self.get(k));
        }
        raw.shape = self.shape;
        raw.ansi = self.ansi;
        raw
    }
}

/// Where a reader hands what it reads: first the header (a [`RawTable`] without rows, with
/// the reader's own issues), then every data row in order.
pub trait RowSink {
    /// The header and what the reader found about the file.
    fn begin(&mut self, table: RawTable);
    /// One data row (blank rows are skipped by the reader).
    fn row(&mut self, row: &RowView<'_>);
    /// The klachtnummers met so far and this file's index, lent to a reader that checks
    /// duplicates beside its reading (the CSV reader, on its parser's core: the checker's
    /// core is the busier one). The reader then sets [`RowView::duplicate`] on every row, by
    /// `check::counts_for_duplicates`, and gives the table back with
    /// [`RowSink::return_klachtnummers`]. `None`: the sink checks them itself.
    fn lend_klachtnummers(&mut self) -> Option<(klachtnummers::Klachtnummers, usize)> {
        None
    }
    /// The lent klachtnummers, back after the file.
    fn return_klachtnummers(&mut self, _seen: klachtnummers::Klachtnummers) {}
}

/// A sink that keeps everything: a [`RawTable`] with its rows.
#[derive(Default)]
pub struct Collect {
    table: Option<RawTable>,
    rows: Vec<RawRow>,
}

impl Collect {
    /// The table read.
    pub fn into_table(self) -> RawTable {
        let mut t = self
            .table
            .expect("a reader calls begin before it returns Ok");
        t.rows = self.rows;
        t
    }
}

impl RowSink for Collect {
    fn begin(&mut self, table: RawTable) {
        self.table = Some(table);
    }
    fn row(&mut self, row: &RowView<'_>) {
        self.rows.push(row.to_raw());
    }
}
