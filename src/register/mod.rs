//! Stage 1, input: register files -> [`Checked<Register>`].
//!
//! `load` reads every `--register` file (CSV or XLSX, chosen by extension), finds the header
//! row, matches the headers onto the contract's columns, and checks every cell. Problems in
//! the data become [`Issue`]s; rows with an error are left out of the [`Register`] and listed
//! in [`Register::excluded`], never dropped in silence.
//!
//! Invariant: `omschrijving` is never stored. Its cells are skipped in [`RawRow::fill`] and [`RawRow::set`],
//! so no later stage can print it.

mod check;
pub mod closed;
pub mod csv;
pub mod headers;
pub mod issue;
pub mod klachtnummers;
pub mod normalize;
mod options;
pub mod privacy;
mod records;
pub mod xlsx;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
pub use check::{excel_serial_to_date, parse_date};
pub use closed::{Afhandeling, Closed, Kanaal, Klager, Regeling, Soort, Zorgrelatie};
pub use headers::{HeaderMap, HeaderRules, Kolom};
pub use issue::{Checked, Issue, IssueKind, Location, Severity};
pub use options::{ReadOptions, Term, Vocabulary};

/// A label of an open list (cluster, category, …), shared by every complaint that carries it:
/// a million complaints in five clusters hold five strings, not a million. One pointer wide
/// (a complaint holds three, a register a million complaints); equal, ordered and hashed by
/// its text.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(std::sync::Arc<Box<str>>);

impl std::ops::Deref for Label {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::borrow::Borrow<str> for Label {
    fn borrow(&self) -> &str {
        self
    }
}

impl From<&str> for Label {
    fn from(s: &str) -> Self {
        Label(std::sync::Arc::new(s.into()))
    }
}

impl From<String> for Label {
    fn from(s: String) -> Self {
        Label(std::sync::Arc::new(s.into_boxed_str()))
    }
}

impl std::fmt::Debug for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// Labels read from one cell (a complaint's categories; the one label of a cluster cell in the
/// checks' memo), shared by every complaint whose cell reads the same, and one pointer wide.
pub type LabelList = std::sync::Arc<Vec<Label>>;

/// One complaint (klacht): one klager's complaint, one row of the register.
#[derive(Debug, Clone, PartialEq)]
pub struct Klacht {
    /// Where the row stands (file index into [`Register::files`], rij).
    pub bron: Bron,
    /// Date received: decides the year and the quarter.
    pub datum_ontvangst: NaiveDate,
    /// Date closed; `None` = still open (lopend).
    pub datum_afgehandeld: Option<NaiveDate>,
    /// First contact with the klager.
    pub datum_eerste_contact: Option<NaiveDate>,
    /// Care provider (for batch runs per provider); `None` = unknown.
    pub zorgaanbieder: Option<Label>,
    /// Organisational unit; `None` = unknown.
    pub cluster: Option<Label>,
    /// Kind of care; `None` = unknown.
    pub soort_zorg: Option<Label>,
    /// The deelklachten: distinct categories, in register order. Empty = none given. Shared
    /// by every complaint whose category cell reads the same (a million complaints, a few
    /// dozen lists).
    pub categorieen: LabelList,
    /// Who complained.
    pub klager: Option<Klager>,
    /// Channel.
    pub kanaal: Option<Kanaal>,
    /// Formal or informal.
    pub soort: Option<Soort>,
    /// Legal regime.
    pub regeling: Option<Regeling>,
    /// How it ended.
    pub afhandeling: Option<Afhandeling>,
    /// Care relation.
    pub zorgrelatie: Option<Zorgrelatie>,
    /// Mediation meeting held.
    pub bemiddelingsgesprek: Option<bool>,
    /// Term extended.
    pub verlengd: Option<bool>,
    /// Taken to the geschilleninstantie.
    pub geschil: Option<bool>,
    /// An improvement measure was recorded.
    pub verbetermaatregel: bool,
}

/// Where a complaint stands in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bron {
    /// Index into [`Register::files`]; a u32 keeps a `Klacht` small ([`Bron::file_index`]
    /// gives it as an index).
    pub file: u32,
    /// Rij as the user sees it.
    pub row: u32,
}

impl Bron {
    /// The index into [`Register::files`].
    pub fn file_index(&self) -> usize {
        self.file as usize
    }
}

