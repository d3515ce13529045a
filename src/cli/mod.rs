//! The command line: argument parsing (clap), one module per subcommand, and the only place
//! that prints or writes files. Shared helpers (loading, messages, atomic writes) live here.
//!
//! Exit codes (ripgrep's convention, as the contract asks): 0 clean or warnings only,
//! 1 errors in the data, 2 a fatal error (returned as `Err` to `main`).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand};

use crate::error::{Error, Result};
use crate::register::{Checked, Issue, Register, Severity};
use crate::settings::Settings;
use crate::stats;

mod controleer;
mod genereer;
mod per;
mod schrijf;
mod verslag;
mod web;

/// The subcommands, as the usage messages name them.
const OPDRACHTEN: &str = "verslag, controleer, genereer of web";

/// How many problems are printed before "en nog N meldingen".
const MAX_PRINTED: usize = 50;

const HELP_TEMPLATE: &str =
    "{before-help}{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}";

/// Van klachtenregister naar jaarverslag klachten.
#[derive(Debug, Parser)]
#[command(
    name = "klachtverslag",
    version,
    about = "Maakt van een klachtenregister (CSV of XLSX) het jaarverslag klachten: PDF, cijfers (JSON) en tabellen.",
    help_template = HELP_TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Opdrachten",
    subcommand_value_name = "OPDRACHT",
    after_help = "Voorbeelden:\n  klachtverslag verslag --register register.csv --jaar 2024 --uit verslag\n  klachtverslag verslag --register register.csv --periode 2024-Q3 --uit kwartaal\n  klachtverslag verslag --register register.csv --per cluster --uit per-cluster\n  klachtverslag controleer --register register.xlsx\n  klachtverslag web --open"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Toon deze hulp
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help_heading = "Opties")]
    help: Option<bool>,
    /// Toon de versie
    #[arg(short = 'V', long = "versie", action = ArgAction::Version, help_heading = "Opties")]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Maak het jaarverslag (of met --periode een kwartaalrapportage): PDF, cijfers (JSON) en tabellen (XLSX)
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "klachtverslag verslag --register <BESTAND>... --uit <MAP> [OPTIES]"
    )]
    Verslag(verslag::VerslagArgs),
    /// Controleer het register en meld elk probleem met bestand, rij en kolom
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "klachtverslag controleer --register <BESTAND>... [OPTIES]"
    )]
    Controleer(InputArgs),
    /// Maak een verzonnen klachtenregister (voor demo's en metingen), herhaalbaar met --zaad
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "klachtverslag genereer --uit <BESTAND> [OPTIES]"
    )]
    Genereer(genereer::GenereerArgs),
    /// Start de webpagina: het verslag maken in de browser, zonder terminal (alleen op deze computer)
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "klachtverslag web [--poort <N>] [--open]"
    )]
    Web(web::WebArgs),
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Opties")]
pub(crate) struct InputArgs {
    /// Klachtenregister(s): CSV of XLSX; meerdere bestanden worden samengevoegd
    #[arg(long, value_name = "BESTAND", num_args = 1.., required = true)]
    pub(crate) register: Vec<PathBuf>,
    /// Configuratiebestand (TOML): organisatie, kolomnamen, categorieën, teksten
    #[arg(long, value_name = "BESTAND")]
    pub(crate) config: Option<PathBuf>,
    /// Werkblad in een XLSX-bestand (standaard: het blad met de klachtkolommen)
    #[arg(long, value_name = "NAAM")]
    pub(crate) blad: Option<String>,
}

/// A Dutch explanation from one of our value parsers, shown after clap's "ongeldige waarde".
#[derive(Debug)]
pub(crate) struct Explanation(pub String);

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Explanation {}

/// Parses the arguments and runs the subcommand. `Err` is a fatal error (exit 2).
pub fn run(args: impl IntoIterator<Item = OsString>) -> Result<ExitCode> {
    let args: Vec<OsString> = args.into_iter().collect();
    // Typst lays out pages in parallel on rayon's global pool and recurses deeply; its
    // threads' default 2 MiB of stack can overflow on a long report. 64 MiB is virtual: only
    // what is touched is used. (An error means the pool exists already, e.g. in the tests.)
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(64 * 1024 * 1024)
        .build_global();
    // No arguments is what a double-click gives: the page, in the browser.
    if args.len() <= 1 {
        return Ok(start_without_command());
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return Ok(usage_error(&e)),
    };
    // The page serves for hours: its phases are not collected.
    let profiel = std::env::var_os("KLACHTVERSLAG_PROFIEL").is_some_and(|v| v == "1")
        && !matches!(cli.command, Command::Web(_));
    if profiel {
        crate::profiel::enable();
    }
    let result = match cli.command {
        Command::Verslag(args) => verslag::run(&args),
        Command::Controleer(args) => controleer::run(&args),
        Command::Genereer(args) => genereer::run(&args),
        Command::Web(args) => web::run(&args),
    };
    for meting in crate::profiel::take() {
        eprintln!("{meting}");
    }
    result
}

