//! `klachtverslag`: parse, run, and turn a fatal error into exit code 2.

use std::process::ExitCode;

/// The register's many small strings are allocated and freed at a rate glibc's malloc handles
/// poorly (docs/prestaties.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match klachtverslag::cli::run(std::env::args_os()) {
        Ok(code) => code,
        Err(e) => {
            klachtverslag::cli::print_error(&e);
            ExitCode::from(2)
        }
    }
}
