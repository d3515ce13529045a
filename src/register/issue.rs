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
            write!(f, ", blad \"{sheet}\"")?;
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
        /// The cell as written.
        raw: String,
        /// The allowed labels.
        allowed: Vec<String>,
    },
    /// A category or cluster not in the configured vocabulary (kept as its own row).
    NotInVocabulary {
        /// The value.
        raw: String,
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
    /// Category missing on a complaint in procedure (counted as "Onbekend").
    MissingCategory,
    /// A closing date before the receipt date.
    EndBeforeStart {
        /// Receipt date as text.
        start: String,
        /// Closing date as text.
        end: String,
    },
    /// A row has more cells than there are headers, or is otherwise malformed.
    Malformed {
        /// Dutch explanation.
        reason: String,
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

impl fmt::Display for IssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IssueKind::MissingColumn {
                name,
                found,
                suggestion,
            } => {
                write!(
                    f,
                    "verplichte kolom {name} ontbreekt (gevonden kolommen: {})",
                    if found.is_empty() {
                        "geen".to_string()
                    } else {
                        found.join(", ")
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
            IssueKind::UnknownValue { raw, allowed } => write!(
                f,
                "onbekende waarde \"{}\", telt als Onbekend (verwacht een van: {}; of voeg een alias toe in de configuratie onder [waarden])",
                shorten(raw),
                allowed.join(", ")
            ),
            IssueKind::NotInVocabulary { raw } => write!(
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
            IssueKind::MissingCategory => write!(
                f,
                "geen categorie bij een klacht in behandeling; telt als deelklacht Onbekend"
            ),
            IssueKind::EndBeforeStart { start, end } => write!(
                f,
                "datum afgehandeld {end} ligt voor datum ontvangst {start}"
            ),
            IssueKind::Malformed { reason } => write!(f, "{reason}"),
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
#[derive(Debug)]
pub struct Checked<T> {
    /// The value, built from the rows that could be read.
    pub value: T,
    /// Every problem, in file and row order.
    pub issues: Vec<Issue>,
}

impl<T> Checked<T> {
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
