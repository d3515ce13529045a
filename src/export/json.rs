//! `cijfers-JJJJ.json`: every number of the report, in the contract's shape.

use crate::stats::Figures;

/// Serialises the figures (pretty-printed, UTF-8, trailing newline).
pub fn to_json(figures: &Figures) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&figures.to_value())
        .expect("Figures holds only finite numbers and strings");
    out.push(b'\n');
    out
}
