//! Program failures: the run cannot go on (unreadable file, broken config, template bug).
//!
//! Problems *in the register data* are not errors but [`crate::register::Issue`] values,
//! collected and reported together. Every message here is Dutch and follows the house
//! pattern: where, then what, lowercase, no final period.

use std::path::PathBuf;

/// Result alias for the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error and its causes, outermost first: how `main` prints "fout: … / oorzaak: …" and how
/// a batch lists a failed unit on one line.
pub fn causes(e: &(dyn std::error::Error + 'static)) -> Vec<String> {
    let mut out = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        out.push(s.to_string());
        source = s.source();
    }
    out
}

/// Everything that stops a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened or read.
    #[error("kan {} niet lezen", .path.display())]
    Read {
        /// The file as the user named it (messages show it as given).
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("kan {} niet schrijven", .path.display())]
    Write {
        /// The file as the user named it (messages show it as given).
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a register we can read (binary, unknown extension, empty).
    #[error("{}: {reason}", .path.display())]
    Unreadable {
        /// The file as the user named it (messages show it as given).
        path: PathBuf,
        /// Dutch explanation.
        reason: String,
    },
    /// The configuration file is invalid.
    #[error("{}: {message}", .path.display())]
    Config {
        /// The config file.
        path: PathBuf,
        /// Dutch explanation, with the key named.
        message: String,
    },
    /// An XLSX file in which no single sheet is the register; the front end says how to choose
    /// one (the command line: `--blad`).
    #[error("{}: {reason}; kies er een", .path.display())]
    Werkblad {
        /// The file as the user named it.
        path: PathBuf,
        /// Dutch explanation, with the sheets.
        reason: String,
    },
    /// A batch asked to split by a column it cannot split by; the front end names its own
    /// control (the command line: `--per`).
    #[error("\"{kolom}\" kan niet: {reden}")]
    PerKolom {
        /// The column as asked for.
        kolom: String,
        /// Dutch explanation (`kies een van zorgaanbieder, cluster, …`).
        reden: String,
    },
    /// The logo is not an image the report can show ([`crate::report::logo_controleren`]).
    #[error("{}{message}", .path.as_ref().map(|p| format!("{}: ", p.display())).unwrap_or_default())]
    Logo {
        /// The logo file, when it is one on disk (`[organisatie] logo`).
        path: Option<PathBuf>,
        /// Dutch explanation.
        message: String,
    },
    /// Invalid combination of arguments or settings.
    #[error("{0}")]
    Usage(String),
    /// A checklist of the Verantwoording (embedded, or from `--sjablonen`) is invalid.
    #[error("{file}: {}{message}", .line.map(|l| format!("regel {l}: ")).unwrap_or_default())]
    Checklist {
        /// The checklist file, as `verantwoording/<regime>.toml`.
        file: String,
        /// The line the problem is on, when the TOML parser names one.
        line: Option<usize>,
        /// Dutch explanation.
        message: String,
    },
    /// The web page's server could not start or stopped with an error.
    #[error("{what}")]
    Server {
        /// What the server was doing, in Dutch (`kan niet luisteren op 127.0.0.1:8080`).
        what: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A ZIP of reports could not be made.
    #[error("kan de ZIP niet maken")]
    Zip {
        /// Why.
        #[source]
        source: zip::result::ZipError,
    },
    /// The batch's worker threads could not be started.
    #[error("kan geen werkthreads starten")]
    Threads {
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A bug on our side: a worker panicked. The message says what to do.
    #[error("interne fout: {what}")]
    Internal {
        /// What stopped, and what the user can do.
        what: String,
    },
    /// An export could not be produced.
    #[error("interne fout bij het maken van {what}: {message}")]
    Export {
        /// Which output.
        what: &'static str,
        /// Why.
        message: String,
    },
    /// A template failed to render (a bug on our side, or in a user's override).
    #[error("fout in sjabloon {file}: {message}")]
    Template {
        /// Template file.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// Typst could not compile the report (a bug in our template, or in an override).
    #[error("interne fout in sjabloon {file}: {message}")]
    Typst {
        /// Template file.
        file: String,
        /// Typst's message.
        message: String,
    },
}
