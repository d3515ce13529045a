//! Stage 3, PDF: [`Figures`] -> `jaarverslag-JJJJ.pdf` bytes.
//!
//! `context` turns the figures into a typed, pre-formatted [`context::ReportContext`];
//! `typst` compiles the embedded template with that context as its only input.

pub mod context;
pub mod eol;
pub mod fonts;
pub mod glyphs;
mod grafiek;
pub(crate) mod label;
mod logo;
mod options;
pub mod typst;

use crate::error::{Error, Result};
use crate::herkomst::Herkomst;
use crate::stats::Figures;
pub use logo::{logo_controleren, media_type};
pub use options::{
    DEFAULT_KLEUR, Doel, EENHEID_VOORWOORD, EenheidTeksten, Options, Plan, SJABLOON_BESTANDEN,
    Sjablonen, TEKSTEN, Teksten,
};

/// Renders the annual report: PDF bytes and page count.
pub fn render_pdf(
    figures: &Figures,
    options: &Options,
    herkomst: &Herkomst,
    logo: Option<&[u8]>,
) -> Result<(Vec<u8>, usize)> {
    // A logo Typst cannot place is said in Dutch here, not by Typst in English. (The front ends
    // check it where they read it, to name the file or the field; this keeps every caller safe.)
    if let Some(logo) = logo {
        logo_controleren(logo).map_err(|message| Error::Logo {
            path: None,
            message,
        })?;
    }
    let ctx = context::build(figures, options, herkomst)?;
    typst::compile(&ctx, options, logo)
}
