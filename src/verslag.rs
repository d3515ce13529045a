//! One report in memory: figures, PDF, JSON, XLSX and manifest as bytes ([`render`]). The
//! command line writes them, the web page serves them, a batch hands one per unit to its front
//! end. One pipeline for both: no number or message is made a second way.

use crate::error::Result;
use crate::register::Register;
use crate::settings::Settings;
use crate::stats::{self, Periode};
use crate::{export, report};

/// The output file names of a period: `jaarverslag-2024.pdf` or `kwartaalverslag-2024-Q3.pdf`,
/// with `cijfers-…json` and `tabellen-…xlsx`.
pub fn file_names(periode: Periode) -> [String; 3] {
    let label = periode.label();
    let soort = if periode.is_kwartaal() {
        "kwartaalverslag"
    } else {
        "jaarverslag"
    };
    [
        format!("{soort}-{label}.pdf"),
        format!("cijfers-{label}.json"),
        format!("tabellen-{label}.xlsx"),
    ]
}

/// What to say when `periode` has no complaint received: the report is still made (a provider
/// with no complaints publishes that too), but the reader of the terminal or the page should
/// know it is empty, and which periods do have complaints:
/// "in 2030 staan geen klachten in het register; het register heeft klachten in 2022, 2023 en
/// 2024". For a quarter of a year with complaints, the quarters that have them. `None` when the
/// period has a complaint.
pub fn lege_periode(register: &Register, periode: Periode) -> Option<String> {
    use chrono::Datelike;
    if periode.klachten(register).next().is_some() {
        return None;
    }
    let jaren: Vec<String> = register.per_jaar().keys().map(i32::to_string).collect();
    let kwartalen: Vec<String> = match periode.kwartaal {
        Some(_) => {
            let mut q: Vec<u32> = register
                .klachten
                .iter()
                .filter(|k| k.datum_ontvangst.year() == periode.jaar)
                .map(|k| k.datum_ontvangst.month0() / 3 + 1)
                .collect();
            q.sort_unstable();
            q.dedup();
            q.iter().map(|q| format!("Q{q}")).collect()
        }
        None => Vec::new(),
    };
    let waar = if !kwartalen.is_empty() {
        format!(
            "in {} heeft het register klachten in {}",
            periode.jaar,
            crate::nl::opsomming(&kwartalen)
        )
    } else if jaren.is_empty() {
        "het register heeft nog geen enkele klacht".to_string()
    } else {
        format!(
            "het register heeft klachten in {}",
            crate::nl::opsomming(&jaren)
        )
    };
    Some(format!(
        "in {} staan geen klachten in het register; {waar}",
        periode.naam()
    ))
}

/// A rendered report.
pub struct Rendered {
    /// Its figures (as published: hidden in a public version).
    pub figures: stats::Figures,
    /// Pages of the PDF.
    pub pages: usize,
    /// `[pdf, json, xlsx]` as (file name, bytes), in the order of [`file_names`].
    pub files: [(String, Vec<u8>); 3],
    /// `manifest.json`: inputs, config and these three files with their SHA-256.
    pub manifest: Vec<u8>,
    /// Texts cut to fit an Excel cell.
    pub cut: Vec<String>,
}

/// The checklists this report answers to, held against its figures and texts.
pub fn verantwoording(
    register: &Register,
    periode: Periode,
    settings: &Settings,
    figures: &stats::Figures,
) -> Result<Vec<crate::verantwoording::Regime>> {
    use crate::register::Closed;
    let mut regelingen: Vec<&str> = periode
        .klachten(register)
        .filter_map(|k| k.regeling.map(Closed::label))
        .collect();
    regelingen.sort_unstable();
    regelingen.dedup();
    let r = &settings.report;
    let regimes = crate::verantwoording::regimes(r.regimes.as_deref(), &regelingen);
    crate::verantwoording::beoordeel(
        &regimes,
        figures,
        register.has(crate::register::Kolom::Verbetermaatregel),
        &r.teksten,
        &r.checklists,
    )
}

