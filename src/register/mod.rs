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
mod dates;
pub mod headers;
pub mod issue;
pub mod klachtnummers;
mod label;
mod loader;
mod model;
pub mod normalize;
mod options;
pub mod privacy;
mod records;
mod rows;
mod summary;
pub mod xlsx;

pub use closed::{
    Afhandeling, Closed, Kanaal, Klager, Oordeel, Regeling, Soort, Tevredenheid, Zorgrelatie,
};
pub use dates::{excel_serial_to_date, parse_date};
pub use headers::{HeaderMap, HeaderRules, Kolom, detect_header};
pub use issue::{Checked, Issue, IssueKind, Location, Severity};
pub use label::{Label, LabelList};
pub use loader::{Loader, file_name, load, read_bytes, sha256_hex};
pub use model::{Bron, Deelklacht, Excluded, Instroom, Klacht, Register, RijPer, Samenvoeging};
pub use options::{ReadOptions, Term, Vocabulary};
pub use rows::{Collect, DuplicateCheck, RawRow, RawTable, RowSink, RowView};