/// A row left out of the figures because of an error, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Excluded {
    /// File name (no directories: the output may be published).
    pub bestand: String,
    /// Sheet, for XLSX.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blad: Option<String>,
    /// Rij as the user sees it in Excel or as the CSV line.
    pub rij: u32,
    /// Dutch reason(s).
    pub reden: String,
}

/// The checked register: every readable complaint of every file.
#[derive(Debug, Clone, Default)]
pub struct Register {
    /// The complaints, in file and row order.
    pub klachten: Vec<Klacht>,
    /// Contract columns present in every file read (a table needs its columns).
    pub columns: Vec<Kolom>,
    /// The files read, in `--register` order.
    pub files: Vec<PathBuf>,
    /// The sheet read from each file (XLSX), so the user can see which one was used.
    pub sheets: Vec<Option<String>>,
    /// SHA-256 (hex) of each file as read: the colofon and manifest name exactly which data
    /// the figures come from.
    pub sha256: Vec<String>,
    /// Rows left out because of errors.
    pub excluded: Vec<Excluded>,
    /// Rows read per file (data rows, after the header).
    pub rows_read: Vec<usize>,
    /// Open-list labels written in more than one way and counted as one.
    pub samengevoegd: Vec<Samenvoeging>,
    /// Each file's header of a column as written, by (file index, column): messages about
    /// values found after reading name the column the way the user sees it.
    pub koppen: std::collections::HashMap<(usize, Kolom), String>,
}

/// Spellings of an open-list label that were counted as one (see [`normalize::label_key`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Samenvoeging {
    /// Contract name of the column.
    pub kolom: &'static str,
    /// The label the report uses.
    pub label: String,
    /// Every spelling with its rows, most rows first.
    pub spellingen: Vec<(String, u64)>,
}

impl Register {
    /// Whether the register has a column.
    pub fn has(&self, k: Kolom) -> bool {
        self.columns.contains(&k)
    }

    /// The header of column `k` as file `file` wrote it (the contract name if it has none).
    pub fn kop(&self, file: usize, k: Kolom) -> String {
        self.koppen
            .get(&(file, k))
            .cloned()
            .unwrap_or_else(|| k.name().to_string())
    }

    /// Complaints received per year (every intake kind), oldest year first.
    pub fn per_jaar(&self) -> std::collections::BTreeMap<i32, usize> {
        use chrono::Datelike;
        let mut years = std::collections::BTreeMap::new();
        for k in &self.klachten {
            *years.entry(k.datum_ontvangst.year()).or_insert(0) += 1;
        }
        years
    }
}

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
    pub fn as_row(&self) -> Row<'_> {
        Row {
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
            eerder: None,
        }
    }
}

/// One data row as the checks read it: the cells of the contract columns, borrowed from the
/// reader's record (a CSV row's fields are not copied: a million rows, eighteen fields each).
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// Rij as the user sees it.
    pub row: u32,
    cells: [&'a str; Kolom::ALL.len()],
    /// CSV: (fields, fields up to the last non-empty one), to hold the row against the header.
    pub shape: Option<(u32, u32)>,
    /// CSV: a line of this row was not UTF-8 and was read as Windows-1252.
    pub ansi: bool,
    /// Set by a reader that checks klachtnummers itself ([`RowSink::leen_klachtnummers`]):
    /// `Some(None)` a klachtnummer met for the first time, `Some(Some((file, rij)))` one that
    /// stood there before; `None` when the row does not count for the check (no klachtnummer,
    /// no readable datum_ontvangst) or the reader did not check.
    pub eerder: Option<Option<(usize, u32)>>,
}

