//! Data problems in a register: where (file, blad, rij, kolom), what, and what was expected.
//!
//! Issues are values, collected over the whole run; they never stop reading. Their Dutch
//! text follows one pattern: `bestand, blad "X", rij 14, kolom datum_ontvangst: <wat>`.

use std::fmt;
use std::path::PathBuf;

/// How bad an issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The value is counted as "Onbekend" or kept as is; the row stays in.
    Waarschuwing,
    /// The row cannot be counted; `verslag` leaves exactly this row out (or stops with `--streng`).
    Fout,
}

/// A cell, in the words of the person who maintains the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The register file.
    pub file: PathBuf,
    /// Sheet name for XLSX.
    pub sheet: Option<String>,
    /// The row as the user sees it: Excel's row number, or the CSV record number with the
    /// first line as rij 1. `None` for file-level problems.
    pub row: Option<u32>,
    /// The header as written in the file.
    pub column: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", super::file_name(&self.file))?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", blad \"{}\"", shorten(sheet))?;
        }
        if let Some(row) = self.row {
            write!(f, ", rij {row}")?;
        }
        if let Some(col) = &self.column {
            write!(f, ", kolom {col}")?;
        }
        Ok(())
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    /// A required column is absent.
    MissingColumn {
        /// Contract name of the column.
        name: &'static str,
        /// Headers found in the file.
        found: Vec<String>,
        /// The nearest header found, if any is close.
        suggestion: Option<String>,
    },
    /// Two headers map onto the same contract column.
    DuplicateColumn {
        /// Contract name.
        name: &'static str,
        /// 1-based positions of the headers.
        positions: Vec<usize>,
    },
    /// Headers that are empty although columns to their right have one.
    BlankHeader {
        /// 1-based positions.
        positions: Vec<usize>,
    },
    /// A date after the day the check ran.
    FutureDate {
        /// The date as written.
        raw: String,
    },
    /// Personal data in a published field (masked; the value is not repeated).
    PersonalData {
        /// What was found ("een BSN", …).
        what: &'static str,
    },
    /// A required value is empty.
    EmptyRequired,
    /// A date that cannot be read or does not exist.
    BadDate {
        /// The cell as written.
        raw: String,
        /// An extra hint (e.g. the date an Excel serial number stands for).
        hint: Option<String>,
    },
    /// A value outside a closed list.
    UnknownValue {
        /// The column's list (the page offers the mapping into `[waarden.<kolom>]`).
        kolom: super::Kolom,
        /// The cell as written.
        raw: String,
        /// The allowed labels.
        allowed: Vec<String>,
    },
    /// A category or cluster not in the configured vocabulary (kept as its own row).
    NotInVocabulary {
        /// The column (categorie or cluster).
        kolom: super::Kolom,
        /// The value.
        raw: String,
    },
    /// An open-list label longer than a table row can show ([`MAX_LABEL_CHARS`]).
    LongLabel {
        /// The value.
        raw: String,
        /// Its length in characters.
        length: usize,
    },
    /// A category named twice in one complaint (counted once).
    DuplicateCategory {
        /// The category.
        raw: String,
    },
    /// The klachtnummer occurs before.
    DuplicateId {
        /// The id.
        id: String,
        /// Where it occurred first.
        first: Box<Location>,
    },
    /// In a register with one row per deelklacht: a complaint-level cell that differs from
    /// the same complaint's earlier rows.
    DeelklachtConflict {
        /// The klachtnummer.
        id: String,
        /// The complaint's earlier rows: rij, with the file's name when it is another file.
        rijen: Vec<(Option<String>, u32)>,
        /// The value on those rows.
        eerder: String,
        /// The value on this row.
        hier: String,
    },
    /// Category missing on a complaint in procedure (counted as "Onbekend").
    MissingCategory,
    /// A closing date before the receipt date.
    EndBeforeStart {
        /// Receipt date as text.
        start: String,
        /// Closing date as text.
        end: String,
    },
    /// A first-contact date before the receipt date.
    ContactBeforeReceipt {
        /// Receipt date as text.
        start: String,
        /// First-contact date as text.
        contact: String,
    },
    /// Spellings of an open-list label counted as one.
    Merged {
        /// The label the report uses.
        label: String,
        /// The spellings with their rows.
        spellings: Vec<(String, u64)>,
    },
    /// Labels of one open-list column that differ only in spaces or punctuation between
    /// letters ("Behandel technisch", "Behandeltechnisch"): kept as rows of their own, since
    /// they may mean different things, but worth an alias when they do not.
    NearlySame {
        /// The column's contract name (categorie, cluster, …).
        kolom: &'static str,
        /// The labels with their rows, the suggested name first.
        labels: Vec<(String, u64)>,
        /// An alias can be configured (`[[categorie]]`, `[[cluster]]`).
        alias: bool,
    },
    /// A CSV row with more filled fields than the header has columns.
    TooManyFields {
        /// Fields up to the last filled one.
        found: u32,
        /// Columns of the header.
        expected: u32,
        /// The file's field separator.
        delimiter: char,
    },
    /// A CSV row with fewer fields than the header has columns.
    TooFewFields {
        /// Fields in the row.
        found: u32,
        /// Columns of the header.
        expected: u32,
        /// The headers of the columns the row lacks.
        missing: Vec<String>,
    },
    /// A CSV line that was not UTF-8 in a file that otherwise is, read as Windows-1252.
    NotUtf8,
    /// The header is not on the first rij (title lines above it are skipped).
    HeaderBelowTop {
        /// The header's rij.
        row: u32,
    },
    /// A file with a header but no rows.
    NoRows,
    /// A text with characters no embedded font can show (a placeholder in the PDF only).
    Unprintable {
        /// The config key, for a config text.
        sleutel: Option<String>,
        /// The text.
        raw: String,
        /// The characters replaced.
        chars: String,
        /// Other rows with the same value.
        other_rows: usize,
    },
    /// A date before 2000: read, but likely a typo in the year.
    EarlyDate {
        /// The cell as written.
        raw: String,
    },
    /// A row with values only outside the contract's columns.
    OnlyOutsideColumns,
    /// An Excel error value (`#N/B`, `#DEEL/0!`, …) in a cell; it counts as empty.
    ExcelError {
        /// The error value.
        value: String,
    },
    /// A formula whose result was not saved; it counts as empty.
    FormulaWithoutValue,
    /// Merged cells: the top-left value holds for every row of the area.
    MergedCells {
        /// The area's first and last rij.
        first_row: u32,
        /// The area's last rij.
        last_row: u32,
        /// The value, shortened.
        value: String,
    },
}

