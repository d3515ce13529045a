//! Compiling the Typst template into a PDF.
//!
//! The engine (fonts, template) is built once per process. The report context reaches the
//! template as a JSON string in `sys.inputs.data`: data is never spliced into Typst source.
//! No file resolver is installed, so a template cannot read files, and no package resolver,
//! so nothing is fetched from the network. Fonts are embedded in the binary.

use std::sync::LazyLock;

use chrono::Datelike;
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;

use super::context::ReportContext;
use crate::error::{Error, Result};

/// The report template, embedded.
pub const TEMPLATE: &str = include_str!("../../report-templates/jaarverslag.typ");

/// The batch overview template, embedded.
pub const OVERZICHT: &str = include_str!("../../report-templates/overzicht.typ");

static OVERVIEW_ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> =
    LazyLock::new(|| engine(OVERZICHT));

/// A batch overview as `overzicht.typ` prints it: one line per unit.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Overzicht {
    /// Title.
    pub titel: String,
    /// Organisation.
    pub organisatie: String,
    /// House colour.
    pub kleur: String,
    /// What the columns mean.
    pub toelichting: String,
    /// Column headers: the unit's column, then the key figures.
    pub kolommen: [String; 5],
    /// The units.
    pub rijen: Vec<OverzichtRegel>,
}

/// One unit's line: its key figures as shown ("1.234", "54,1%", "< 5"), or "mislukt".
#[derive(Debug, Clone, serde::Serialize)]
pub struct OverzichtRegel {
    eenheid: String,
    ontvangen: String,
    in_behandeling: String,
    binnen_termijn: String,
    lopend: String,
}

impl OverzichtRegel {
    /// The line of a unit with the overview's four key figures, `None` when it failed.
    pub fn new(eenheid: &str, k: Option<[crate::stats::Waarde; 4]>) -> Self {
        let [ontvangen, in_behandeling, binnen_termijn, lopend] = match k {
            Some(k) => k.map(|w| w.tekst()),
            None => [
                "mislukt".into(),
                String::new(),
                String::new(),
                String::new(),
            ],
        };
        OverzichtRegel {
            // The PDF cuts a unit's name like every label; the XLSX keeps it whole.
            eenheid: super::label::truncate(eenheid, super::label::MAX_LABEL),
            ontvangen,
            in_behandeling,
            binnen_termijn,
            lopend,
        }
    }
}

/// Compiles the batch overview: PDF/A-2a + PDF/UA-1 like the report, dated `datum` (the
/// report date, never the clock).
pub fn compile_overview(overzicht: &Overzicht, datum: chrono::NaiveDate) -> Result<Vec<u8>> {
    let mut data = serde_json::to_value(overzicht).expect("the overview serialises");
    super::glyphs::scrub_value(&mut data);
    let mut inputs = Dict::new();
    inputs.insert("data".into(), data.to_string().into_value());
    let doc: PagedDocument = OVERVIEW_ENGINE
        .compile_with_input(inputs)
        .output
        .map_err(|e| typst_error("overzicht.typ", e))?;
    export("overzicht.typ", &doc, Some(datum))
}

/// Exports a document as PDF/A-2a (archival, with tagged structure) together with PDF/UA-1
/// (accessibility); Typst checks both while writing. The creation date is given, never the
/// clock, so the same inputs give the same bytes.
fn export(file: &str, doc: &PagedDocument, date: Option<chrono::NaiveDate>) -> Result<Vec<u8>> {
    let timestamp = date.and_then(|d| {
        typst::foundations::Datetime::from_ymd(d.year(), d.month() as u8, d.day() as u8)
            .map(typst_pdf::Timestamp::new_utc)
    });
    let standards =
        typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2a, typst_pdf::PdfStandard::Ua_1])
            .expect("PDF/A-2a and PDF/UA-1 go together");
    let options = typst_pdf::PdfOptions {
        timestamp,
        standards,
        ..Default::default()
    };
    typst_pdf::pdf(doc, &options)
        .map(super::eol::crlf_before_endstream)
        .map_err(|diags| Error::Typst {
            file: file.into(),
            message: diagnostics(&diags),
        })
}

/// Typst's diagnostics as one message, hints included.
fn diagnostics(diags: &[typst::diag::SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| {
            let hints: Vec<String> = d
                .hints
                .iter()
                .map(|h| format!(" (hint: {})", h.v))
                .collect();
            format!("{}{}", d.message, hints.join(""))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

static ENGINE: LazyLock<TypstEngine<TypstTemplateMainFile>> = LazyLock::new(|| engine(TEMPLATE));

/// Parses the embedded fonts and builds the report's Typst engine on a thread of its own, while
/// the caller reads the register: a small report then does not wait for it. Whoever needs the
/// engine first simply waits for this thread to finish building it.
pub fn warm_up() {
    let _ = std::thread::Builder::new()
        .name("typst-fonts".into())
        .spawn(|| {
            LazyLock::force(&ENGINE);
            // The glyph check's first font (the others are read only when needed).
            super::glyphs::can_show('é');
        });
}

fn typst_error(file: &str, e: TypstAsLibError) -> Error {
    let message = match e {
        TypstAsLibError::TypstSource(diags) => diagnostics(&diags),
        other => other.to_string(),
    };
    Error::Typst {
        file: file.into(),
        message,
    }
}

fn engine(template: &str) -> TypstEngine<TypstTemplateMainFile> {
    TypstEngine::builder()
        .main_file(template.to_string())
        .fonts(super::fonts::FONTS)
        // Typst's memo cache keeps what the document before used (age 1) instead of being
        // emptied after every document (typst-as-lib's default, 0): in a batch the next unit
        // reuses the layout of everything the units share (the annexes, the texts, headers).
        // Larger ages hold more memory for no further gain (bench/RESULTS.md).
        .comemo_evict_max_age(Some(1))
        .build()
}

/// Compiles the report. Returns the PDF bytes and the page count. A logo travels as bytes in
/// `sys.inputs.logo`, like the data: no file is ever read by the template.
pub fn compile(
    ctx: &ReportContext,
    options: &super::Options,
    logo: Option<&[u8]>,
) -> Result<(Vec<u8>, usize)> {
    // What no embedded font can show becomes a placeholder here, in the PDF's data only.
    let mut data = serde_json::to_value(ctx).expect("ReportContext serialises");
    super::glyphs::scrub_value(&mut data);
    let data = data.to_string();
    let mut inputs = Dict::new();
    inputs.insert("data".into(), data.into_value());
    if let Some(logo) = logo {
        inputs.insert(
            "logo".into(),
            typst::foundations::Bytes::new(logo.to_vec()).into_value(),
        );
    }
    // An override from --sjablonen gets its own engine; the embedded one is built once.
    let own;
    let engine: &TypstEngine<TypstTemplateMainFile> = match &options.sjablonen.jaarverslag {
        Some(t) => {
            own = engine(t);
            &own
        }
        None => crate::profiel::fase("pdf: lettertypen", || &*ENGINE),
    };
    let doc: PagedDocument = crate::profiel::fase("pdf: opmaak", || {
        crate::profiel::typst(|| engine.compile_with_input(inputs).output)
            .map_err(|e| typst_error("jaarverslag.typ", e))
    })?;
    // PDF/A needs a creation date; the fallback is the last day of the report year.
    let date = options
        .documentdatum
        .or_else(|| chrono::NaiveDate::from_ymd_opt(ctx.jaar, 12, 31));
    let pdf = crate::profiel::fase("pdf: schrijven", || export("jaarverslag.typ", &doc, date))?;
    Ok((pdf, doc.pages().len()))
}