impl<'a> Row<'a> {
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
        Row {
            row,
            cells,
            shape: None,
            ansi: false,
            eerder: None,
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
    fn row(&mut self, row: &Row<'_>);
    /// The klachtnummers met so far and this file's index, lent to a reader that checks
    /// duplicates beside its reading (the CSV reader, on its parser's core: the checker's
    /// core is the busier one). The reader then sets [`Row::eerder`] on every row, by
    /// `check::telt_voor_dubbel`, and gives the table back with
    /// [`RowSink::klachtnummers_terug`]. `None`: the sink checks them itself.
    fn leen_klachtnummers(&mut self) -> Option<(klachtnummers::Klachtnummers, usize)> {
        None
    }
    /// The lent klachtnummers, back after the file.
    fn klachtnummers_terug(&mut self, _seen: klachtnummers::Klachtnummers) {}
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
    fn row(&mut self, row: &Row<'_>) {
        self.rows.push(row.to_raw());
    }
}

/// Finds the header row among the first records: the first that names the most contract
/// columns. Returns its index and mapping (index 0 when nothing is recognised).
pub fn detect_header<'a>(
    records: impl Iterator<Item = &'a [String]>,
    rules: &HeaderRules,
) -> (usize, HeaderMap) {
    let mut best: Option<(usize, HeaderMap)> = None;
    for (i, r) in records.enumerate() {
        let map = rules.resolve(r);
        if best.as_ref().is_none_or(|(_, b)| map.score() > b.score()) {
            best = Some((i, map));
        }
    }
    best.unwrap_or_else(|| (0, rules.resolve(&[])))
}

/// The name of a file without its folders: what messages, the colofon and the manifest show
/// (a report may be published; the folders on someone's disk are not its business).
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// SHA-256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads the bytes of a register file, by the file's extension, into `sink`: CSV row by row
/// as it is parsed, XLSX after the sheet is read (merged cells need the whole sheet).
pub fn read_bytes(
    path: &Path,
    bytes: &[u8],
    settings: &ReadOptions,
    sink: &mut dyn RowSink,
) -> Result<()> {
    // An empty file (or one with only white space and a byte-order mark) says so, instead of
    // three "verplichte kolom ontbreekt".
    let blank = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .all(|b| b.is_ascii_whitespace());
    if blank {
        return Err(Error::Unreadable {
            path: path.to_path_buf(),
            reason: if bytes.is_empty() {
                "het bestand is leeg (0 bytes); exporteer het register opnieuw".into()
            } else {
                "het bestand is leeg (alleen witruimte); exporteer het register opnieuw".into()
            },
        });
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" => {
            let mut table = crate::profiel::fase("lezen: xlsx", || {
                xlsx::read(path, bytes, &settings.headers, settings.blad.as_deref())
            })?;
            let rows = std::mem::take(&mut table.rows);
            crate::profiel::fase("lezen: controle", || {
                sink.begin(table);
                for row in &rows {
                    sink.row(&row.as_row());
                }
            });
            Ok(())
        }
        "xls" => Err(Error::Unreadable {
            path: path.to_path_buf(),
            reason: "het oude Excel-formaat (.xls) wordt niet gelezen; sla het op als .xlsx of CSV"
                .into(),
        }),
        _ => csv::stream(path, bytes, &settings.headers, sink),
    }
}

/// Reads and checks every register file. Errors in the data are issues; only unreadable
/// files are an [`Error`].
pub fn load(paths: &[PathBuf], settings: &ReadOptions) -> Result<Checked<Register>> {
    let mut loader = Loader::new(settings);
    for path in paths {
        let bytes = map_file(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        loader.add(path, &bytes)?;
    }
    Ok(loader.finish())
}

/// A register file's bytes: mapped into memory, so a 300 MB export is neither copied nor
/// zeroed first (reading it into a buffer cost a tenth of a million-row run), or read when it
/// cannot be mapped (an empty file, a pipe).
enum FileBytes {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Mapped(m) => m,
            FileBytes::Read(v) => v,
        }
    }
}

fn map_file(path: &Path) -> std::io::Result<FileBytes> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > 0 {
        // SAFETY: the map is only read, and only while this run reads the file. If another
        // program shortened the file during those seconds, reading past its new end would
        // fault; registers are exports that nothing writes to while a report is made.
        if let Ok(m) = unsafe { memmap2::Mmap::map(&file) } {
            return Ok(FileBytes::Mapped(m));
        }
    }
    let mut v = Vec::new();
    std::io::Read::read_to_end(&mut &file, &mut v)?;
    Ok(FileBytes::Read(v))
}

/// How many rows a text export of this size likely holds, from the length of its first lines
/// (an estimate for reserving memory only; 0 for XLSX, whose compressed size says little).
fn estimated_rows(bytes: &[u8]) -> usize {
    if bytes.starts_with(b"PK") {
        return 0;
    }
    let sample = &bytes[..bytes.len().min(1 << 20)];
    let lines = sample.iter().filter(|&&b| b == b'\n').count().max(1);
    (bytes.len() / (sample.len() / lines).max(1)).min(50_000_000)
}

