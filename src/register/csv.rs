//! Reading a CSV export into a [`RawTable`].
//!
//! Handles what Dutch Excel and registration systems write: `,` `;` or TAB (detected, or
//! Excel's `sep=;` first line), UTF-8 with or without BOM, Windows-1252, UTF-16 with BOM,
//! RFC 4180 quoting with newlines inside fields, blank lines, title lines above the header.
//! Rows are numbered as Excel shows them when it opens the file (a record with newlines
//! inside is one rij).

use std::borrow::Cow;
use std::path::Path;

use super::headers::{HeaderMap, HeaderRules, Kolom};
use super::records::{Fields, Records};
use super::{DuplicateCheck, RawTable, RowSink, RowView, detect_header};
use crate::error::{Error, Result};

/// How many records we look at to find the delimiter and the header row.
const SNIFF_RECORDS: usize = 30;

/// Decodes the bytes of a text export to UTF-8. Returns the text, the encoding's Dutch name,
/// and the lines (1-based, as in the file) that were not UTF-8 in a file that otherwise is.
/// Valid UTF-8 is borrowed, not copied: a 300 MB register is held in memory once.
///
/// A file that is not valid UTF-8 is decided line by line: when no line holds UTF-8 beyond
/// ASCII, the whole file is Windows-1252 (what Excel NL saves as "CSV"); when some lines do,
/// the file was glued together from two exports, so valid UTF-8 lines stay UTF-8 and only the
/// others are read as Windows-1252 (and named, so the user can check them).
pub fn decode<'a>(path: &Path, bytes: &'a [u8]) -> Result<(Cow<'a, str>, &'static str, Vec<u32>)> {
    let unreadable = |reason: &str| Error::Unreadable {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(unreadable(
                "bevat tekens die niet in de aangegeven codering passen; sla het bestand opnieuw op als CSV (UTF-8)",
            ));
        }
        let name = if enc == encoding_rs::UTF_8 {
            "UTF-8"
        } else {
            "UTF-16"
        };
        return Ok((text, name, Vec::new()));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(unreadable(
            "dit is geen CSV maar lijkt een Excel-bestand; geef het de extensie .xlsx",
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(unreadable("dit is een PDF, geen klachtenregister"));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(unreadable(
            "is geen tekstbestand (binaire inhoud); exporteer het register als CSV of XLSX",
        ));
    }
    // simdutf8: the whole file is checked before the parser starts, on the critical path
    // (std's check took ~0.1 s of a 233 MB register; this one a fifth of that).
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), "UTF-8", Vec::new())),
        Err(_) => {
            let lines = bytes.split_inclusive(|&b| b == b'\n');
            let some_utf8 = lines
                .clone()
                .any(|l| !l.is_ascii() && std::str::from_utf8(l).is_ok());
            if !some_utf8 {
                // What Excel NL saves as plain "CSV": Windows-1252. Every byte decodes.
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                return Ok((text, "Windows-1252", Vec::new()));
            }
            let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
            let mut ansi = Vec::new();
            for (i, line) in lines.enumerate() {
                match std::str::from_utf8(line) {
                    Ok(l) => text.push_str(l),
                    Err(_) => {
                        let (l, _, _) = encoding_rs::WINDOWS_1252.decode(line);
                        text.push_str(&l);
                        ansi.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
                    }
                }
            }
            Ok((Cow::Owned(text), "UTF-8 (met regels in Windows-1252)", ansi))
        }
    }
}

/// Reads a CSV register into a [`RawTable`] (every row in memory; the tests' view).
pub fn read(path: &Path, bytes: &[u8], rules: &HeaderRules) -> Result<RawTable> {
    let mut collect = super::Collect::default();
    stream(path, bytes, rules, &mut collect)?;
    Ok(collect.into_table())
}

