//! Registers the way real systems and hands make them: no report lost, no data changed
//! without a word. One fixture per class of input (see fixtures/README.md).

use crate::support::{Case, has, table};

/// Labels in Arabic, Chinese, Hebrew, Devanagari and Ge'ez script, an arrow and a rare symbol
/// are printed; an emoji no embedded font has is a placeholder in the PDF only, with a warning
/// naming bestand, rij and kolom; the JSON and the XLSX keep the text.
#[test]
fn no_label_in_any_script_loses_the_report() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let case = Case::fixture("schriften");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "waarschuwing: register.csv, rij 5, kolom categorie: \"Tandarts 🦷\" bevat tekens die geen lettertype van het verslag kan tonen (🦷); in de PDF staat daar □ (ook in 1 andere rij); de JSON en de XLSX houden de tekst zoals die is",
    );
    has(
        &out.stderr,
        "waarschuwing: config.toml: [organisatie] naam: \"Stichting Zorg 🦷 Noord\" bevat tekens",
    );
    let text = case.pdf_text("uit/jaarverslag-2024.pdf");
    for shown in [
        "护理中心",
        "Zorg → Welzijn",
        "Tandarts □",
        "Stichting Zorg □ Noord",
    ] {
        has(&text, shown);
    }
    assert!(!text.contains('🦷'));
    let json = case.json("uit/cijfers-2024.json");
    assert_eq!(json["organisatie"], "Stichting Zorg 🦷 Noord");
    let cats: Vec<&str> = table(&json, "categorieen_per_kwartaal")["rijen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert!(cats.contains(&"Tandarts 🦷"), "{cats:?}");
    let mut book: Xlsx<_> = open_workbook(case.path("uit/tabellen-2024.xlsx")).unwrap();
    let r = book.worksheet_range("categorieen_per_kwartaal").unwrap();
    assert!(
        r.rows()
            .any(|row| row[0] == Data::String("Tandarts 🦷".into())),
        "the XLSX keeps the emoji"
    );
    // controleer names the same problems.
    let out = case.run(&[
        "controleer",
        "--register",
        "register.csv",
        "--config",
        "config.toml",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "register.csv, rij 5, kolom categorie: \"Tandarts 🦷\" bevat tekens",
    );
}

/// More filled fields than the header: an error naming rij, both counts and the likely cause;
/// fewer: a warning naming the columns left empty; trailing empty fields: nothing.
#[test]
fn ragged_rows_are_named_not_taken() {
    let case = Case::fixture("rafelig");
    let out = case.run(&["controleer", "--register", "register.csv"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    has(
        &out.stderr,
        "fout: register.csv, rij 3: rij heeft 7 velden, de kop 6: waarschijnlijk staat er een ';' in een veld zonder aanhalingstekens",
    );
    has(
        &out.stderr,
        "waarschuwing: register.csv, rij 4: rij heeft 4 velden, de kop 6; leeg gelaten: cluster, afhandeling",
    );
    assert!(
        !out.stderr.contains("rij 5:"),
        "trailing empty fields are silent"
    );
    assert!(!out.stderr.contains("rij 6"), "{}", out.stderr);
    // verslag leaves the shifted row out (listed), and counts no shifted value.
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = case.json("uit/cijfers-2024.json");
    assert_eq!(json["kerngetallen"]["ontvangen"], 4);
    assert_eq!(json["uitgesloten_rijen"][0]["rij"], 3);
    let klagers = table(&json, "klagers_per_type");
    assert!(
        klagers["rijen"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["label"] != "Onbekend"),
        "a shifted value counted as klager Onbekend: {klagers}"
    );
}

/// A UTF-8 file with one Windows-1252 line: the good lines stay UTF-8, the odd line is read
/// as Windows-1252 and named.
#[test]
fn a_mixed_encoding_is_decided_per_line() {
    let case = Case::fixture("gemengde-codering");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "waarschuwing: register.csv, rij 3: deze regel is geen UTF-8 zoals de rest van het bestand en is gelezen als Windows-1252 (ANSI)",
    );
    assert!(!out.stderr.contains("rij 2:"), "{}", out.stderr);
    let controleer = case.run(&["controleer", "--register", "register.csv"]);
    has(
        &controleer.stderr,
        "waarschuwing: register.csv, rij 3: deze regel is geen UTF-8",
    );
    let json = case.json("uit/cijfers-2024.json");
    let klagers = table(&json, "klagers_per_type");
    assert_eq!(klagers["rijen"][0]["label"], "Cliënt");
    assert_eq!(klagers["rijen"][0]["waarden"][0], 3);
    let cats = table(&json, "categorieen_per_kwartaal");
    assert!(
        cats["rijen"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["label"] == "Financiën")
    );
}

/// Spellings that differ in case, accents, spaces or punctuation between words are one label,
/// and every such merge is reported; symbols and digits never merge.
#[test]
fn merged_spellings_are_reported_and_symbols_never_merge() {
    let case = Case::fixture("samengevoegd");
    let out = case.run(&["controleer", "--register", "register.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "waarschuwing: register.csv, kolom categorie: samengevoegd: 'Bejegening / niet serieus genomen' en 'Bejegening,niet serieus genomen' → 'Bejegening,niet serieus genomen' (3 rijen)",
    );
    has(
        &out.stderr,
        "samengevoegd: '=1+1' en '＝1+1' → '=1+1' (2 rijen)",
    );
    has(
        &out.stderr,
        "kolom cluster: samengevoegd: 'Zorg & Welzijn' en 'zorg & welzijn' → 'Zorg & Welzijn' (3 rijen)",
    );
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = case.json("uit/cijfers-2024.json");
    let labels = |id: &str| -> Vec<String> {
        table(&json, id)["rijen"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["label"].as_str().unwrap().to_string())
            .collect()
    };
    let clusters = labels("klagers_per_cluster_kwartaal");
    assert!(
        clusters.contains(&"Zorg & Welzijn".to_string()),
        "{clusters:?}"
    );
    assert!(
        clusters.contains(&"Zorg Welzijn".to_string()),
        "{clusters:?}"
    );
    let cats = labels("categorieen_per_kwartaal");
    assert!(cats.contains(&"{=1+1}".to_string()), "{cats:?}");
    assert!(cats.contains(&"=1+1".to_string()), "{cats:?}");
    assert_eq!(
        json["samengevoegde_spellingen"].as_array().unwrap().len(),
        3
    );
    let text = case.pdf_text("uit/jaarverslag-2024.pdf");
    has(&text, "Datakwaliteit");
    has(
        &text,
        "samengevoegd: categorie: 'Bejegening / niet serieus genomen' en 'Bejegening,niet",
    );
    has(
        &text,
        "samengevoegd: cluster: 'Zorg & Welzijn' en 'zorg & welzijn' → 'Zorg & Welzijn' (3 rijen)",
    );
}

/// An empty file says it is empty; a header without rows says there is nothing to count.
#[test]
fn empty_and_header_only_files_say_so() {
    let case = Case::fixture("leeg");
    let runs: [&[&str]; 2] = [
        &["controleer", "--register", "register.csv"],
        &["verslag", "--register", "register.csv", "--uit", "uit"],
    ];
    for args in runs {
        let out = case.run(args);
        assert_eq!(out.code, 2, "{}", out.stderr);
        has(&out.stderr, "register.csv");
        has(&out.stderr, "het bestand is leeg (0 bytes)");
        assert!(!out.stderr.contains("verplichte kolom"), "{}", out.stderr);
    }
    let case = Case::fixture("alleen-kop");
    let out = case.run(&["controleer", "--register", "register.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "waarschuwing: register.csv: het bestand heeft een kop maar geen rijen: er zijn geen klachten om te tellen",
    );
    let out = case.run(&["verslag", "--register", "register.csv", "--uit", "uit"]);
    has(&out.stderr, "het bestand heeft een kop maar geen rijen");
    has(
        &out.stderr,
        "het register bevat geen enkele bruikbare klacht",
    );
}

/// Title lines above the header: the user is told on which rij the header was found.
#[test]
fn title_lines_above_the_header_are_named() {
    let case = Case::fixture("titelregels");
    let out = case.run(&["controleer", "--register", "register.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "waarschuwing: register.csv, rij 3: de kop staat op rij 3; rij 1 tot en met 2 erboven zijn overgeslagen (titelregels)",
    );
    has(&out.stderr, "2 rijen");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(&out.stderr, "de kop staat op rij 3");
    // Both complaints below the header are counted, none of the title lines.
    let json = case.json("uit/cijfers-2024.json");
    assert_eq!(json["kerngetallen"]["ontvangen"], 2);
}

/// A first contact before the complaint came in is a warning with both dates.
#[test]
fn first_contact_before_receipt_is_named() {
    let case = Case::fixture("datums");
    let out = case.run(&["controleer", "--register", "register.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "waarschuwing: register.csv, rij 2, kolom datum_eerste_contact: datum eerste contact 08-01-2024 ligt voor datum ontvangst 10-01-2024",
    );
    assert!(!out.stderr.contains("rij 3"), "{}", out.stderr);
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "rij 2, kolom datum_eerste_contact: datum eerste contact 08-01-2024",
    );
}

/// A label far longer than a table row (a description pasted into the cluster column): a
/// warning names bestand, rij, kolom and its length, the terminal shows it shortened, the PDF
/// prints at most 300 characters of it, and the JSON keeps it whole.
#[test]
fn a_very_long_label_is_named_and_shortened_where_it_is_shown() {
    let case = Case::empty("lang-label");
    let long = "Woongroep ".repeat(10_000);
    let long = long.trim_end();
    std::fs::write(
        case.path("register.csv"),
        format!(
            "klachtnummer;datum_ontvangst;cluster;categorie\n\
             K1;12-03-2024;{long};Bejegening\n\
             K2;13-03-2024;Noord;Bejegening\n"
        ),
    )
    .unwrap();
    let out = case.run(&["controleer", "--register", "register.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        &format!(
            "register.csv, rij 2, kolom cluster: \"Woongroep Woongroep Woongroep Woongroep …\" is {} tekens lang; klopt de kolom?",
            long.chars().count()
        ),
    );
    assert_lines_short(&out.stderr);

    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_lines_short(&out.stderr);
    let json = case.json("uit/cijfers-2024.json");
    assert!(
        json.to_string().contains(long),
        "the JSON keeps the whole label"
    );
    let text = case.pdf_text("uit/jaarverslag-2024.pdf");
    assert!(text.contains('…'), "the PDF shows the label cut");
    assert!(
        !text.contains(&"Woongroep ".repeat(40)),
        "the PDF prints at most 300 characters of it"
    );

    // A batch by that column names its units in a warning: shortened there too.
    std::fs::write(
        case.path("config.toml"),
        "[eenheid.\"Zuid\"]\nvoorwoord = \"Tekst\"\n",
    )
    .unwrap();
    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--config",
        "config.toml",
        "--jaar",
        "2024",
        "--uit",
        "per",
        "--per",
        "cluster",
        "--stil",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "geen eenheid met die naam in kolom cluster (eenheden: Noord, Woongroep Woongroep Woongroep Woongroep …)",
    );
    assert_lines_short(&out.stderr);

    // A header row that is a pasted text: each "header" shortened in the missing-column error.
    std::fs::write(
        case.path("geen-kop.csv"),
        format!("klachtnummer;{long};categorie\nK1;12-03-2024;Bejegening\n"),
    )
    .unwrap();
    let out = case.run(&["controleer", "--register", "geen-kop.csv"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    has(
        &out.stderr,
        "verplichte kolom datum_ontvangst ontbreekt (gevonden kolommen: klachtnummer, Woongroep Woongroep Woongroep Woongroep …, categorie)",
    );
    assert_lines_short(&out.stderr);
}

/// `genereer --leeg`: the empty register for next year. The contract's headers, dropdowns for
/// the closed lists and the config's categories and clusters, dates formatted as dates; filled
/// in from its own dropdowns it reads back without a single warning.
#[test]
fn the_empty_register_reads_back_clean_when_filled_from_its_dropdowns() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let case = Case::empty("leeg-register");
    let (_, cfg) = crate::support::voorbeeld();
    let out = case.run(&["genereer", "--leeg", "--config", &cfg, "--uit", "leeg.xlsx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(&out.stdout, "leeg.xlsx geschreven");

    let mut book: Xlsx<_> = open_workbook(case.path("leeg.xlsx")).expect("an XLSX");
    let sheet = book.worksheet_range("Klachten").expect("sheet Klachten");
    let headers: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(headers.len(), 19);
    assert_eq!(
        &headers[..3],
        ["klachtnummer", "datum_ontvangst", "datum_afgehandeld"]
    );
    assert_eq!(sheet.rows().count(), 1, "no rows in an empty register");
    let lists = book.worksheet_range("Keuzelijsten").expect("the lists");
    let column = |name: &str| -> Vec<String> {
        let c = lists
            .rows()
            .next()
            .unwrap()
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("no list {name}"));
        lists
            .rows()
            .skip(1)
            .filter_map(|r| r.get(c))
            .map(|d| d.to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    assert_eq!(column("klager")[0], "Cliënt");
    assert_eq!(column("verlengd"), ["ja", "nee"]);
    let categories = column("categorie");
    assert!(
        categories.contains(&"Bejegening".to_string()),
        "{categories:?}"
    );
    let clusters = column("cluster");
    assert_eq!(clusters.len(), 5, "{clusters:?}");
    // Excel enforces the dropdowns: one data validation per list, on the register's rows.
    let xml = crate::support::zip_entry(&case.path("leeg.xlsx"), "xl/worksheets/sheet1.xml");
    assert_eq!(xml.matches("<dataValidation ").count(), 11, "{xml}");
    assert!(xml.contains("Keuzelijsten!$A$2"), "{xml}");

    // Filled in as a klachtenfunctionaris would: the headers as they are, values from the
    // dropdowns, real date cells.
    let mut filled = rust_xlsxwriter::Workbook::new();
    let ws = filled.add_worksheet();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
    let pick = |name: &str, i: usize| {
        let l = column(name);
        l[i % l.len()].clone()
    };
    for r in 1..=6u32 {
        let i = r as usize;
        let cell = |c: &str| headers.iter().position(|h| h == c).unwrap() as u16;
        ws.write_string(r, cell("klachtnummer"), format!("K{r}"))
            .unwrap();
        let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 2, r as u8).unwrap();
        ws.write_datetime_with_format(r, cell("datum_ontvangst"), &d, &date)
            .unwrap();
        let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 3, r as u8).unwrap();
        ws.write_datetime_with_format(r, cell("datum_afgehandeld"), &d, &date)
            .unwrap();
        for list in [
            "cluster",
            "klager",
            "kanaal",
            "soort",
            "regeling",
            "zorgrelatie",
            "verlengd",
        ] {
            ws.write_string(r, cell(list), pick(list, i)).unwrap();
        }
        ws.write_string(
            r,
            cell("afhandeling"),
            ["Gegrond", "Ongegrond", "Bemiddeld"][i % 3],
        )
        .unwrap();
        ws.write_string(
            r,
            cell("categorie"),
            format!("{}; {}", pick("categorie", i), pick("categorie", i + 1)),
        )
        .unwrap();
        ws.write_string(r, cell("omschrijving"), "GEHEIM").unwrap();
    }
    filled.save(case.path("register-2025.xlsx")).unwrap();
    let out = case.run(&[
        "controleer",
        "--register",
        "register-2025.xlsx",
        "--config",
        &cfg,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "6 rijen; klachten per jaar: 2025: 6; 0 fouten, 0 waarschuwingen",
    );
    let _ = Data::Empty;
}

/// No line of a program's messages is longer than a terminal can sensibly show.
fn assert_lines_short(stderr: &str) {
    let longest = stderr.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(longest < 400, "a line of {longest} characters");
}
