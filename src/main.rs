//! `klachtverslag`: parse, run, and turn a fatal error into exit code 2.

use std::process::ExitCode;

fn main() -> ExitCode {
    match klachtverslag::cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fout: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                eprintln!("  oorzaak: {s}");
                source = s.source();
            }
            ExitCode::from(2)
        }
    }
}
