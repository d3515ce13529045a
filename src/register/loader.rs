//! Reading register files: the bytes of each file (mapped, not copied), the reader chosen by
//! extension, and the [`Loader`] that checks row by row and keeps what spans files.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

use super::{
    Checked, Issue, IssueKind, Kolom, Location, ReadOptions, Register, RowSink, Samenvoeging,
    Severity, check, csv, xlsx,
};

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
    options: &ReadOptions,
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
                xlsx::read(path, bytes, &options.headers, options.blad.as_deref())
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
        _ => csv::stream(path, bytes, &options.headers, sink),
    }
}

/// Reads and checks every register file. Errors in the data are issues; only unreadable
/// files are an [`Error`].
pub fn load(paths: &[PathBuf], options: &ReadOptions) -> Result<Checked<Register>> {
    let mut loader = Loader::new(options);
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
    options: &'a ReadOptions,
    /// What the checks of the files build together.
    shared: check::Shared,
    columns: Option<Vec<Kolom>>,
    /// Lend the klachtnummers to a reader that checks duplicates itself (the CSV reader);
    /// false only in the test that holds that check against the checker's own.
    lend: bool,
}

impl<'a> Loader<'a> {
    /// An empty loader.
    pub fn new(options: &'a ReadOptions) -> Self {
        Loader {
            options,
            shared: check::Shared::default(),
            columns: None,
            // With one row per deelklacht a repeated klachtnummer is no duplicate: the
            // checker groups the rows itself.
            lend: options.rij_per == crate::register::RijPer::Klacht,
        }
    }

    /// Reads and checks one file, each row as it is read.
    pub fn add(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let index = self.shared.register.files.len();
        let options = self.options;
        // Room for the rows this file will likely give (by its first lines' length), so the
        // complaints and the klachtnummers seen grow once instead of doubling through copies.
        let rows = estimated_rows(bytes);
        self.shared.register.klachten.reserve(rows);
        self.shared.seen.reserve(rows);
        let mut check = check::FileCheck::new(index, options, &mut self.shared, self.lend);
        // The fingerprint is taken beside the reading, on the other core.
        let sha256 = std::thread::scope(|scope| {
            let sha = scope.spawn(|| sha256_hex(bytes));
            read_bytes(path, bytes, options, &mut check)?;
            Ok::<_, Error>(sha.join().unwrap_or_else(|_| sha256_hex(bytes)))
        })?;
        let (present, sheet, rows) = check.finish();
        self.columns = Some(match self.columns.take() {
            None => present,
            Some(c) => c.into_iter().filter(|k| present.contains(k)).collect(),
        });
        let r = &mut self.shared.register;
        r.sha256.push(sha256);
        r.files.push(path.to_path_buf());
        r.sheets.push(sheet);
        r.rows_read.push(rows);
        Ok(())
    }

    /// The checked register.
    pub fn finish(mut self) -> Checked<Register> {
        self.shared.register.columns = self.columns.take().unwrap_or_default();
        self.shared.register.rij_per = self.options.rij_per;
        self.nearly_same();
        // Every merge of different spellings, once per label, after the row problems.
        for ((k, label), spellings) in std::mem::take(&mut self.shared.labels.rows) {
            if spellings.len() < 2 {
                continue;
            }
            let first_file = spellings.values().map(|(_, f)| *f).min().unwrap_or(0);
            let mut list: Vec<(String, u64)> =
                spellings.into_iter().map(|(s, (n, _))| (s, n)).collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            let mut at = self
                .shared
                .sources
                .get(first_file)
                .cloned()
                .unwrap_or(Location {
                    file: PathBuf::new(),
                    sheet: None,
                    row: None,
                    column: None,
                });
            // The column as the first file with this label wrote it.
            at.column = Some(self.shared.register.kop(first_file, k));
            self.shared.issues.push(Issue {
                at,
                kind: IssueKind::Merged {
                    label: label.to_string(),
                    spellings: list.clone(),
                },
                severity: Severity::Waarschuwing,
            });
            self.shared.register.samengevoegd.push(Samenvoeging {
                kolom: k.name(),
                label: label.to_string(),
                spellingen: list,
            });
        }
        Checked {
            value: self.shared.register,
            issues: self.shared.issues,
        }
    }
}

/// Labels per column and spelling without spaces: (label, rows, first file).
type Groups<'a> = std::collections::BTreeMap<(Kolom, String), Vec<(&'a super::Label, u64, usize)>>;

impl Loader<'_> {
    /// Labels of one column that differ only in spaces or punctuation between letters
    /// ("Behandel technisch", "Behandeltechnisch") get a warning naming them all, with an
    /// alias to configure. Cheap: one key per distinct label, not per row. Labels that are
    /// each a configured name, or a spelling kept apart (`[apart]`), are meant to differ.
    fn nearly_same(&mut self) {
        use super::normalize::label_key;
        let mut groups: Groups<'_> = std::collections::BTreeMap::new();
        for ((k, label), spellings) in &self.shared.labels.rows {
            let tight: String = label_key(label).chars().filter(|c| *c != ' ').collect();
            let rows = spellings.values().map(|(n, _)| n).sum();
            let file = spellings.values().map(|(_, f)| *f).min().unwrap_or(0);
            groups
                .entry((*k, tight))
                .or_default()
                .push((label, rows, file));
        }
        let options = self.options;
        for ((k, _), mut labels) in groups {
            if labels.len() < 2 {
                continue;
            }
            let vocabulary = match k {
                Kolom::Categorie => Some(&options.categorieen),
                Kolom::Cluster => Some(&options.clusters),
                _ => None,
            };
            let configured = |l: &str| vocabulary.is_some_and(|v| v.lookup(l) == Some(l));
            let apart = |l: &str| {
                options
                    .apart
                    .iter()
                    .any(|(c, a)| *c == k && label_key(a) == label_key(l))
            };
            if labels.iter().all(|(l, _, _)| configured(l))
                || labels.iter().any(|(l, _, _)| apart(l))
            {
                continue;
            }
            // The suggested name first: a configured one, else the one on most rows.
            labels.sort_by(|a, b| {
                configured(b.0)
                    .cmp(&configured(a.0))
                    .then(b.1.cmp(&a.1))
                    .then_with(|| a.0.cmp(b.0))
            });
            let first_file = labels.iter().map(|(_, _, f)| *f).min().unwrap_or(0);
            let mut at = self
                .shared
                .sources
                .get(first_file)
                .cloned()
                .unwrap_or(Location {
                    file: PathBuf::new(),
                    sheet: None,
                    row: None,
                    column: None,
                });
            at.column = Some(self.shared.register.kop(first_file, k));
            let kind = IssueKind::NearlySame {
                kolom: k.name(),
                labels: labels.iter().map(|(l, n, _)| (l.to_string(), *n)).collect(),
                alias: vocabulary.is_some(),
            };
            self.shared.issues.push(Issue {
                at,
                kind,
                severity: Severity::Waarschuwing,
            });
        }
    }
}

#[cfg(test)]
mod reader_check {
    use super::*;
    use proptest::prelude::*;

    /// Loads CSV files with the duplicate check on the reader's core (`lend`) or in the
    /// checker.
    fn load(files: &[String], lend: bool) -> String {
        let options = ReadOptions::default();
        let mut loader = Loader::new(&options);
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
