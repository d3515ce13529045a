//! Splitting CSV text into records: exactly the records and fields the csv crate reads
//! (RFC 4180 quoting with `""`, `\r`, `\n` or `\r\n` line ends, blank lines skipped, a UTF-8
//! BOM at the very start dropped, a quote inside an unquoted field kept as written), faster.
//!
//! A record none of whose fields starts with a quote is split where it lies: its fields are
//! places in the text, found with memchr, and nothing is copied. csv's state machine looked at
//! every byte (~15 instructions a byte, the parser thread's largest cost at a million rows). A
//! record with a quoted field goes through that same state machine (csv-core) from its first
//! byte, so quoted newlines, doubled quotes and malformed quoting read as before. The
//! property test below holds both against the csv crate on arbitrary text.

/// Where a field's text is: a place in the CSV text, or (a record with a quoted field) a place
/// in the batch's own buffer of unquoted text.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
    own: bool,
}

/// The fields of a batch of records.
#[derive(Default)]
pub(super) struct Fields {
    /// Per record, the end of its spans in `spans`.
    records: Vec<usize>,
    spans: Vec<Span>,
    /// The unquoted text of the records with a quoted field.
    own: String,
}

/// One record's fields, as text.
#[derive(Clone, Copy)]
pub(super) struct Record<'s> {
    text: &'s str,
    own: &'s str,
    spans: &'s [Span],
}

impl<'s> Record<'s> {
    /// Field `i`, or `None` past the last.
    pub(super) fn get(&self, i: usize) -> Option<&'s str> {
        let span = self.spans.get(i)?;
        let from = if span.own { self.own } else { self.text };
        // Every span starts and ends at an ASCII byte (a separator, a line end, the text's
        // ends), so it lies on character boundaries.
        let field = from.get(span.start..span.end);
        debug_assert!(field.is_some());
        Some(field.unwrap_or_default())
    }

    /// The fields in order.
    pub(super) fn iter(self) -> impl Iterator<Item = &'s str> {
        (0..self.spans.len()).map(move |i| self.get(i).unwrap_or_default())
    }
}

impl Fields {
    /// Records held.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.records.len()
    }

    /// Empties the batch, keeping its memory.
    pub(super) fn clear(&mut self) {
        self.records.clear();
        self.spans.clear();
        self.own.clear();
    }

    /// Record `r` of a batch split from `text`.
    pub(super) fn record<'s>(&'s self, text: &'s str, r: usize) -> Record<'s> {
        let from = if r == 0 { 0 } else { self.records[r - 1] };
        Record {
            text,
            own: &self.own,
            spans: &self.spans[from..self.records[r]],
        }
    }

    /// Takes the last record out again (a record that holds only white space).
    pub(super) fn pop(&mut self) {
        self.records.pop();
        let end = self.records.last().copied().unwrap_or(0);
        self.spans.truncate(end);
    }
}

/// What the splitter knows of a record besides its fields.
pub(super) struct Found {
    /// The record's first byte.
    pub(super) start: usize,
    /// Line ends inside its (quoted) fields.
    pub(super) newlines: u64,
    /// No line end lies in the text from `start` to here (past the record's line for a record
    /// without quotes; `start` itself for one with them).
    pub(super) clear_to: usize,
    /// (fields, fields up to the last one with more than white space).
    pub(super) shape: (u32, u32),
}

/// Whether a field holds only white space (`str::trim` would leave nothing), answered at the
/// first byte for a field that opens with a visible ASCII character (nearly every filled one).
fn is_white(field: &[u8]) -> bool {
    match field.first() {
        None => true,
        Some(b) if b.is_ascii_graphic() => false,
        _ => std::str::from_utf8(field).is_ok_and(|s| s.trim().is_empty()),
    }
}

/// Splits a CSV text into records, one at a time, appending their fields to a batch.
pub(super) struct Records<'a> {
    text: &'a str,
    pos: usize,
    delimiter: u8,
    core: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
}