/// Prints a fatal error as "fout: …" and one "  oorzaak: …" line per source.
pub fn print_error(e: &Error) {
    for (i, line) in crate::error::causes(e).iter().enumerate() {
        if i == 0 {
            eprintln!("fout: {line}");
        } else {
            eprintln!("  oorzaak: {line}");
        }
    }
}

/// The start without a command (a double-click in Windows Explorer or a file manager): the web
/// page on a free port, opened in the default browser, until the window is closed. The console
/// window a double-click opens closes when the program ends, so a failure waits for Enter before
/// it ends, where a person can press it.
fn start_without_command() -> ExitCode {
    match web::run(&web::WebArgs::double_click()) {
        Ok(code) => code,
        Err(e) => {
            print_error(&e);
            if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                eprintln!("Druk op Enter om dit venster te sluiten.");
                let _ = std::io::stdin().read_line(&mut String::new());
            }
            ExitCode::from(2)
        }
    }
}

/// clap's own messages are English; the common ones are said in Dutch here.
fn usage_error(e: &clap::Error) -> ExitCode {
    let ctx = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let msg = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            format!("geef een opdracht: {OPDRACHTEN} (zonder iets erachter start de webpagina)")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("ontbrekend argument: {}", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::UnknownArgument => format!("onbekende optie {}", ctx(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => format!(
            "onbekende opdracht {} (kies {OPDRACHTEN})",
            ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut msg = format!(
                "ongeldige waarde \"{}\" voor {}",
                ctx(ContextKind::InvalidValue),
                ctx(ContextKind::InvalidArg)
            );
            // Our own value parsers explain in Dutch; clap's built-in ones in English (left out).
            if let Some(why) =
                std::error::Error::source(e).and_then(|w| w.downcast_ref::<Explanation>())
            {
                msg = format!("{msg}: {why}");
            }
            msg
        }
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => {
            format!(
                "verkeerd aantal waarden voor {}",
                ctx(ContextKind::InvalidArg)
            )
        }
        ErrorKind::ArgumentConflict => format!(
            "{} gaat niet samen met {}",
            ctx(ContextKind::InvalidArg),
            ctx(ContextKind::PriorArg)
        ),
        _ => "ongeldige aanroep".to_string(),
    };
    eprintln!("fout: {msg}\nZie 'klachtverslag --help' voor de opties.");
    ExitCode::from(2)
}

/// The shared start ([`crate::prepare::prepare`]) on the register and config files the
/// arguments name; `sjablonen` and `beknopt` are `verslag`'s.
fn load(
    args: &InputArgs,
    sjablonen: Option<&Path>,
    beknopt: bool,
) -> Result<(Settings, Checked<Register>)> {
    let flags = crate::settings::Flags {
        blad: args.blad.clone(),
        sjablonen: sjablonen.map(Path::to_path_buf),
        vandaag: crate::settings::today(),
        beknopt,
    };
    let config = match &args.config {
        Some(path) => crate::settings::ConfigBron::Bestand(path),
        None => crate::settings::ConfigBron::Geen,
    };
    let p = crate::prepare::prepare(
        crate::prepare::Registers::Paden(&args.register),
        &config,
        &flags,
    )
    // The library says "kies er een"; the command line says how.
    .map_err(|e| match e {
        Error::Werkblad { path, reason } => Error::Usage(format!(
            "{}: {reason}; kies er een met --blad",
            path.display()
        )),
        e => e,
    })?;
    Ok((p.settings, p.checked))
}

/// Prints the issues (capped) to stderr.
fn print_issues(issues: &[Issue]) {
    let mut err = std::io::stderr().lock();
    for issue in issues.iter().take(MAX_PRINTED) {
        let _ = writeln!(err, "{issue}");
    }
    if issues.len() > MAX_PRINTED {
        let _ = writeln!(
            err,
            "… en nog {} meldingen (los eerst de bovenstaande op, of draai 'controleer' opnieuw)",
            issues.len() - MAX_PRINTED
        );
    }
}

/// The published counts between 1 and k−1, so the user can decide on a public version: listed
/// (capped) by `controleer`, one line with the count and the way to the list after a report.
fn print_small_cells(figures: &stats::Figures, k: u32, list: bool) {
    let small = stats::privacy::small_cells(figures, k);
    if small.is_empty() {
        return;
    }
    let cellen = if small.len() == 1 { "cel" } else { "cellen" };
    if !list {
        eprintln!(
            "kleine aantallen: {} {cellen} in {} een aantal van 1 tot en met {}; gebruik --publiek voor een openbare versie, of 'klachtverslag controleer' voor de lijst",
            small.len(),
            figures.periode.naam(),
            k - 1
        );
        return;
    }
    eprintln!(
        "kleine aantallen: {} {cellen} in {} een aantal van 1 tot en met {} (gebruik --publiek voor een openbare versie):",
        small.len(),
        figures.periode.naam(),
        k - 1
    );
    for c in small.iter().take(20) {
        eprintln!("  {c}");
    }
    if small.len() > 20 {
        eprintln!("  … en nog {}", small.len() - 20);
    }
}
