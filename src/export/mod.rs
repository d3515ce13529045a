//! Stage 3', files: [`crate::stats::Figures`] -> bytes. No IO here; `cli` writes the bytes.

pub mod json;
pub mod sjabloon;
pub mod xlsx;
