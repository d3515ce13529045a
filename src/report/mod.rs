//! Stage 3, PDF: [`Figures`] -> `jaarverslag-JJJJ.pdf` bytes.
//!
//! `context` turns the figures into a typed, pre-formatted [`context::ReportContext`];
//! `typst` compiles the embedded template with that context as its only input.

pub mod context;
pub mod eol;
pub mod glyphs;
mod grafiek;
mod options;
pub mod typst;

use crate::error::Result;
use crate::herkomst::Herkomst;
use crate::stats::Figures;
pub use options::{
    DEFAULT_KLEUR, EENHEID_VOORWOORD, EenheidTeksten, Options, SJABLOON_BESTANDEN, Sjablonen,
    TEKSTEN, Teksten,
};

/// Renders the annual report: PDF bytes and page count.
pub fn render_pdf(
    figures: &Figures,
    settings: &Options,
    herkomst: &Herkomst,
    logo: Option<&[u8]>,
) -> Result<(Vec<u8>, usize)> {
    let ctx = context::build(figures, settings, herkomst)?;
    typst::compile(&ctx, settings, logo)
}
