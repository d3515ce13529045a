//! `controleer`: every problem with file, rij and kolom, and the exit codes.

use std::path::Path;

use crate::support::Case;

/// Writes an XLSX copy of a comma-separated CSV fixture, with real date cells for the date
/// columns, a title row above the header (so Excel rows are CSV lines + 1).
pub fn write_xlsx_copy(csv_path: &Path, xlsx_path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(csv_path)
        .expect("csv fixture");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Klachten").unwrap();
    sheet
        .write_string(0, 0, "Klachtenregister (testbestand)")
        .unwrap();
    let date_format = Format::new().set_num_format("dd-mm-yyyy");
    let mut header: Vec<String> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.expect("record");
        let row = i as u32 + 1;
        if i == 0 {
            header = record.iter().map(str::to_string).collect();
        }
        for (c, value) in record.iter().enumerate() {
            let col = c as u16;
            let is_date = i > 0 && header[c].starts_with("datum") && !value.is_empty();
            if is_date {
                let d = klachtverslag::register::parse_date(value).expect("fixture date");
                let dt = ExcelDateTime::from_ymd(
                    chrono::Datelike::year(&d) as u16,
                    chrono::Datelike::month(&d) as u8,
                    chrono::Datelike::day(&d) as u8,
                )
                .unwrap();
                sheet
                    .write_datetime_with_format(row, col, &dt, &date_format)
                    .unwrap();
            } else if !value.is_empty() {
                sheet.write_string(row, col, value).unwrap();
            }
        }
    }
    book.save(xlsx_path).expect("save xlsx");
}

#[test]
fn clean_register_exits_0_with_summary() {
    let case = Case::fixture("geldig-klein");
    let out = case.run(&["controleer", "--register", "register.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("1 bestand gelezen, 11 rijen; klachten per jaar: 2023: 1, 2024: 9, 2025: 1; 0 fouten, 0 waarschuwingen"),
        "{}",
        out.stderr
    );
}

#[test]
fn every_problem_is_named_with_file_row_and_column() {
    let case = Case::fixture("fouten");
    let out = case.run(&["controleer", "--register", "register.csv"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let expected = [
        "fout: register.csv, rij 3, kolom datum_ontvangst: \"31-02-2024\" is geen geldige datum (verwacht dd-mm-jjjj of jjjj-mm-dd); deze dag bestaat niet",
        "fout: register.csv, rij 4, kolom klachtnummer: klachtnummer \"A1\" komt al voor in register.csv, rij 2, kolom klachtnummer",
        "fout: register.csv, rij 5, kolom klachtnummer: verplichte waarde ontbreekt",
        "waarschuwing: register.csv, rij 6, kolom klager: onbekende waarde \"buurman\", telt als Onbekend",
        "fout: register.csv, rij 7, kolom datum_ontvangst: \"45352\" is geen geldige datum (verwacht dd-mm-jjjj of jjjj-mm-dd); dit lijkt een Excel-datumgetal; dat staat voor 01-03-2024",
        "4 fouten, 1 waarschuwing",
    ];
    for e in expected {
        assert!(out.stderr.contains(e), "missing {e:?} in:\n{}", out.stderr);
    }
    assert!(!out.stderr.contains("GEHEIM"), "omschrijving printed");
}

#[test]
fn xlsx_rows_are_the_rows_excel_shows() {
    let case = Case::fixture("fouten");
    // Turn the bad date into a text cell in an XLSX with a title row: rij shifts by one.
    write_xlsx_text_copy(&case.path("register.csv"), &case.path("register.xlsx"));
    let out = case.run(&["controleer", "--register", "register.xlsx"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "register.xlsx, blad \"Klachten\", rij 4, kolom datum_ontvangst: \"31-02-2024\""
        ),
        "{}",
        out.stderr
    );
}

fn write_xlsx_text_copy(csv_path: &Path, xlsx_path: &Path) {
    use rust_xlsxwriter::Workbook;
    let text = std::fs::read_to_string(csv_path).unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Klachten").unwrap();
    sheet.write_string(0, 0, "Register").unwrap();
    for (r, line) in text.lines().enumerate() {
        for (c, v) in line.split(';').enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, v).unwrap();
            }
        }
    }
    book.save(xlsx_path).unwrap();
}

#[test]
fn missing_column_suggests_the_nearest_header() {
    let case = Case::fixture("ontbrekende-kolom");
    let out = case.run(&["controleer", "--register", "register.csv"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("fout: register.csv: verplichte kolom datum_ontvangst ontbreekt (gevonden kolommen: Klachtnummer, Datum ontvagst, Categorie); bedoelt u \"Datum ontvagst\"?"),
        "{}",
        out.stderr
    );
    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--jaar",
        "2024",
        "--uit",
        "uit",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("er is geen verslag gemaakt"),
        "{}",
        out.stderr
    );
}

#[test]
fn config_maps_an_export_header() {
    let case = Case::fixture("ontbrekende-kolom");
    std::fs::write(
        case.path("config.toml"),
        "[kolommen]\ndatum_ontvangst = \"Datum ontvagst\"\n",
    )
    .unwrap();
    let out = case.run(&[
        "controleer",
        "--register",
        "register.csv",
        "--config",
        "config.toml",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}