/// Reads and checks register files one by one (file contents given as bytes), keeping what
/// spans files: the columns every file has and the klachtnummers seen.
pub struct Loader<'a> {
    settings: &'a ReadOptions,
    register: Register,
    issues: Vec<Issue>,
    seen: klachtnummers::Klachtnummers,
    sources: Vec<Location>,
    columns: Option<Vec<Kolom>>,
    labels: check::Labels,
    /// Lend the klachtnummers to a reader that checks duplicates itself (the CSV reader);
    /// false only in the test that holds that check against the checker's own.
    lend: bool,
}

impl<'a> Loader<'a> {
    /// An empty loader.
    pub fn new(settings: &'a ReadOptions) -> Self {
        Loader {
            settings,
            register: Register::default(),
            issues: Vec::new(),
            seen: Default::default(),
            sources: Vec::new(),
            columns: None,
            labels: check::Labels::default(),
            lend: true,
        }
    }

    /// Reads and checks one file, each row as it is read.
    pub fn add(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let index = self.register.files.len();
        let settings = self.settings;
        // Room for the rows this file will likely give (by its first lines' length), so the
        // complaints and the klachtnummers seen grow once instead of doubling through copies.
        let rows = estimated_rows(bytes);
        self.register.klachten.reserve(rows);
        self.seen.reserve(rows);
        let mut check = check::FileCheck::new(index, self);
        // The fingerprint is taken beside the reading, on the other core.
        let sha256 = std::thread::scope(|scope| {
            let sha = scope.spawn(|| sha256_hex(bytes));
            read_bytes(path, bytes, settings, &mut check)?;
            Ok::<_, Error>(sha.join().unwrap_or_else(|_| sha256_hex(bytes)))
        })?;
        let (present, sheet, rows) = check.finish();
        self.columns = Some(match self.columns.take() {
            None => present,
            Some(c) => c.into_iter().filter(|k| present.contains(k)).collect(),
        });
        let r = &mut self.register;
        r.sha256.push(sha256);
        r.files.push(path.to_path_buf());
        r.sheets.push(sheet);
        r.rows_read.push(rows);
        Ok(())
    }

    /// The checked register.
    pub fn finish(mut self) -> Checked<Register> {
        self.register.columns = self.columns.unwrap_or_default();
        // Every merge of different spellings, once per label, after the row problems.
        for ((k, label), spellings) in std::mem::take(&mut self.labels.rows) {
            if spellings.len() < 2 {
                continue;
            }
            let first_file = spellings.values().map(|(_, f)| *f).min().unwrap_or(0);
            let mut list: Vec<(String, u64)> =
                spellings.into_iter().map(|(s, (n, _))| (s, n)).collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let mut at = self.sources.get(first_file).cloned().unwrap_or(Location {
                file: PathBuf::new(),
                sheet: None,
                row: None,
                column: None,
            });
            // The column as the first file with this label wrote it.
            at.column = Some(self.register.kop(first_file, k));
            self.issues.push(Issue {
                at,
                kind: IssueKind::Merged {
                    label: label.to_string(),
                    spellings: list.clone(),
                },
                severity: Severity::Waarschuwing,
            });
            self.register.samengevoegd.push(Samenvoeging {
                kolom: k.name(),
                label: label.to_string(),
                spellingen: list,
            });
        }
        Checked {
            value: self.register,
            issues: self.issues,
        }
    }
}

/// How a complaint entered: the contract's `instroom` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Instroom {
    /// Taken into procedure: every afhandeling but Melding and Niet ontvankelijk.
    InBehandeling,
    /// Not admissible.
    NietOntvankelijk,
    /// A report (melding), not a complaint.
    Melding,
}

impl Instroom {
    /// All, in the contract's row order.
    pub const ALL: [Instroom; 3] = [
        Instroom::InBehandeling,
        Instroom::NietOntvankelijk,
        Instroom::Melding,
    ];