/// Reads a CSV register row by row: the header (a [`RawTable`] without rows) goes to
/// [`RowSink::begin`], then each data row to [`RowSink::row`], as it is read. A [`RowView`]
/// borrows the record's fields: a million rows cost no million copies.
pub fn stream(
    path: &Path,
    bytes: &[u8],
    rules: &HeaderRules,
    sink: &mut dyn RowSink,
) -> Result<()> {
    let (text, encoding, ansi_lines) = decode(path, bytes)?;
    let (body, forced) = strip_sep_line(&text);
    // Line numbers of the body (a `sep=` line is not part of it).
    let sep_lines = u32::from(body.len() != text.len());
    let ansi_lines: Vec<u32> = ansi_lines
        .into_iter()
        .filter_map(|l| l.checked_sub(sep_lines).filter(|l| *l > 0))
        .collect();
    let delimiter = match forced {
        Some(d) => d,
        None => sniff_delimiter(body, rules),
    };

    let meta = |header: HeaderMap, header_row: u32| RawTable {
        file: path.to_path_buf(),
        sheet: None,
        encoding: Some(encoding),
        delimiter: Some(char::from(delimiter)),
        header,
        header_row,
        rows: Vec::new(),
        issues: Vec::new(),
    };
    // Two threads: one splits the CSV into records, numbers the rows, finds the header and
    // checks the klachtnummers for duplicates (when the sink lends them), the other checks
    // the rest of each row (the sink), batch by batch; emptied batches go back to the
    // splitter, so their memory is reused.
    let dubbel = sink.lend_klachtnummers().map(|(seen, file)| Dubbel {
        seen,
        file,
        columns: None,
    });
    let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Msg>(4);
    let (empty_tx, empty_rx) = std::sync::mpsc::channel::<Batch>();
    let seen = std::thread::scope(|scope| {
        let ansi_lines = &ansi_lines;
        let parser = scope.spawn(move || {
            parse(
                body, delimiter, ansi_lines, rules, dubbel, &full_tx, &empty_rx,
            )
        });
        let mut header: Option<HeaderMap> = None;
        for msg in full_rx {
            match msg {
                Msg::Header {
                    records,
                    index,
                    map,
                } => {
                    take_header(records, index, &map, sink, &meta);
                    header = Some(map);
                }
                Msg::Batch(batch) => {
                    // The parser sends the header before any batch.
                    if let Some(h) = &header {
                        for (r, m) in batch.metas.iter().enumerate() {
                            let record = batch.fields.record(body, r);
                            sink.row(&m.row(|i| record.get(i), h));
                        }
                    }
                    // The splitter may have finished already; then the batch is dropped.
                    let _ = empty_tx.send(batch);
                }
            }
        }
        parser.join()
    });
    match seen {
        Ok(Some(seen)) => {
            sink.return_klachtnummers(seen);
            Ok(())
        }
        Ok(None) => Ok(()),
        Err(_) => Err(Error::Unreadable {
            path: path.to_path_buf(),
            reason: "interne fout bij het lezen van de CSV; meld dit, met het bestand als dat kan"
                .into(),
        }),
    }
}

/// What the parser knows of a record besides its fields.
#[derive(Debug, Clone, Copy, Default)]
struct Meta {
    /// Rij as Excel shows it.
    rij: u32,
    /// One of its lines was not UTF-8 and was read as Windows-1252.
    ansi: bool,
    /// (fields, fields up to the last non-empty one), measured by the parser: the checker's
    /// core is the busier one.
    shape: (u32, u32),
    /// [`RowView::duplicate`].
    duplicate: DuplicateCheck,
}

impl Meta {
    /// The row the checker reads: the record's fields (`field(i)`) under the header, with
    /// what the parser found.
    fn row<'a>(&self, field: impl Fn(usize) -> Option<&'a str>, map: &HeaderMap) -> RowView<'a> {
        let mut row = RowView::new(self.rij, field, map);
        row.shape = Some(self.shape);
        row.ansi = self.ansi;
        row.duplicate = self.duplicate;
        row
    }
}

/// Records with their rij.
#[derive(Default)]
struct Batch {
    metas: Vec<Meta>,
    fields: Fields,
}

/// From the parser to the checker: first the header, then batches of rows.
enum Msg {
    /// The header among the first records, and those records (the ones after the header
    /// are rows).
    Header {
        records: Vec<(Meta, Vec<String>)>,
        index: usize,
        map: HeaderMap,
    },
    Batch(Batch),
}