/// Computes the figures and renders PDF, JSON, XLSX and the manifest, in memory.
pub fn render(
    register: &Register,
    periode: Periode,
    settings: &Settings,
    publiek: bool,
    logo: Option<&[u8]>,
) -> Result<Rendered> {
    let mut figures = crate::profiel::fase("tellen", || {
        stats::compute(register, periode, &settings.stats)
    })?;
    // The figures name whom they are about (JSON, XLSX title, the texts' `{{ organisatie }}`).
    figures.organisatie.clone_from(&settings.report.organisatie);
    figures.verantwoording = verantwoording(register, periode, settings, &figures)?;
    if publiek {
        crate::profiel::fase("openbaar", || {
            stats::privacy::suppress(&mut figures, settings.stats.kleine_aantallen)
        })?;
    }
    // After the public version's hiding: a result text may name the figures as published.
    crate::doelen::beoordeel(&settings.report.doelen, &mut figures)?;
    let mut herkomst = crate::herkomst::Herkomst::new(
        register,
        settings.report.documentdatum,
        settings.report.config_file.as_ref(),
        periode,
    );
    herkomst.vorige_configuratie = settings
        .report
        .vorige_config
        .as_ref()
        .map(|(naam, sha256)| crate::herkomst::Bestand {
            naam: naam.clone(),
            sha256: sha256.clone(),
            rijen: None,
            blad: None,
        });
    let pdf = || {
        crate::profiel::fase("pdf", || {
            report::render_pdf(&figures, &settings.report, &herkomst, logo)
        })
    };
    let exports = || {
        let json = crate::profiel::fase("json", || export::json::to_json(&figures));
        let xlsx =
            crate::profiel::fase("xlsx", || export::xlsx::to_xlsx(&figures, &settings.report));
        (json, xlsx)
    };
    // The JSON and the XLSX are made on the other core beside the PDF: Typst leaves a core
    // idle for part of its work. In a batch the units keep every core busy, so there it makes
    // no difference either way.
    let (pdf, (json, xlsx)) = rayon::join(pdf, exports);
    let (xlsx, cut) = xlsx?;
    let (pdf, pages) = pdf?;
    let [pdf_name, json_name, xlsx_name] = file_names(periode);
    let files = [(pdf_name, pdf), (json_name, json), (xlsx_name, xlsx)];
    // The manifest lists the files in the order they are written (JSON, XLSX, PDF).
    for i in [1, 2, 0] {
        herkomst.add_output(&files[i].0, &files[i].1);
    }
    Ok(Rendered {
        figures,
        pages,
        files,
        manifest: herkomst.to_json(),
        cut,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn register(csv: &str) -> Register {
        let options = crate::register::ReadOptions::default();
        let mut loader = crate::register::Loader::new(&options);
        loader
            .add(std::path::Path::new("r.csv"), csv.as_bytes())
            .expect("readable");
        loader.finish().value
    }

    #[test]
    fn an_empty_period_names_the_periods_that_have_complaints() {
        let r = register(
            "klachtnummer,datum_ontvangst,categorie\nK1,01-02-2022,A\nK2,01-03-2023,A\nK3,15-08-2024,A\nK4,01-09-2024,A\n",
        );
        assert_eq!(
            lege_periode(&r, Periode::jaar(2030)).as_deref(),
            Some(
                "in 2030 staan geen klachten in het register; het register heeft klachten in 2022, 2023 en 2024"
            )
        );
        assert_eq!(lege_periode(&r, Periode::jaar(2024)), None);
        assert_eq!(lege_periode(&r, Periode::kwartaal(2024, 3).unwrap()), None);
        // A quarter of a year that has complaints: the quarters that have them.
        assert_eq!(
            lege_periode(&r, Periode::kwartaal(2024, 1).unwrap()).as_deref(),
            Some(
                "in het eerste kwartaal van 2024 staan geen klachten in het register; in 2024 heeft het register klachten in Q3"
            )
        );
        assert_eq!(
            lege_periode(&r, Periode::kwartaal(2021, 4).unwrap()).as_deref(),
            Some(
                "in het vierde kwartaal van 2021 staan geen klachten in het register; het register heeft klachten in 2022, 2023 en 2024"
            )
        );
        let leeg = register("klachtnummer,datum_ontvangst,categorie\n");
        assert_eq!(
            lege_periode(&leeg, Periode::jaar(2024)).as_deref(),
            Some(
                "in 2024 staan geen klachten in het register; het register heeft nog geen enkele klacht"
            )
        );
    }

    /// Whoever calls `render` with a logo Typst cannot place gets the Dutch message, never
    /// Typst's English one.
    #[test]
    fn a_bad_logo_is_refused_in_dutch_before_typst() {
        let r = register("klachtnummer,datum_ontvangst,categorie\nK1,01-02-2024,A\n");
        let settings = Settings::default();
        let err = render(
            &r,
            Periode::jaar(2024),
            &settings,
            false,
            Some(b"geen beeld"),
        )
        .err()
        .expect("refused");
        assert!(
            matches!(err, crate::error::Error::Logo { path: None, .. }),
            "{err}"
        );
        assert_eq!(
            err.to_string(),
            "het logo is geen PNG-, JPEG-, GIF-, WebP- of SVG-afbeelding"
        );
    }
}
