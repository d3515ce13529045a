//! klachtverslag: from a complaints register (klachtenregister) to the annual complaints
//! report (jaarverslag klachten) of a Dutch care provider.
//!
//! # Architecture: one folder per pipeline stage
//!
//! ```text
//! register files ──register::load──▶ Checked<Register> ──stats::compute──▶ Figures
//!   (register::ReadOptions)                               (stats::Options)     │
//!                         ┌──────────────────────────┬──────────────────────┤
//!                  export::json::to_json     report::render_pdf      export::xlsx::to_xlsx
//!                         │                  (report::Options)              │
//!                   cijfers-JJJJ.json        jaarverslag-JJJJ.pdf    tabellen-JJJJ.xlsx
//! ```
//!
//! Dependencies run one way: `cli`/`web` → `prepare`, `batch` → `verslag` → `doelen` →
//! `settings` → `report`, `export`, `verantwoording` → `stats` → `register` → `error`; `nl`, `teksten` and `profiel`
//! are leaves.
//!
//! - [`register`] reads CSV/XLSX, matches headers, checks every cell. Data problems are
//!   [`register::Issue`] values; rows with an error are listed, never silently dropped.
//! - [`stats`] counts into one [`stats::Figures`]: the single source of every number in every
//!   output; key figures are typed ([`stats::Kerngetal`]).
//! - [`report`] and [`export`] turn `Figures` into bytes. [`settings`] resolves the config and
//!   the flags into each stage's options; [`prepare`] is the start both front ends share.
//!   Only [`cli`] and [`web`] print or write; [`batch`] hands each unit's report to them.
//! - [`verantwoording`] holds the report against the checklists of the law (Jeugdwet, Wkkgz,
//!   Wmo): which expected parts it covers, and which are missing.
//! - [`doelen`] turns last year's plans into this year's goals with what came of them (the
//!   chapter *Doelen JJJJ en resultaat*).
//! - [`herkomst`] records where a report comes from (colofon, `manifest.json`); [`genereer`]
//!   makes synthetic registers for demos and benchmarks.
//!
//! # Glossary
//! - *klacht*: one klager's complaint, one register row (or, with `[register] rij =
//!   "deelklacht"`, the rows that share a klachtnummer).
//! - *deelklacht*: one category of a complaint; a complaint with two categories is two
//!   deelklachten. With one row per deelklacht each row is one, with its own oordeel, and a
//!   category may come back within one complaint.
//! - *klager*: who complained (cliënt, verwant, …).
//! - *instroom*: how a received row entered: in behandeling, niet ontvankelijk, melding.
//! - *in behandeling / in procedure*: rows whose afhandeling is not Melding or Niet
//!   ontvankelijk; every breakdown but instroom counts only these.
//! - *doorlooptijd*: datum_afgehandeld − datum_ontvangst in calendar days.
//! - *kerngetallen*: the key figures of the year.
//! - *rij*, *kolom*, *blad*: row (as Excel shows it), column (header as written), sheet.
//!
//! # Naming
//! Everything a person reads (command-line help and messages, the report, the page) is Dutch.
//! Code and comments are English, except the domain nouns: they keep the Dutch word of the
//! contract and of the people who keep the register (`Klacht`, `Deelklacht`, `Klager`,
//! `Doorlooptijd`, `Kerngetal`, `Eenheid`, `Periode`, `Verantwoording`, `Herkomst`), because a
//! translation would be a second vocabulary to map, and the mapping is where bugs hide.
//! Mechanics are English (`load`, `check`, `compute`, `render`, `Row`, `Table`, `Sink`). Where
//! the JSON contract has a Dutch field name and the Rust name differs, serde renames it. One
//! name names one type in the whole crate.

#![warn(missing_docs)]

pub mod batch;
pub mod cli;
pub mod config_edit;
pub mod doelen;
pub mod error;
pub mod export;
pub mod genereer;
pub mod herkomst;
pub mod nl;
pub mod prepare;
pub mod profiel;
pub mod register;
pub mod report;
pub mod settings;
pub mod stats;
pub mod teksten;
pub mod verantwoording;
pub mod verslag;
pub mod web;
