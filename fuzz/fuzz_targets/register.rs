//! Fuzz target: arbitrary bytes as a CSV and as an XLSX register, read and checked. Any panic,
//! overflow or runaway allocation is a bug; a Dutch error is the expected answer to garbage.
#![no_main]

use std::path::Path;

use klachtverslag::register::Loader;
use klachtverslag::register::ReadOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let settings = ReadOptions::default();
    for name in ["register.csv", "register.xlsx"] {
        let mut loader = Loader::new(&settings);
        let _ = loader.add(Path::new(name), data);
        let checked = loader.finish();
        // Every issue can be shown.
        for issue in &checked.issues {
            let _ = issue.to_string();
        }
    }
});