/// The duplicate check on the parser's core, with the klachtnummers the sink lent.
struct Dubbel {
    seen: super::klachtnummers::Klachtnummers,
    /// This file's index.
    file: usize,
    /// The fields of klachtnummer and datum_ontvangst, once the header is known; `None`
    /// while it is not, and when a required column is missing (then no row counts).
    columns: Option<(usize, usize)>,
}

impl Dubbel {
    fn header(&mut self, map: &HeaderMap) {
        // The field a row's cell comes from, as `RowView::new` takes it (the last mapping wins).
        let field = |k: Kolom| map.columns.iter().rfind(|(c, _)| *c == k).map(|&(_, i)| i);
        let usable = Kolom::REQUIRED.iter().all(|&k| map.position(k).is_some());
        self.columns = match (field(Kolom::Klachtnummer), field(Kolom::DatumOntvangst)) {
            (Some(n), Some(d)) if usable => Some((n, d)),
            _ => None,
        };
    }

    /// [`RowView::duplicate`] of a row.
    fn check<'f>(&mut self, field: impl Fn(usize) -> Option<&'f str>, rij: u32) -> DuplicateCheck {
        let Some((n, d)) = self.columns else {
            return DuplicateCheck::NotChecked;
        };
        match super::check::counts_for_duplicates(
            field(n).unwrap_or_default(),
            field(d).unwrap_or_default(),
        ) {
            Some(nummer) => {
                DuplicateCheck::from_first(self.seen.first_or_insert(&nummer, self.file, rij))
            }
            None => DuplicateCheck::NotChecked,
        }
    }
}

/// Records per batch handed from the parser to the checker.
const BATCH: usize = 2048;

/// Splits `body` into non-blank records with their rij; finds the header among the first
/// and sends it on `full`, then the rows after it in batches. Returns the lent klachtnummers.
fn parse(
    body: &str,
    delimiter: u8,
    ansi_lines: &[u32],
    rules: &HeaderRules,
    mut dubbel: Option<Dubbel>,
    full: &std::sync::mpsc::SyncSender<Msg>,
    empty: &std::sync::mpsc::Receiver<Batch>,
) -> Option<super::klachtnummers::Klachtnummers> {
    let mut records = Records::new(body, delimiter);
    let bytes = body.as_bytes();
    let mut embedded_newlines: u64 = 0;
    let mut lines_before: u64 = 0;
    let mut counted_to: usize = 0;
    let mut batch = Batch::default();
    // The first records, until the header is found among them.
    let mut sniffed: Option<Vec<(Meta, Vec<String>)>> = Some(Vec::new());
    let send_header = |sniffed: Vec<(Meta, Vec<String>)>, dubbel: &mut Option<Dubbel>| {
        let (index, map) = detect_header(sniffed.iter().map(|(_, r)| r.as_slice()), rules);
        let mut records = sniffed;
        if let Some(d) = dubbel.as_mut() {
            d.header(&map);
            for (m, fields) in records.iter_mut().skip(index + 1) {
                m.duplicate = d.check(|i| fields.get(i).map(String::as_str), m.rij);
            }
        }
        full.send(Msg::Header {
            records,
            index,
            map,
        })
    };
    while let Some(found) = records.next(&mut batch.fields) {
        // Excel shows blank lines as rows, and a record with newlines inside as one row: the
        // line ends before the record's first byte, less those inside earlier records.
        let start = found.start;
        lines_before += count_newlines(&bytes[counted_to..start.max(counted_to)]);
        counted_to = found.clear_to.max(counted_to);
        let rij = u32::try_from(lines_before + 1 - embedded_newlines.min(lines_before))
            .unwrap_or(u32::MAX);
        let inside = found.newlines;
        embedded_newlines += inside;
        let shape = found.shape;
        if shape.1 == 0 {
            // Only white space (what `trim` removes) in every field: no row.
            batch.fields.pop();
            continue;
        }
        // The record's lines in the file: its first line and the ones inside its fields.
        let first_line = lines_before + 1;
        let ansi = !ansi_lines.is_empty() && {
            let i = ansi_lines.partition_point(|&l| u64::from(l) < first_line);
            ansi_lines
                .get(i)
                .is_some_and(|&l| u64::from(l) <= first_line + inside)
        };
        let mut meta = Meta {
            rij,
            ansi,
            shape,
            duplicate: DuplicateCheck::NotChecked,
        };
        let r = batch.metas.len();
        if let Some(first) = sniffed.as_mut() {
            first.push((
                meta,
                batch
                    .fields
                    .record(body, r)
                    .iter()
                    .map(str::to_string)
                    .collect(),
            ));
            batch.fields.pop();
            if first.len() >= SNIFF_RECORDS {
                let first = std::mem::take(first);
                sniffed = None;
                if send_header(first, &mut dubbel).is_err() {
                    return dubbel.map(|d| d.seen);
                }
            }
            continue;
        }
        if let Some(d) = dubbel.as_mut() {
            let record = batch.fields.record(body, r);
            meta.duplicate = d.check(|i| record.get(i), rij);
        }
        batch.metas.push(meta);
        if batch.metas.len() == BATCH {
            if full.send(Msg::Batch(std::mem::take(&mut batch))).is_err() {
                return dubbel.map(|d| d.seen);
            }
            batch = empty.try_recv().unwrap_or_default();
            batch.metas.clear();
            batch.fields.clear();
        }
    }
    if let Some(first) = sniffed.take()
        && send_header(first, &mut dubbel).is_err()
    {
        return dubbel.map(|d| d.seen);
    }
    let _ = full.send(Msg::Batch(batch));
    dubbel.map(|d| d.seen)
}

