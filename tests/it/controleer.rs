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
    crate::support::has(
        &out.stderr,
        "1 bestand gelezen, 11 rijen; klachten per jaar: 2023: 1, 2024: 9, 2025: 1; 0 fouten, 0 waarschuwingen",
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
    crate::support::has(
        &out.stderr,
        "register.xlsx, blad \"Klachten\", rij 4, kolom datum_ontvangst: \"31-02-2024\"",
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
    crate::support::has(
        &out.stderr,
        "fout: register.csv: verplichte kolom datum_ontvangst ontbreekt (gevonden kolommen: Klachtnummer, Datum ontvagst, Categorie); bedoelt u \"Datum ontvagst\"?",
    );
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 1);
    crate::support::has(&out.stderr, "er is geen verslag gemaakt");
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

mod quirks {
    use crate::support::Case;
    use rust_xlsxwriter::{Format, Workbook};

    fn simple_book() -> Workbook {
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name("Klachten").unwrap();
        for (c, h) in ["klachtnummer", "datum_ontvangst", "categorie", "cluster"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for r in 1..=3u32 {
            ws.write_string(r, 0, format!("K{r}")).unwrap();
            ws.write_string(r, 1, "2024-02-01").unwrap();
            ws.write_string(r, 2, "Bejegening").unwrap();
        }
        book
    }

    #[test]
    fn merged_cells_fill_their_region_with_a_warning() {
        let case = Case::empty("merged");
        let mut book = simple_book();
        let ws = book.worksheet_from_index(0).unwrap();
        ws.merge_range(1, 3, 3, 3, "Wonen", &Format::new()).unwrap();
        book.save(case.path("r.xlsx")).unwrap();
        let out = case.verslag("r.xlsx", &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        crate::support::has(
            &out.stderr,
            "rij 2, kolom cluster: samengevoegde cellen (rij 2 t/m 4)",
        );
        let json = case.json("uit/cijfers-2024.json");
        let t = &json["tabellen"][0];
        assert_eq!(t["id"], "klagers_per_cluster_kwartaal");
        assert_eq!(t["rijen"][0]["label"], "Wonen");
        assert_eq!(t["rijen"][0]["waarden"][4], 3);
    }

    #[test]
    fn a_stray_far_cell_is_harmless() {
        let case = Case::empty("stray");
        let mut book = simple_book();
        let ws = book.worksheet_from_index(0).unwrap();
        ws.write_string(1_048_575, 16_383, "x").unwrap();
        book.save(case.path("r.xlsx")).unwrap();
        let out = case.run(&["controleer", "--register", "r.xlsx"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        crate::support::has(
            &out.stderr,
            "waarschuwing: r.xlsx, blad \"Klachten\", rij 1048576: rij heeft alleen gegevens buiten de klachtkolommen",
        );
        crate::support::has(
            &out.stderr,
            "klachten per jaar: 2024: 3; 0 fouten, 1 waarschuwing",
        );
    }

    #[test]
    fn broken_and_fake_xlsx_get_a_dutch_message() {
        let case = Case::empty("broken");
        simple_book().save(case.path("goed.xlsx")).unwrap();
        let bytes = std::fs::read(case.path("goed.xlsx")).unwrap();
        std::fs::write(case.path("kapot.xlsx"), &bytes[..bytes.len() / 2]).unwrap();
        let out = case.run(&["controleer", "--register", "kapot.xlsx"]);
        assert_eq!(out.code, 2);
        crate::support::has(
            &out.stderr,
            "kapot.xlsx: geen geldig Excel-bestand: beschadigd of onvolledig",
        );
        std::fs::write(case.path("nep.xlsx"), "klachtnummer;datum\n").unwrap();
        let out = case.run(&["controleer", "--register", "nep.xlsx"]);
        assert_eq!(out.code, 2);
        crate::support::has(&out.stderr, "nep.xlsx: geen geldig Excel-bestand");
    }

    #[test]
    fn the_register_sheet_is_found_or_asked_for() {
        let case = Case::empty("sheets");
        let mut book = simple_book();
        let ws = book.add_worksheet();
        ws.set_name("Toelichting").unwrap();
        ws.write_string(0, 0, "Dit blad is uitleg").unwrap();
        book.save(case.path("een.xlsx")).unwrap();
        let out = case.run(&["controleer", "--register", "een.xlsx"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        crate::support::has(
            &out.stderr,
            "1 bestand (een.xlsx: blad \"Klachten\") gelezen, 3 rijen",
        );

        let mut book = simple_book();
        let ws = book.add_worksheet();
        ws.set_name("Kopie").unwrap();
        for (c, h) in ["klachtnummer", "datum_ontvangst", "categorie"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        book.save(case.path("twee.xlsx")).unwrap();
        let out = case.run(&["controleer", "--register", "twee.xlsx"]);
        assert_eq!(out.code, 2);
        crate::support::has(
            &out.stderr,
            "meerdere werkbladen lijken een klachtenregister: Klachten, Kopie; kies er een met --blad",
        );
        let out = case.run(&["controleer", "--register", "twee.xlsx", "--blad", "Kopie"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let out = case.run(&["controleer", "--register", "twee.xlsx", "--blad", "Nee"]);
        assert_eq!(out.code, 2);
        crate::support::has(
            &out.stderr,
            "geen werkblad met de naam \"Nee\" (werkbladen: Klachten, Kopie)",
        );
    }

    #[test]
    fn several_files_combine_and_a_shared_id_is_reported() {
        let case = Case::empty("multi");
        std::fs::write(
            case.path("2023.csv"),
            "klachtnummer;datum_ontvangst;categorie\nA1;01-02-2023;X\nA2;01-03-2023;X\n",
        )
        .unwrap();
        std::fs::write(
            case.path("2024.csv"),
            "klachtnummer,datum_ontvangst,categorie\nB1,2024-02-01,X\nA2,2024-03-01,Y\n",
        )
        .unwrap();
        let out = case.run(&["controleer", "--register", "2023.csv", "2024.csv"]);
        assert_eq!(out.code, 1);
        crate::support::has(
            &out.stderr,
            "fout: 2024.csv, rij 3, kolom klachtnummer: klachtnummer \"A2\" komt al voor in 2023.csv, rij 3, kolom klachtnummer",
        );
        crate::support::has(
            &out.stderr,
            "2 bestanden gelezen, 4 rijen; klachten per jaar: 2023: 2, 2024: 1",
        );
    }

    #[test]
    fn many_problems_are_all_counted_and_printing_is_capped() {
        let case = Case::empty("many");
        let mut text = String::from("klachtnummer;datum_ontvangst;categorie\n");
        for i in 0..120 {
            text.push_str(&format!("K{i};32-01-2024;X\n"));
        }
        std::fs::write(case.path("r.csv"), text).unwrap();
        let out = case.run(&["controleer", "--register", "r.csv"]);
        assert_eq!(out.code, 1);
        assert_eq!(out.stderr.matches("is geen geldige datum").count(), 50);
        crate::support::has(&out.stderr, "… en nog 70 meldingen");
        crate::support::has(&out.stderr, "120 fouten");
    }

    #[test]
    fn blank_headers_and_future_dates_are_warnings() {
        let case = Case::empty("blank");
        std::fs::write(
            case.path("r.csv"),
            "klachtnummer;;datum_ontvangst;categorie\nK1;x;01-02-2024;X\nK2;y;01-02-2999;X\n",
        )
        .unwrap();
        let out = case.run(&["controleer", "--register", "r.csv"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        crate::support::has(
            &out.stderr,
            "waarschuwing: r.csv, rij 1: kolom 2 heeft geen kop",
        );
        crate::support::has(
            &out.stderr,
            "waarschuwing: r.csv, rij 3, kolom datum_ontvangst: datum 01-02-2999 ligt in de toekomst",
        );
    }
}

mod patched_xlsx {
    use std::io::{Read, Write};
    use std::path::Path;

    use crate::support::Case;
    use rust_xlsxwriter::{Format, Formula, Workbook};

    /// Rewrites the XML parts of an XLSX file with `edit(name, text)`.
    fn patch(path: &Path, edit: impl Fn(&str, String) -> String) {
        let bytes = std::fs::read(path).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let name = entry.name().expect("entry name").to_string();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            if name.ends_with(".xml") {
                content = edit(&name, String::from_utf8(content).unwrap()).into_bytes();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&content).unwrap();
        }
        std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
    }

    fn header(ws: &mut rust_xlsxwriter::Worksheet) {
        for (c, h) in ["klachtnummer", "datum_ontvangst", "categorie"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
    }

    #[test]
    fn dates_in_the_1904_system() {
        let case = Case::empty("1904");
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        header(ws);
        let date = Format::new().set_num_format("dd-mm-yyyy");
        // 1 February 2024 counted from 1 January 1904.
        let serial = (chrono::NaiveDate::from_ymd_opt(2024, 2, 1).unwrap()
            - chrono::NaiveDate::from_ymd_opt(1904, 1, 1).unwrap())
        .num_days() as f64;
        ws.write_string(1, 0, "K1").unwrap();
        ws.write_number_with_format(1, 1, serial, &date).unwrap();
        ws.write_string(1, 2, "X").unwrap();
        // A numeric klachtnummer must not become "2.0".
        ws.write_number(2, 0, 2.0).unwrap();
        ws.write_number_with_format(2, 1, serial + 100.0, &date)
            .unwrap();
        ws.write_string(2, 2, "X").unwrap();
        book.save(case.path("r.xlsx")).unwrap();
        patch(&case.path("r.xlsx"), |name, xml| {
            if name == "xl/workbook.xml" {
                xml.replace("<workbookPr", "<workbookPr date1904=\"1\"")
            } else {
                xml
            }
        });
        let out = case.verslag("r.xlsx", &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let json = case.json("uit/cijfers-2024.json");
        let q = &json["tabellen"][0];
        assert_eq!(q["id"], "categorieen_per_kwartaal");
        // 1-2-2024 is Q1, 100 days later (11-5-2024) is Q2.
        assert_eq!(q["rijen"][0]["waarden"], serde_json::json!([1, 1, 0, 0, 2]));
        let out = case.run(&["controleer", "--register", "r.xlsx", "--register", "r.xlsx"]);
        crate::support::has(&out.stderr, "klachtnummer \"2\" komt al voor");
    }

    #[test]
    fn an_excel_error_cell_is_a_warning_and_counts_as_empty() {
        let case = Case::empty("fout-cel");
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        header(ws);
        ws.write_string(1, 0, "K1").unwrap();
        ws.write_string(1, 1, "01-02-2024").unwrap();
        ws.write_formula(1, 2, Formula::new("=NA()").set_result("#N/A"))
            .unwrap();
        book.save(case.path("r.xlsx")).unwrap();
        let out = case.run(&["controleer", "--register", "r.xlsx"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        crate::support::has(
            &out.stderr,
            "rij 2, kolom categorie: Excel-foutwaarde #N/A in de cel; telt als leeg",
        );
    }

    #[test]
    fn a_formula_without_cached_value_is_a_warning() {
        let case = Case::empty("formule");
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        header(ws);
        ws.write_string(1, 0, "K1").unwrap();
        ws.write_string(1, 1, "01-02-2024").unwrap();
        ws.write_formula(
            1,
            2,
            Formula::new("=\"Bejegening\"").set_result("Bejegening"),
        )
        .unwrap();
        ws.write_string(2, 0, "K2").unwrap();
        ws.write_string(2, 1, "01-02-2024").unwrap();
        ws.write_formula(2, 2, Formula::new("=\"Zorg\"").set_result("Zorg"))
            .unwrap();
        book.save(case.path("r.xlsx")).unwrap();
        // Drop the cached value of the second formula, as tools that do not calculate do.
        patch(&case.path("r.xlsx"), |name, xml| {
            if name.starts_with("xl/worksheets/") {
                xml.replace("<v>Zorg</v>", "")
            } else {
                xml
            }
        });
        let out = case.run(&["controleer", "--register", "r.xlsx"]);
        crate::support::has(
            &out.stderr,
            "rij 3, kolom categorie: formule zonder opgeslagen uitkomst; telt als leeg",
        );
        // The first formula's cached value is used.
        let out = case.verslag("r.xlsx", &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let json = case.json("uit/cijfers-2024.json");
        assert_eq!(json["tabellen"][0]["rijen"][0]["label"], "Bejegening");
    }
}

#[test]
fn more_value_rules_with_row_and_column() {
    let case = Case::empty("waarden");
    std::fs::write(
        case.path("r.csv"),
        "klachtnummer;datum_ontvangst;datum_afgehandeld;categorie\n K1 ;01-02-2024;01-01-2024;X\nK2;01-02-1999;;\u{00A0}Zorg\u{200B} | zorg\nK3;01-02-2024;;A\n",
    )
    .unwrap();
    let out = case.run(&["controleer", "--register", "r.csv"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for e in [
        "fout: r.csv, rij 2, kolom datum_afgehandeld: datum afgehandeld 01-01-2024 ligt voor datum ontvangst 01-02-2024",
        "waarschuwing: r.csv, rij 3, kolom datum_ontvangst: datum 01-02-1999 ligt voor 2000; klopt het jaartal?",
        "waarschuwing: r.csv, rij 3, kolom categorie: categorie \"Zorg\" staat dubbel bij deze klacht; telt één keer",
    ] {
        assert!(out.stderr.contains(e), "missing {e:?} in:\n{}", out.stderr);
    }
    let out = case.verslag("r.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let pdf = std::fs::read(case.path("uit/jaarverslag-2024.pdf")).unwrap();
    let text = crate::support::pdf_text(&pdf);
    crate::support::has(&text, "Datakwaliteit");
    crate::support::has(&text, "1 rij uit het register kon niet worden meegeteld");
}

mod bounds {
    use crate::support::Case;

    #[test]
    fn a_huge_field_and_many_columns_are_handled() {
        let case = Case::empty("groot");
        let mut header: Vec<String> = (0..197).map(|i| format!("extra_{i}")).collect();
        header.extend(["klachtnummer", "datum_ontvangst", "categorie"].map(String::from));
        let mut row: Vec<String> = (0..197).map(|i| format!("v{i}")).collect();
        row.extend(["K1".into(), "01-02-2024".into(), "x".repeat(100_000)]);
        std::fs::write(
            case.path("r.csv"),
            format!("{}\n{}\n", header.join(";"), row.join(";")),
        )
        .unwrap();
        let out = case.verslag("r.csv", &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        // The 100,000-character category is one deelklacht; the JSON keeps it whole, and in
        // the XLSX it is cut to what one cell holds (32,767 characters), with a warning.
        let json = case.json("uit/cijfers-2024.json");
        assert_eq!(json["kerngetallen"]["deelklachten"], 1);
        let label = json["tabellen"][0]["rijen"][0]["label"].as_str().unwrap();
        assert_eq!(label.len(), 100_000);
        crate::support::has(
            &out.stderr,
            "is langer dan een Excel-cel toestaat (32.767 tekens) en is ingekort",
        );
        use calamine::{Data, Reader, Xlsx, open_workbook};
        let mut book: Xlsx<_> = open_workbook(case.path("uit/tabellen-2024.xlsx")).unwrap();
        let r = book.worksheet_range("categorieen_per_kwartaal").unwrap();
        let cell = r
            .rows()
            .find_map(|row| match &row[0] {
                Data::String(s) if s.starts_with("xxx") => Some(s.clone()),
                _ => None,
            })
            .expect("the category's row");
        assert_eq!(cell.chars().count(), 32_767);
    }

    #[test]
    fn every_error_in_a_large_register_is_found() {
        let case = Case::empty("veel");
        let mut text = String::from("klachtnummer;datum_ontvangst;categorie\n");
        for i in 0..100_000u32 {
            let date = if i % 100 == 99 {
                "31-02-2024"
            } else {
                "01-02-2024"
            };
            text.push_str(&format!("K{i};{date};Bejegening\n"));
        }
        std::fs::write(case.path("r.csv"), text).unwrap();
        let out = case.run(&["controleer", "--register", "r.csv"]);
        assert_eq!(out.code, 1);
        crate::support::has(&out.stderr, "1000 fouten");
        crate::support::has(&out.stderr, "… en nog 950 meldingen");
        // The last one is found too: record 100.000 is rij 100.001.
        crate::support::has(&out.stderr, "100000 rijen");
        let out = case.verslag("r.csv", &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let json = case.json("uit/cijfers-2024.json");
        let excluded = json["uitgesloten_rijen"].as_array().unwrap();
        assert_eq!(excluded.len(), 1000);
        assert_eq!(excluded.last().unwrap()["rij"], 100_001);
        assert_eq!(json["kerngetallen"]["ontvangen"], 99_000);
    }
}