/// One problem found in a register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Where.
    pub at: Location,
    /// What.
    pub kind: IssueKind,
    /// How bad.
    pub severity: Severity,
}

/// Open-list labels (cluster, category, …) longer than this get a warning: a label is a row
/// of a table, and a cell this long is usually a description pasted in the wrong column.
pub const MAX_LABEL_CHARS: usize = 200;

/// The longest label the PDF prints; longer ones are cut with "…" (the JSON and XLSX keep
/// them). A PDF/A string holds at most 32,767 characters, and a longer label helps no reader.
pub const MAX_LABEL_SHOWN: usize = 300;

/// How many headers a "verplichte kolom ontbreekt" names before "en nog N".
const MAX_HEADERS_SHOWN: usize = 30;

/// Shortens a cell value for a message, so that one huge cell cannot flood the terminal.
pub fn shorten(raw: &str) -> String {
    const MAX: usize = 40;
    let raw = raw.trim();
    if raw.chars().count() <= MAX {
        raw.to_string()
    } else {
        let cut: String = raw.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// "'A' en 'B' → 'B' (14 rijen)": spellings counted as one label, for messages and the
/// report's Datakwaliteit section.
pub fn merge_text(label: &str, spellings: &[(String, u64)]) -> String {
    let names: Vec<String> = spellings
        .iter()
        .map(|(s, _)| format!("'{}'", shorten(s)))
        .collect();
    let rows: u64 = spellings.iter().map(|(_, n)| n).sum();
    let joined = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} en {last}", rest.join(", ")),
        _ => names.join(""),
    };
    format!(
        "{joined} → '{}' ({rows} {})",
        shorten(label),
        if rows == 1 { "rij" } else { "rijen" }
    )
}

