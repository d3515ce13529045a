//! `klachtverslag web`: the arguments of the page's server, handed to [`crate::web`] as plain
//! options.

use std::net::IpAddr;
use std::process::ExitCode;

use clap::Args;

use crate::error::Result;

#[derive(Debug, Args)]
#[command(next_help_heading = "Opties")]
pub(crate) struct WebArgs {
    /// Poort (standaard: een vrije poort)
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub(crate) poort: u16,
    /// Open de pagina in de standaardbrowser
    #[arg(long)]
    pub(crate) open: bool,
    /// Adres om op te luisteren (standaard 127.0.0.1: alleen deze computer)
    #[arg(
        long,
        value_name = "IP",
        default_value = "127.0.0.1",
        hide_default_value = true
    )]
    pub(crate) adres: IpAddr,
    /// Grootste upload in MB (standaard 200)
    #[arg(
        long,
        value_name = "MB",
        default_value_t = 200,
        hide_default_value = true
    )]
    pub(crate) max_mb: u64,
    /// Started by a double-click: the console window is the only way to stop it.
    #[arg(skip)]
    pub(crate) venster: bool,
}

impl WebArgs {
    /// What a start without a command serves: this computer only, a free port, the browser
    /// opened.
    /// It is `web --open`, parsed by the same arguments, so the defaults have one home.
    pub(crate) fn double_click() -> Self {
        #[derive(clap::Parser)]
        struct Web {
            #[command(flatten)]
            args: WebArgs,
        }
        let mut args = <Web as clap::Parser>::try_parse_from(["klachtverslag", "--open"])
            .expect("--open is one of the page's own flags")
            .args;
        args.venster = true;
        args
    }

    fn opties(&self) -> crate::web::Opties {
        crate::web::Opties {
            adres: self.adres,
            poort: self.poort,
            open: self.open,
            max_bytes: usize::try_from(self.max_mb.saturating_mul(1024 * 1024))
                .unwrap_or(usize::MAX),
            venster: self.venster,
        }
    }
}

/// Runs `web` until Ctrl-C (or the window is closed).
pub(super) fn run(args: &WebArgs) -> Result<ExitCode> {
    crate::web::run(&args.opties())?;
    Ok(ExitCode::SUCCESS)
}