fn count_newlines(bytes: &[u8]) -> u64 {
    // memchr skips the bytes without a line end in a few vector steps; a byte-by-byte count
    // was ~10 % of the parser's instructions.
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// Hands the header the parser found to the sink, then the records after it as rows.
fn take_header(
    records: Vec<(Meta, Vec<String>)>,
    index: usize,
    map: &HeaderMap,
    sink: &mut dyn RowSink,
    meta: &dyn Fn(HeaderMap, u32) -> RawTable,
) {
    let header_row = records.get(index).map(|(m, _)| m.rij).unwrap_or(1);
    sink.begin(meta(map.clone(), header_row));
    for (m, fields) in records.iter().skip(index + 1) {
        sink.row(&m.row(|i| fields.get(i).map(String::as_str), map));
    }
}

/// Removes Excel's `sep=X` first line. Returns the rest and X.
fn strip_sep_line(text: &str) -> (&str, Option<u8>) {
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_end].trim_end_matches('\r');
    if let Some(rest) = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))
        && rest.len() == 1
        && rest.is_ascii()
    {
        let body = text.get(first_end + 1..).unwrap_or("");
        return (body, Some(rest.as_bytes()[0]));
    }
    (text, None)
}

/// Chooses the delimiter under which the header row names the most contract columns; on a
/// tie, the one that splits the header into the most fields.
fn sniff_delimiter(text: &str, rules: &HeaderRules) -> u8 {
    let mut best = (0usize, 0usize, b',');
    for d in [b';', b',', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(d)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let records: Vec<Vec<String>> = reader
            .records()
            .take(SNIFF_RECORDS)
            .filter_map(|r| r.ok())
            .map(|r| r.iter().map(str::to_string).collect())
            .collect();
        if records.is_empty() {
            continue;
        }
        let (i, map) = detect_header(records.iter().map(Vec::as_slice), rules);
        let fields = records.get(i).map(Vec::len).unwrap_or(0);
        let key = (map.score(), fields);
        if key > (best.0, best.1) {
            best = (key.0, key.1, d);
        }
    }
    best.2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::headers::Kolom;

    fn read_str(bytes: &[u8]) -> RawTable {
        read(Path::new("register.csv"), bytes, &HeaderRules::default()).expect("readable")
    }

    #[test]
    fn semicolon_with_bom() {
        let t = read_str(
            "\u{FEFF}klachtnummer;datum_ontvangst;categorie\nK1;01-02-2024;Bejegening\n".as_bytes(),
        );
        assert_eq!(t.header_row, 1);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].row, 2);
        assert_eq!(t.rows[0].get(Kolom::Klachtnummer), "K1");
        assert_eq!(t.rows[0].get(Kolom::Categorie), "Bejegening");
    }

    #[test]
    fn comma_with_quoted_newline_counts_as_one_row() {
        let t = read_str(
            b"klachtnummer,datum_ontvangst,categorie,omschrijving\nK1,2024-01-02,A,\"twee\nregels\"\nK2,2024-01-03,B,x\n",
        );
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].row, 3, "the quoted newline does not add a rij");
        assert_eq!(t.rows[1].get(Kolom::Klachtnummer), "K2");
    }

    #[test]
    fn omschrijving_is_never_stored() {
        let t = read_str(
            b"klachtnummer;datum_ontvangst;categorie;omschrijving\nK1;1-1-2024;A;GEHEIM\n",
        );
        assert_eq!(t.rows[0].get(Kolom::Omschrijving), "");
        assert!(!format!("{:?}", t.rows).contains("GEHEIM"));
    }

    #[test]
    fn title_lines_above_header_and_sep_line() {
        let t = read_str(
            b"sep=;\nKlachtenregister 2024;;\n\nklachtnummer;datum_ontvangst;categorie\nK1;1-1-2024;A\n",
        );
        // Excel hides the sep line: the title is rij 1, the blank line rij 2, header rij 3.
        assert_eq!(t.header_row, 3);
        assert_eq!(t.rows[0].row, 4);
    }

    #[test]
    fn windows_1252_is_decoded() {
        let mut bytes = b"klachtnummer;datum_ontvangst;categorie\nK1;1-1-2024;Be".to_vec();
        bytes.push(0xEB); // ë in Windows-1252
        bytes.extend_from_slice(b"indigd\n");
        let t = read_str(&bytes);
        assert_eq!(t.encoding, Some("Windows-1252"));
        assert_eq!(t.rows[0].get(Kolom::Categorie), "Beëindigd");
    }

    #[test]
    fn binary_is_refused() {
        let err = read(
            Path::new("x.csv"),
            b"\x00\x01\x02abc",
            &HeaderRules::default(),
        );
        assert!(err.unwrap_err().to_string().contains("geen tekstbestand"));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Arbitrary bytes never make the readers panic: they give a table or a Dutch error.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
            let rules = HeaderRules::default();
            let _ = read(Path::new("x.csv"), &bytes, &rules);
            let _ = crate::register::xlsx::read(Path::new("x.xlsx"), &bytes, &rules, None);
        }

        /// Text that looks like a register, with random cells, also never panics, and every
        /// data row keeps a rij after the header.
        #[test]
        fn register_like_text_never_panics(cells in prop::collection::vec("[a-z0-9;,\"\n -]{0,12}", 0..60)) {
            let mut text = String::from("klachtnummer;datum_ontvangst;categorie\n");
            text.push_str(&cells.join(";"));
            if let Ok(t) = read(Path::new("x.csv"), text.as_bytes(), &HeaderRules::default()) {
                for r in &t.rows {
                    prop_assert!(r.row > t.header_row);
                }
            }
        }
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;
    use crate::register::headers::Kolom;

    fn read_str(bytes: &[u8]) -> RawTable {
        read(Path::new("register.csv"), bytes, &HeaderRules::default()).expect("readable")
    }

    #[test]
    fn utf16_with_bom() {
        let text = "klachtnummer\tdatum_ontvangst\tcategorie\r\nK1\t1-1-2024\tPrivé\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let t = read_str(&bytes);
        assert_eq!(t.encoding, Some("UTF-16"));
        assert_eq!(t.rows[0].get(Kolom::Categorie), "Privé");
    }

    #[test]
    fn tab_delimiter_and_trailing_empty_columns_and_rows() {
        let t = read_str(b"klachtnummer\tdatum_ontvangst\tcategorie\t\t\nK1\t1-1-2024\tA\t\t\nK2\t2-1-2024\tB\t\t\n\t\t\t\t\n\n");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].get(Kolom::Klachtnummer), "K2");
    }

    #[test]
    fn semicolon_beats_comma_inside_values() {
        let t = read_str(b"klachtnummer;datum_ontvangst;categorie\nK1;1-1-2024;Zorg, wonen\n");
        assert_eq!(t.rows[0].get(Kolom::Categorie), "Zorg, wonen");
    }
}