    /// Dutch row label.
    pub fn label(self) -> &'static str {
        match self {
            Instroom::InBehandeling => "In behandeling",
            Instroom::NietOntvankelijk => "Niet ontvankelijk",
            Instroom::Melding => "Melding",
        }
    }

    /// The contract: "complaints taken into procedure: rows whose afhandeling is not
    /// `Melding` or `Niet ontvankelijk`". An empty afhandeling counts as in procedure.
    pub fn van(afhandeling: Option<Afhandeling>) -> Instroom {
        match afhandeling {
            Some(Afhandeling::Melding) => Instroom::Melding,
            Some(Afhandeling::NietOntvankelijk) => Instroom::NietOntvankelijk,
            _ => Instroom::InBehandeling,
        }
    }
}

impl Klacht {
    /// How the complaint entered ([`Instroom::van`] its afhandeling).
    pub fn instroom(&self) -> Instroom {
        Instroom::van(self.afhandeling)
    }

    /// Whether the complaint counts in every breakdown but `instroom`.
    pub fn in_procedure(&self) -> bool {
        self.instroom() == Instroom::InBehandeling
    }

    /// Quarter (1–4) of the receipt date.
    pub fn kwartaal(&self) -> u32 {
        use chrono::Datelike;
        self.datum_ontvangst.month0() / 3 + 1
    }
}

#[cfg(test)]
mod size {
    /// A register holds a million of these: the size is part of the memory budget (README
    /// Performance). A field that makes it grow should be a decision, not an accident.
    #[test]
    fn a_klacht_stays_small() {
        assert!(
            std::mem::size_of::<super::Klacht>() <= 64,
            "{}",
            std::mem::size_of::<super::Klacht>()
        );
        assert_eq!(std::mem::size_of::<Option<super::Label>>(), 8);
    }
}

#[cfg(test)]
mod reader_check {
    use super::*;
    use proptest::prelude::*;

    /// Loads CSV files with the duplicate check on the reader's core (`lend`) or in the
    /// checker.
    fn load(files: &[String], lend: bool) -> String {
        let settings = ReadOptions::default();
        let mut loader = Loader::new(&settings);
        loader.lend = lend;
        for (i, text) in files.iter().enumerate() {
            let path = PathBuf::from(format!("deel{i}.csv"));
            if let Err(e) = loader.add(&path, text.as_bytes()) {
                return format!("{e}");
            }
        }
        let mut checked = loader.finish();
        // The headers per file are a hash map: in sorted order, so that two runs compare.
        let mut koppen: Vec<String> = std::mem::take(&mut checked.value.koppen)
            .iter()
            .map(|(k, v)| format!("{k:?}={v}"))
            .collect();
        koppen.sort();
        format!("{checked:?} {koppen:?}")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The reader's duplicate check gives what the checker's own gives: the same issues
        /// (duplicates with their first place, across files), the same rows left out, the
        /// same complaints, on registers with repeated, empty and padded klachtnummers,
        /// unreadable and empty dates, quoted line ends, and files without a required column.
        #[test]
        fn the_readers_duplicate_check_is_the_checkers(
            files in prop::collection::vec(
                (
                    any::<bool>(),
                    prop::collection::vec(
                        (
                            prop::sample::select(vec!["K1", "K2", "K3", " K1 ", "", "K\u{200B}2", "k1"]),
                            prop::sample::select(vec!["01-02-2024", "", "31-02-2024", "2024-03-05 10:00", "abc", "5-6-2023"]),
                            prop::sample::select(vec!["", "\"twee\nregels\"", "\"a;b\"", "x"]),
                        ),
                        0..25,
                    ),
                ),
                1..4,
            )
        ) {
            let texts: Vec<String> = files
                .iter()
                .map(|(complete, rows)| {
                    let mut t = String::from(if *complete {
                        "klachtnummer;datum_ontvangst;categorie;omschrijving\n"
                    } else {
                        "klachtnummer;datum_ontvangst;omschrijving\n"
                    });
                    for (nummer, datum, omschrijving) in rows {
                        if *complete {
                            t.push_str(&format!("{nummer};{datum};Bejegening;{omschrijving}\n"));
                        } else {
                            t.push_str(&format!("{nummer};{datum};{omschrijving}\n"));
                        }
                    }
                    t
                })
                .collect();
            prop_assert_eq!(load(&texts, true), load(&texts, false));
        }
    }
}