impl IssueKind {
    /// A warning that says how a value is counted ("telt als Onbekend", "wordt als eigen rij
    /// geteld", "telt één keer", what the PDF shows of a long label). A row with an error is not
    /// counted at all, so for that row these warnings are left out: they would contradict its
    /// "telt niet mee". Warnings about the file (its shape, its encoding, Excel's cells), about
    /// personal data and about implausible dates stay, since they matter whether the row counts
    /// or not.
    pub fn about_counting(&self) -> bool {
        matches!(
            self,
            IssueKind::UnknownValue { .. }
                | IssueKind::NotInVocabulary { .. }
                | IssueKind::MissingCategory
                | IssueKind::DuplicateCategory { .. }
                | IssueKind::LongLabel { .. }
        )
    }
}

impl fmt::Display for IssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IssueKind::MissingColumn {
                name,
                found,
                suggestion,
            } => {
                // A file whose header row is a row of data (or a pasted text) has long and
                // many "headers": each is shortened, and at most MAX_HEADERS_SHOWN are named.
                let mut shown: Vec<String> = found
                    .iter()
                    .take(MAX_HEADERS_SHOWN)
                    .map(|h| shorten(h))
                    .collect();
                if found.len() > MAX_HEADERS_SHOWN {
                    shown.push(format!("en nog {}", found.len() - MAX_HEADERS_SHOWN));
                }
                write!(
                    f,
                    "verplichte kolom {name} ontbreekt (gevonden kolommen: {})",
                    if found.is_empty() {
                        "geen".to_string()
                    } else {
                        shown.join(", ")
                    }
                )?;
                if let Some(s) = suggestion {
                    write!(
                        f,
                        "; bedoelt u \"{s}\"? Koppel die dan in de configuratie onder [kolommen]: {name} = \"{s}\""
                    )?;
                }
                Ok(())
            }
            IssueKind::DuplicateColumn { name, positions } => {
                let pos: Vec<String> = positions.iter().map(|p| p.to_string()).collect();
                write!(
                    f,
                    "kolom {name} komt meer dan eens voor (kolomnummers {}); alleen de eerste wordt gebruikt",
                    pos.join(" en ")
                )
            }
            IssueKind::BlankHeader { positions } => {
                let pos: Vec<String> = positions.iter().map(|p| p.to_string()).collect();
                write!(
                    f,
                    "{} {} geen kop; de inhoud wordt niet gelezen (geef de kolom een naam als die meetelt)",
                    if positions.len() == 1 {
                        "kolom"
                    } else {
                        "kolommen"
                    },
                    if positions.len() == 1 {
                        format!("{} heeft", pos[0])
                    } else {
                        format!("{} hebben", pos.join(", "))
                    }
                )
            }
            IssueKind::FutureDate { raw } => {
                write!(f, "datum {} ligt in de toekomst", shorten(raw))
            }
            IssueKind::PersonalData { what } => write!(
                f,
                "bevat {what}; dit veld komt in het verslag, dus het is daar vervangen door {}. Haal het uit het register",
                super::privacy::MASK
            ),
            IssueKind::EmptyRequired => write!(f, "verplichte waarde ontbreekt"),
            IssueKind::BadDate { raw, hint } => {
                write!(
                    f,
                    "\"{}\" is geen geldige datum (verwacht dd-mm-jjjj of jjjj-mm-dd)",
                    shorten(raw)
                )?;
                if let Some(h) = hint {
                    write!(f, "; {h}")?;
                }
                Ok(())
            }
            IssueKind::UnknownValue { raw, allowed, .. } => write!(
                f,
                "onbekende waarde \"{}\", telt als Onbekend (verwacht een van: {}; of voeg een alias toe in de configuratie onder [waarden])",
                shorten(raw),
                allowed.join(", ")
            ),
            IssueKind::LongLabel { raw, length } => write!(
                f,
                "\"{}\" is {length} tekens lang; klopt de kolom? Het verslag toont er hoogstens {MAX_LABEL_SHOWN} tekens van, de cijfers (JSON) en tabellen (XLSX) houden het heel",
                shorten(raw)
            ),
            IssueKind::NotInVocabulary { raw, .. } => write!(
                f,
                "\"{}\" staat niet in de lijst uit de configuratie; wordt als eigen rij geteld",
                shorten(raw)
            ),
            IssueKind::DuplicateCategory { raw } => write!(
                f,
                "categorie \"{}\" staat dubbel bij deze klacht; telt één keer",
                shorten(raw)
            ),
            IssueKind::DuplicateId { id, first } => write!(
                f,
                "klachtnummer \"{}\" komt al voor in {first}",
                shorten(id)
            ),
            IssueKind::DeelklachtConflict {
                id,
                rijen,
                eerder,
                hier,
            } => {
                let named: Vec<String> = rijen
                    .iter()
                    .map(|(file, row)| match file {
                        Some(file) => format!("{file} rij {row}"),
                        None => format!("rij {row}"),
                    })
                    .collect();
                let named = match named.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} en {last}", rest.join(", "))
                    }
                    _ => named.join(""),
                };
                write!(
                    f,
                    "klacht \"{}\" staat ook op {named} met \"{}\", hier met \"{}\"; alle rijen van één klacht moeten in deze kolom hetzelfde hebben (of leeg zijn). De rij telt niet mee",
                    shorten(id),
                    shorten(eerder),
                    shorten(hier)
                )
            }
            IssueKind::MissingCategory => write!(
                f,
                "geen categorie bij een klacht in behandeling; telt als deelklacht Onbekend"
            ),
            IssueKind::EndBeforeStart { start, end } => write!(
                f,
                "datum afgehandeld {end} ligt voor datum ontvangst {start}"
            ),
            IssueKind::ContactBeforeReceipt { start, contact } => write!(
                f,
                "datum eerste contact {contact} ligt voor datum ontvangst {start}; controleer beide datums"
            ),
            IssueKind::Merged { label, spellings } => write!(
                f,
                "samengevoegd: {}; staan ze niet voor hetzelfde, schrijf ze dan met andere letters of cijfers",
                merge_text(label, spellings)
            ),
            IssueKind::TooManyFields {
                found,
                expected,
                delimiter,
            } => {
                let sep = match delimiter {
                    '\t' => "tab".to_string(),
                    d => format!("'{d}'"),
                };
                write!(
                    f,
                    "rij heeft {found} velden, de kop {expected}: waarschijnlijk staat er een {sep} in een veld zonder aanhalingstekens, waardoor alle kolommen erna verschuiven; zet dat veld tussen aanhalingstekens (\"…\") of haal het teken weg. De rij telt niet mee"
                )
            }
            IssueKind::TooFewFields {
                found,
                expected,
                missing,
            } => write!(
                f,
                "rij heeft {found} velden, de kop {expected}; leeg gelaten: {}",
                if missing.is_empty() {
                    "alleen kolommen zonder kop".to_string()
                } else {
                    missing
                        .iter()
                        .map(|m| shorten(m))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            ),
            IssueKind::NotUtf8 => write!(
                f,
                "deze regel is geen UTF-8 zoals de rest van het bestand en is gelezen als Windows-1252 (ANSI); controleer letters als ë en é, of sla het register opnieuw op als CSV (UTF-8)"
            ),
            IssueKind::HeaderBelowTop { row } => write!(
                f,
                "de kop staat op rij {row}; {} erboven {} overgeslagen (titelregels). De rijnummers in de meldingen zijn die van Excel",
                if *row == 2 {
                    "rij 1".to_string()
                } else {
                    format!("rij 1 tot en met {}", row - 1)
                },
                if *row == 2 { "is" } else { "zijn" }
            ),
            IssueKind::NoRows => write!(
                f,
                "het bestand heeft een kop maar geen rijen: er zijn geen klachten om te tellen"
            ),
            IssueKind::Unprintable {
                sleutel,
                raw,
                chars,
                other_rows,
            } => {
                if let Some(k) = sleutel {
                    write!(f, "{k}: ")?;
                }
                write!(
                    f,
                    "\"{}\" bevat tekens die geen lettertype van het verslag kan tonen ({}); in de PDF staat daar □",
                    shorten(raw),
                    shorten(chars)
                )?;
                if *other_rows > 0 {
                    write!(
                        f,
                        " (ook in {other_rows} andere {})",
                        if *other_rows == 1 { "rij" } else { "rijen" }
                    )?;
                }
                write!(f, "; de JSON en de XLSX houden de tekst zoals die is")
            }
            IssueKind::EarlyDate { raw } => {
                write!(f, "datum {raw} ligt voor 2000; klopt het jaartal?")
            }
            IssueKind::OnlyOutsideColumns => write!(
                f,
                "rij heeft alleen gegevens buiten de klachtkolommen; telt niet mee als klacht"
            ),
            IssueKind::ExcelError { value } => {
                write!(f, "Excel-foutwaarde {value} in de cel; telt als leeg")
            }
            IssueKind::FormulaWithoutValue => write!(
                f,
                "formule zonder opgeslagen uitkomst; telt als leeg. Open het bestand in Excel, laat het herberekenen en sla het opnieuw op"
            ),
            IssueKind::MergedCells {
                first_row,
                last_row,
                value,
            } => write!(
                f,
                "samengevoegde cellen (rij {first_row} t/m {last_row}); de waarde \"{value}\" geldt voor elke rij in dat gebied"
            ),
            IssueKind::NearlySame {
                kolom,
                labels,
                alias,
            } => {
                let names: Vec<String> = labels
                    .iter()
                    .map(|(l, n)| {
                        format!(
                            "'{}' ({n} {})",
                            shorten(l),
                            if *n == 1 { "rij" } else { "rijen" }
                        )
                    })
                    .collect();
                let joined = match names.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} en {last}", rest.join(", "))
                    }
                    _ => names.join(""),
                };
                write!(
                    f,
                    "bijna gelijk: {joined} verschillen alleen in spaties of leestekens en tellen als {} aparte rijen; ",
                    labels.len()
                )?;
                let eerste = labels.first().map(|(l, _)| l.as_str()).unwrap_or_default();
                let rest: Vec<String> = labels[1.min(labels.len())..]
                    .iter()
                    .map(|(l, _)| format!("\"{l}\""))
                    .collect();
                match alias {
                    true => write!(
                        f,
                        "bedoelen ze hetzelfde, voeg dan een alias toe: [[{kolom}]] naam = \"{eerste}\", aliassen = [{}]",
                        rest.join(", ")
                    ),
                    false => write!(
                        f,
                        "bedoelen ze hetzelfde, schrijf ze dan in het register op dezelfde manier"
                    ),
                }
            }
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Fout => "fout",
            Severity::Waarschuwing => "waarschuwing",
        };
        write!(f, "{label}: {}: {}", self.at, self.kind)
    }
}

