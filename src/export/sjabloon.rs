//! The empty register (*leeg register*): an XLSX a klachtenfunctionaris keeps the new year's
//! complaints in, so the register is right from the day it is kept. The contract's headers
//! (read back without any mapping), date columns formatted as dates, and dropdowns (Excel's
//! data validation) for the closed lists and for the config's categories and clusters.
//! Read back with rows filled in from the dropdowns, it gives no warning.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, Formula, Workbook, Worksheet,
    XlsxError,
};

use crate::error::{Error, Result};
use crate::register::{
    Afhandeling, Closed, Kanaal, Klager, Kolom, ReadOptions, Regeling, Soort, Zorgrelatie,
};

/// How many rows the dropdowns and date formats cover: more than any provider's year.
const ROWS: u32 = 5000;

/// The sheet that holds the lists the dropdowns offer (hidden: a user sees only Klachten).
const LISTS: &str = "Keuzelijsten";

fn err(e: XlsxError) -> Error {
    Error::Export {
        what: "het lege register (XLSX)",
        message: e.to_string(),
    }
}

/// What a column's dropdown offers, and how strictly.
struct Choice {
    values: Vec<String>,
    style: DataValidationErrorStyle,
    message: &'static str,
}

fn closed<T: Closed>() -> Vec<String> {
    T::ALL.iter().map(|v| v.label().to_string()).collect()
}

/// The dropdown of a column, if it has one. Closed lists refuse other values; the open lists
/// from the config warn (a new cluster or a second category is allowed).
fn choice(k: Kolom, options: &ReadOptions) -> Option<Choice> {
    let strict = |values| Choice {
        values,
        style: DataValidationErrorStyle::Stop,
        message: "Kies een waarde uit de lijst.",
    };
    Some(match k {
        Kolom::Klager => strict(closed::<Klager>()),
        Kolom::Kanaal => strict(closed::<Kanaal>()),
        Kolom::Soort => strict(closed::<Soort>()),
        Kolom::Regeling => strict(closed::<Regeling>()),
        Kolom::Afhandeling => strict(closed::<Afhandeling>()),
        Kolom::Zorgrelatie => strict(closed::<Zorgrelatie>()),
        Kolom::Bemiddelingsgesprek | Kolom::Verlengd | Kolom::Geschil => {
            strict(vec!["ja".into(), "nee".into()])
        }
        Kolom::Categorie if !options.categorieen.is_empty() => Choice {
            values: options.categorieen.names(),
            style: DataValidationErrorStyle::Information,
            message: "Meer categorieën bij één klacht: scheid ze met een puntkomma (;).",
        },
        Kolom::Cluster if !options.clusters.is_empty() => Choice {
            values: options.clusters.names(),
            style: DataValidationErrorStyle::Warning,
            message: "Dit cluster staat niet in de lijst uit de configuratie.",
        },
        _ => return None,
    })
}

fn is_date(k: Kolom) -> bool {
    matches!(
        k,
        Kolom::DatumOntvangst | Kolom::DatumAfgehandeld | Kolom::DatumEersteContact
    )
}

/// The empty register as XLSX bytes: sheet *Klachten* with every contract column.
pub fn register_template(options: &ReadOptions) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    // A fixed date instead of the clock: the same settings give the same bytes.
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title("Klachtenregister")
            .set_creation_datetime(&date),
    );
    let header = Format::new()
        .set_bold()
        .set_background_color("#DDE7F0")
        .set_align(FormatAlign::Top);
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let mut lists: Vec<(String, Vec<String>)> = Vec::new();
    {
        let ws: &mut Worksheet = book.add_worksheet();
        ws.set_name("Klachten").map_err(err)?;
        // The outcome columns (tevredenheid, oordeel) are not in it yet: the empty register
        // stays as it was for those who keep neither.
        let kolommen = Kolom::ALL
            .iter()
            .filter(|k| !matches!(k, Kolom::Tevredenheid | Kolom::Oordeel));
        for (c, &k) in kolommen.enumerate() {
            let c = c as u16;
            ws.write_string_with_format(0, c, k.name(), &header)
                .map_err(err)?;
            let width = if k == Kolom::Omschrijving { 60.0 } else { 20.0 };
            ws.set_column_width(c, width).map_err(err)?;
            if is_date(k) {
                ws.set_column_format(c, &date).map_err(err)?;
            }
            if let Some(choice) = choice(k, options) {
                let letter = rust_xlsxwriter::column_number_to_name(lists.len() as u16);
                let range = format!("={LISTS}!${letter}$2:${letter}${}", choice.values.len() + 1);
                let validation = DataValidation::new()
                    .allow_list_formula(Formula::new(range))
                    .ignore_blank(true)
                    .set_error_style(choice.style)
                    .set_error_title(k.name())
                    .map_err(err)?
                    .set_error_message(choice.message)
                    .map_err(err)?;
                ws.add_data_validation(1, c, ROWS, c, &validation)
                    .map_err(err)?;
                lists.push((k.name().to_string(), choice.values));
            }
        }
        ws.set_freeze_panes(1, 0).map_err(err)?;
    }
    let ws = book.add_worksheet();
    ws.set_name(LISTS).map_err(err)?;
    for (c, (name, values)) in lists.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, name, &header)
            .map_err(err)?;
        for (r, v) in values.iter().enumerate() {
            ws.write_string(r as u32 + 1, c, v).map_err(err)?;
        }
        ws.set_column_width(c, 28.0).map_err(err)?;
    }
    ws.set_hidden(true);
    super::xlsx::save(&mut book)
}