impl<'a> Records<'a> {
    pub(super) fn new(text: &'a str, delimiter: u8) -> Self {
        let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        let mut out = vec![0; 4096];
        let mut ends = vec![0; 64];
        // csv-core drops a BOM at the start of what it reads first; the text's first bytes
        // are skipped here, and a line end read now keeps csv-core from dropping a BOM that
        // opens a later record.
        let _ = core.read_record(b"\n", &mut out, &mut ends);
        Records {
            text,
            pos: if text.starts_with('\u{FEFF}') { 3 } else { 0 },
            delimiter,
            core,
            out,
            ends,
        }
    }

    /// The next record's fields, appended to `fields`; `None` at the end of the text.
    pub(super) fn next(&mut self, fields: &mut Fields) -> Option<Found> {
        let bytes = self.text.as_bytes();
        // Line ends before a record are blank lines: csv skips them.
        while bytes
            .get(self.pos)
            .is_some_and(|&b| b == b'\r' || b == b'\n')
        {
            self.pos += 1;
        }
        if self.pos >= bytes.len() {
            return None;
        }
        let start = self.pos;
        let rest = &bytes[start..];
        let line = &rest[..memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len())];
        let d = self.delimiter;
        let first_span = fields.spans.len();
        let mut shape = (0u32, 0u32);
        let mut field = |fields: &mut Fields, from: usize, to: usize| {
            shape.0 += 1;
            if !is_white(&bytes[start + from..start + to]) {
                shape.1 = shape.0;
            }
            fields.spans.push(Span {
                start: start + from,
                end: start + to,
                own: false,
            });
        };
        // Field by field along the line: a plain field runs to the next separator; a field
        // that opens with a quote and closes with one right before a separator or the line
        // end is its text between the quotes. Anything else (a doubled quote, a quoted line
        // end, text after the closing quote, no closing quote) goes to csv-core below.
        let mut f = 0;
        let plain = loop {
            if line.get(f) == Some(&b'"') {
                let Some(close) = memchr::memchr(b'"', &line[f + 1..]).map(|c| f + 1 + c) else {
                    break false;
                };
                match line.get(close + 1) {
                    None => {
                        field(fields, f + 1, close);
                        break true;
                    }
                    Some(&c) if c == d => {
                        field(fields, f + 1, close);
                        f = close + 2;
                    }
                    Some(_) => break false,
                }
            } else {
                match memchr::memchr(d, &line[f..]) {
                    Some(c) => {
                        field(fields, f, f + c);
                        f += c + 1;
                    }
                    None => {
                        field(fields, f, line.len());
                        break true;
                    }
                }
            }
        };
        if plain {
            fields.records.push(fields.spans.len());
            self.pos = start + line.len();
            return Some(Found {
                start,
                newlines: 0,
                clear_to: self.pos,
                shape,
            });
        }
        fields.spans.truncate(first_span);
        // A quoted field: csv-core reads the record from its first byte.
        let (mut pos, mut nout, mut nends) = (start, 0, 0);
        loop {
            let (result, i, o, e) = self.core.read_record(
                &bytes[pos..],
                &mut self.out[nout..],
                &mut self.ends[nends..],
            );
            pos += i;
            nout += o;
            nends += e;
            match result {
                // The rest of the text, or (empty) the end of it, on the next call.
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull => {
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                csv_core::ReadRecordResult::Record => break,
                csv_core::ReadRecordResult::End => {
                    self.pos = bytes.len();
                    return None;
                }
            }
        }
        self.pos = pos;
        let unquoted = &self.out[..nout];
        // Valid UTF-8: the text is, and csv-core leaves out ASCII bytes only.
        let base = fields.own.len();
        match simdutf8::basic::from_utf8(unquoted) {
            Ok(text) => fields.own.push_str(text),
            Err(_) => fields.own.push_str(&String::from_utf8_lossy(unquoted)),
        }
        let mut from = 0;
        let mut shape = (0u32, 0u32);
        for &end in &self.ends[..nends] {
            shape.0 += 1;
            if !is_white(&unquoted[from..end]) {
                shape.1 = shape.0;
            }
            fields.spans.push(Span {
                start: base + from,
                end: base + end,
                own: true,
            });
            from = end;
        }
        fields.records.push(fields.spans.len());
        Some(Found {
            start,
            newlines: memchr::memchr_iter(b'\n', unquoted).count() as u64,
            clear_to: start,
            shape,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every record with its fields, by this splitter; its shape is checked against the
    /// fields on the way.
    fn ours(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
        let mut records = Records::new(text, delimiter);
        let mut fields = Fields::default();
        let mut all = Vec::new();
        while let Some(found) = records.next(&mut fields) {
            let r = fields.len() - 1;
            let record: Vec<String> = fields.record(text, r).iter().map(str::to_string).collect();
            let filled = record
                .iter()
                .rposition(|f| !f.trim().is_empty())
                .map_or(0, |i| i + 1);
            assert_eq!(
                found.shape,
                (record.len() as u32, filled as u32),
                "{record:?}"
            );
            all.push((found.start, record));
        }
        all
    }

    /// Every record with its fields, by the csv crate; a record's start is its recorded
    /// position past the line ends (and a BOM at the start) csv skipped.
    fn csv_crate(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let bytes = text.as_bytes();
        let mut record = csv::ByteRecord::new();
        let mut all = Vec::new();
        while reader
            .read_byte_record(&mut record)
            .expect("bytes never fail")
        {
            let mut start = record.position().map_or(0, |p| p.byte() as usize);
            // csv records the first record at byte 0, before the BOM it drops.
            if start == 0 && text.starts_with('\u{FEFF}') {
                start = 3;
            }
            while start < bytes.len() && (bytes[start] == b'\n' || bytes[start] == b'\r') {
                start += 1;
            }
            let fields = record
                .iter()
                .map(|f| String::from_utf8(f.to_vec()).expect("utf-8"))
                .collect();
            all.push((start, fields));
        }
        all
    }

    #[test]
    fn quoted_and_plain_records_as_csv_reads_them() {
        let text = "\u{FEFF}a;b;c\r\n\r\nK1;\"twee\nregels\";x\rK2;zeg \"hoi\";\n\"a\"\"b\";\"c\"d;e\n;;\n\"open";
        assert_eq!(ours(text, b';'), csv_crate(text, b';'));
        let fields: Vec<Vec<String>> = ours(text, b';').into_iter().map(|(_, f)| f).collect();
        assert_eq!(fields[0], ["a", "b", "c"], "the BOM is dropped");
        assert_eq!(fields[1], ["K1", "twee\nregels", "x"]);
        assert_eq!(
            fields[2],
            ["K2", "zeg \"hoi\"", ""],
            "a quote inside a field is text"
        );
        assert_eq!(fields[3], ["a\"b", "cd", "e"]);
        assert_eq!(fields[4], ["", "", ""]);
        assert_eq!(fields[5], ["open"], "an unclosed quote runs to the end");
    }

    #[test]
    fn a_batch_gives_back_a_white_record() {
        let text = "a;b\n  ;\nc;d";
        let mut records = Records::new(text, b';');
        let mut fields = Fields::default();
        records.next(&mut fields);
        records.next(&mut fields);
        fields.pop();
        records.next(&mut fields);
        assert_eq!(fields.len(), 2);
        let second: Vec<&str> = fields.record(text, 1).iter().collect();
        assert_eq!(second, ["c", "d"]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// On any text made of the bytes that steer CSV (separators, quotes, line ends, a BOM,
        /// non-ASCII letters), the splitter gives the csv crate's records, fields and starts.
        #[test]
        fn splits_as_the_csv_crate_does(
            parts in prop::collection::vec(
                prop::sample::select(vec!["a", "bc", ";", ",", "\t", "\"", "\"\"", "\n", "\r", "\r\n", " ", "\u{A0}", "é", "\u{FEFF}", "K1"]),
                0..80,
            ),
            delimiter in prop::sample::select(vec![b';', b',', b'\t']),
        ) {
            let text: String = parts.concat();
            prop_assert_eq!(ours(&text, delimiter), csv_crate(&text, delimiter));
        }
    }
}