/// Output plus everything that was wrong with the input.
#[derive(Debug, Clone)]
pub struct Checked<T> {
    /// The value, built from the rows that could be read.
    pub value: T,
    /// Every problem, in file and row order.
    pub issues: Vec<Issue>,
}

impl<T> Checked<T> {
    /// An error without a row: a whole file could not be used (a required column is missing),
    /// so no report can be made until it is fixed.
    pub fn file_error(&self) -> bool {
        self.issues
            .iter()
            .any(|i| i.severity == Severity::Fout && i.at.row.is_none())
    }

    /// Number of issues of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.issues
            .iter()
            .filter(|i| i.severity == severity)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_file_row_and_column() {
        let issue = Issue {
            at: Location {
                file: PathBuf::from("/tmp/x/register.csv"),
                sheet: None,
                row: Some(14),
                column: Some("Datum ontvangst".into()),
            },
            kind: IssueKind::BadDate {
                raw: "31-02-2024".into(),
                hint: None,
            },
            severity: Severity::Fout,
        };
        assert_eq!(
            issue.to_string(),
            "fout: register.csv, rij 14, kolom Datum ontvangst: \"31-02-2024\" is geen geldige datum (verwacht dd-mm-jjjj of jjjj-mm-dd)"
        );
    }

    #[test]
    fn long_values_are_shortened() {
        let long = "x".repeat(500);
        let s = shorten(&long);
        assert_eq!(s.chars().count(), 41);
        assert!(s.ends_with('…'));
    }
}
