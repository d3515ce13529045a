//! The config's own figures beside the register's (#25 items 6–8): rates per volume
//! (`[[volume]]`), earlier years as totals (`[[eerder]]`) and other signals (`[[signaal]]`),
//! in the PDF, the JSON, the XLSX and the public version; bad values in Dutch with the key and
//! the line. The expected numbers are worked out in each fixture's README.

use crate::support::{Case, has, table};
use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::json;

fn rijen(t: &serde_json::Value) -> Vec<(String, serde_json::Value)> {
    t["rijen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap().to_string(),
                r["waarden"].clone(),
            )
        })
        .collect()
}

fn cell(range: &calamine::Range<Data>, r: u32, c: u32) -> Option<Data> {
    range
        .get_value((r, c))
        .cloned()
        .filter(|d| *d != Data::Empty)
}

/// `verslag` for 2024 on `register` with the case's config into `uit`, plus `extra`.
fn verslag(case: &Case, register: &str, uit: &str, extra: &[&str]) -> crate::support::Output {
    let mut args = vec![
        "verslag",
        "--register",
        register,
        "--config",
        "config.toml",
        "--jaar",
        "2024",
        "--uit",
        uit,
    ];
    args.extend_from_slice(extra);
    case.run(&args)
}

#[test]
fn rates_per_volume_in_every_output() {
    let case = Case::fixture("verhoudingsgetallen");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("uit/cijfers-2024.json");
    let t = table(&j, "klachten_per_jaar");
    assert_eq!(
        t["kolommen"],
        json!([
            "Aantal",
            "Consulten",
            "Per 1.000 consulten",
            "Verrichtingen",
            "% van de verrichtingen"
        ])
    );
    assert_eq!(
        rijen(t),
        [
            ("2024".to_string(), json!([6, 2400, 2.5, 12000, 0.05])),
            ("2023".to_string(), json!([4, 2000, 2.0, null, null])),
        ]
    );
    assert_eq!(
        j["verhoudingsgetallen"],
        json!([
            {"eenheid": "consulten", "per": 1000, "jaar": 2024, "volume": 2400, "klachten": 6, "waarde": 2.5},
            {"eenheid": "consulten", "per": 1000, "jaar": 2023, "volume": 2000, "klachten": 4, "waarde": 2.0},
            {"eenheid": "verrichtingen", "per": 100, "jaar": 2024, "volume": 12000, "klachten": 6, "waarde": 0.05},
        ])
    );
    let pdf = case.pdf_text("uit/jaarverslag-2024.pdf");
    has(&pdf, "2,50 klachten per 1.000 consulten 2023: 2,00");
    has(&pdf, "0,05% klachten in % van de verrichtingen");
    has(&pdf, "2024 6 2.400 2,50 12.000 0,05");
    has(&pdf, "2023 4 2.000 2,00 – –");
    // The XLSX: numbers as numbers, the rates among the key figures.
    let mut book: Xlsx<_> = open_workbook(case.path("uit/tabellen-2024.xlsx")).unwrap();
    let per_jaar = book.worksheet_range("klachten_per_jaar").unwrap();
    assert_eq!(cell(&per_jaar, 2, 3), Some(Data::Float(2.5)));
    assert_eq!(cell(&per_jaar, 3, 4), None);
    let kern = book.worksheet_range("kerngetallen").unwrap();
    assert_eq!(
        cell(&kern, 17, 0),
        Some(Data::String("Klachten per 1.000 consulten".into()))
    );
    assert_eq!(cell(&kern, 17, 1), Some(Data::Float(2.5)));
    assert_eq!(cell(&kern, 17, 2), Some(Data::Float(2.0)));
    assert_eq!(cell(&kern, 18, 1), Some(Data::Float(0.05)));

    // Public: 2023's 4 complaints are small, so are its rate (4 / 2.000 × 1.000 gives them
    // back) and the rate's tile.
    let out = verslag(&case, "register.csv", "pub", &["--publiek"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("pub/cijfers-2024.json");
    let t = table(&j, "klachten_per_jaar");
    assert_eq!(rijen(t)[1].1, json!(["< 5", 2000, "x", null, null]));
    assert_eq!(j["verhoudingsgetallen"][1]["waarde"], "x");
    let pdf = case.pdf_text("pub/jaarverslag-2024.pdf");
    has(&pdf, "2023: x");
}

#[test]
fn earlier_years_are_taken_from_earlier_reports_and_marked() {
    let case = Case::fixture("eerdere-jaren");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("uit/cijfers-2024.json");
    let t = table(&j, "klachten_per_jaar");
    assert_eq!(
        rijen(t),
        [
            ("2024".to_string(), json!([7])),
            ("2023".to_string(), json!([10])),
            ("2022".to_string(), json!([9])),
        ]
    );
    assert_eq!(t["uit_eerdere_verslagen"], json!(["2023", "2022"]));
    let m = table(&j, "categorieen_meerjarig");
    assert_eq!(m["kolommen"], json!(["2024", "2023", "Totaal (2 jr)"]));
    assert_eq!(
        rijen(m),
        [
            ("Bejegening".to_string(), json!([3, 4, 7])),
            ("Communicatie".to_string(), json!([2, 5, 7])),
            ("Zorg".to_string(), json!([2, 3, 5])),
            ("Financiën".to_string(), json!([1, 0, 1])),
            ("Totaal".to_string(), json!([8, 12, 20])),
        ]
    );
    assert_eq!(m["uit_eerdere_verslagen"], json!(["2023"]));
    assert_eq!(
        j["vergelijking"]["kerngetallen"],
        json!({"ontvangen": 12, "in_behandeling": 10, "deelklachten": 12})
    );
    assert_eq!(j["vergelijking"]["uit_eerder_verslag"], true);
    assert_eq!(j["eerdere_jaren"][0]["bron"], "Jaarverslag klachten 2023");
    let pdf = case.pdf_text("uit/jaarverslag-2024.pdf");
    has(&pdf, "2023: 10 (eerder verslag)");
    has(&pdf, "2024 2023* Totaal (2 jr)");
    has(&pdf, "2023* 10 2022* 9");
    has(
        &pdf,
        "* 2023 en 2022: overgenomen uit eerdere jaarverslagen; het register gaat niet zo ver terug.",
    );
    has(&pdf, "daalde van 10 in 2023 naar 7 in 2024");
    let mut book: Xlsx<_> = open_workbook(case.path("uit/tabellen-2024.xlsx")).unwrap();
    let per_jaar = book.worksheet_range("klachten_per_jaar").unwrap();
    assert_eq!(cell(&per_jaar, 3, 0), Some(Data::String("2023*".into())));
    assert_eq!(cell(&per_jaar, 3, 1), Some(Data::Float(10.0)));
    assert_eq!(
        cell(&per_jaar, 6, 0),
        Some(Data::String(
            "* 2023 en 2022: overgenomen uit eerdere jaarverslagen; het register gaat niet zo ver terug.".into()
        ))
    );
    let kern = book.worksheet_range("kerngetallen").unwrap();
    // Only what the earlier report gave: no afgehandeld for 2023.
    assert_eq!(cell(&kern, 3, 2), Some(Data::Float(10.0)));
    assert_eq!(cell(&kern, 5, 2), None);

    // A register that reaches back into 2023 wins, and the run says so.
    let mut reg = std::fs::read_to_string(case.path("register.csv")).unwrap();
    reg.push_str("E09,15-11-2023,20-11-2023,Zorg,Gegrond\n");
    std::fs::write(case.path("ook-2023.csv"), reg).unwrap();
    let out = verslag(&case, "ook-2023.csv", "ook", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "waarschuwing: [[eerder]] jaar = 2023: het register heeft zelf klachten uit 2023 en die tellen (1 in behandeling); de configuratie noemt 10",
    );
    let j = case.json("ook/cijfers-2024.json");
    let t = table(&j, "klachten_per_jaar");
    assert_eq!(rijen(t)[1], ("2023".to_string(), json!([1])));
    assert_eq!(t["uit_eerdere_verslagen"], json!(["2022"]));
    assert!(j["vergelijking"].get("uit_eerder_verslag").is_none());
}

#[test]
fn other_signals_are_small_tables_of_their_own() {
    let case = Case::fixture("signalen");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("uit/cijfers-2024.json");
    let s1 = table(&j, "signaal_1");
    assert_eq!(s1["titel"], "Meldingen aan de IGJ");
    assert_eq!(
        rijen(s1),
        [
            ("Calamiteiten".to_string(), json!([3])),
            ("Geweld in de zorgrelatie".to_string(), json!([1])),
            ("Ontslag wegens disfunctioneren".to_string(), json!([0])),
            ("Totaal".to_string(), json!([4])),
        ]
    );
    assert_eq!(rijen(table(&j, "signaal_2")).last().unwrap().1, json!([87]));
    assert_eq!(rijen(table(&j, "signaal_3")).len(), 2);
    let pdf = case.pdf_text("uit/jaarverslag-2024.pdf");
    has(&pdf, "4 Andere signalen");
    has(
        &pdf,
        "Tabel 7 Meldingen aan de IGJ Soort melding Aantal Calamiteiten 3",
    );
    has(
        &pdf,
        "Meldingen van incidenten door medewerkers, naar de soort incident.",
    );
    has(
        &pdf,
        "Tabel 9 Claims en aansprakelijkstellingen Claims Aantal Ingediend 6 Afgewezen 4",
    );
    let mut book: Xlsx<_> = open_workbook(case.path("uit/tabellen-2024.xlsx")).unwrap();
    assert!(book.sheet_names().contains(&"signaal_2".to_string()));
    let s2 = book.worksheet_range("signaal_2").unwrap();
    assert_eq!(
        cell(&s2, 0, 0),
        Some(Data::String("Incidenten (MIC-meldingen) naar soort".into()))
    );
    assert_eq!(cell(&s2, 1, 0), Some(Data::String("Soort incident".into())));
    assert_eq!(cell(&s2, 6, 1), Some(Data::Float(87.0)));

    // Public: the small counts are hidden, and one more where a Totaal would give one back.
    let out = verslag(&case, "register.csv", "pub", &["--publiek"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("pub/cijfers-2024.json");
    assert_eq!(
        rijen(table(&j, "signaal_2")),
        [
            ("Vallen".to_string(), json!([42])),
            ("Medicatie".to_string(), json!([31])),
            ("Agressie".to_string(), json!(["x"])),
            ("Overig".to_string(), json!(["< 5"])),
            ("Totaal".to_string(), json!([87])),
        ]
    );
    assert_eq!(rijen(table(&j, "signaal_3"))[1].1, json!(["< 5"]));
    // Without the config's tables the report is the one it was.
    std::fs::write(
        case.path("leeg.toml"),
        "[organisatie]\nnaam = \"Zorggroep Het Baken\"\n",
    )
    .unwrap();
    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--config",
        "leeg.toml",
        "--jaar",
        "2024",
        "--uit",
        "zonder",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !case
            .pdf_text("zonder/jaarverslag-2024.pdf")
            .contains("Andere signalen")
    );
}

/// Bad values: a Dutch message naming the key, with the line where TOML knows it.
#[test]
fn bad_config_values_are_named_in_dutch() {
    let case = Case::fixture("signalen");
    for (toml, says) in [
        (
            "[[volume]]\njaar = 2024\naantal = 0\neenheid = \"cliënten\"\n",
            "config.toml: regel 1: [[volume]] jaar = 2024: aantal is 0",
        ),
        (
            "[[volume]]\njaar = 2024\naantal = 10\neenheid = \"cliënten\"\nper = 7\n",
            "per = 7 kan niet; kies 100 (een percentage), 1000, 10000 of 100000",
        ),
        (
            "[[volume]]\njaar = 2024\naantal = 10\neenheid = \"cliënten\"\n[[volume]]\njaar = 2024\naantal = 11\neenheid = \"cliënten\"\n",
            "[[volume]] jaar = 2024, eenheid = \"cliënten\": staat er twee keer in",
        ),
        (
            "[eenheid.\"Wonen\"]\n[[eenheid.\"Wonen\".volume]]\njaar = 2024\naantal = 10\neenheid = \"c\"\n[[eenheid.\"Wonen\".volume]]\njaar = 2023\naantal = 10\neenheid = \"c\"\nper = 100\n",
            "[[eenheid.\"Wonen\".volume]] eenheid = \"c\": per = 1000 in 2024 en per = 100 in 2023",
        ),
        (
            "[[eerder]]\njaar = 2023\nin_behandeling = 10\ndeelklachten = 3\ncategorieen = { A = 1 }\n",
            "regel 1: [[eerder]] jaar = 2023: deelklachten (3) is niet de som van de categorieën (1)",
        ),
        (
            "[[eerder]]\njaar = 2023\nin_behandeling = 10\n[[eerder]]\njaar = 2023\nin_behandeling = 11\n",
            "[[eerder]] jaar = 2023: staat er twee keer in",
        ),
        ("[[eerder]]\njaar = 2023\nontvangen = 10\n", "regel 1: "),
        (
            "\n[[signaal]]\ntitel = \"IGJ\"\nrijen = [[\"Calamiteiten\", \"drie\"]]\n",
            "regel 4: [[signaal]] rijen: elke rij is [\"naam\", aantal], bijvoorbeeld [\"Calamiteiten\", 3]; bij \"Calamiteiten\" is het aantal geen geheel getal van 0 of meer",
        ),
        (
            "[[signaal]]\ntitel = \"IGJ\"\nrijen = [[\"A\", 1]]\n[[signaal]]\ntitel = \"igj\"\nrijen = [[\"A\", 1]]\n",
            "[[signaal]] titel = \"igj\": staat er dubbel in (ook als \"IGJ\")",
        ),
        (
            "[[signaal]]\ntitel = \"IGJ\"\nrij = [[\"A\", 1]]\n",
            "onbekende sleutel \"rij\"",
        ),
    ] {
        std::fs::write(case.path("fout.toml"), toml).unwrap();
        let out = case.run(&[
            "verslag",
            "--register",
            "register.csv",
            "--config",
            "fout.toml",
            "--uit",
            "fout",
        ]);
        assert_eq!(out.code, 2, "{toml}: {}", out.stderr);
        has(&out.stderr.replace("fout.toml", "config.toml"), says);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
}

/// Both PDF checkers on the reports with the new tables (as `zinnen` runs them on the others).
#[test]
fn the_new_tables_pass_the_pdf_checkers() {
    let mut pdfs = Vec::new();
    let mut cases = Vec::new();
    for (fixture, extra) in [
        ("verhoudingsgetallen", &[][..]),
        ("eerdere-jaren", &[][..]),
        ("signalen", &["--publiek"][..]),
    ] {
        let case = Case::fixture(fixture);
        let out = case.verslag("register.csv", extra);
        assert_eq!(out.code, 0, "{}", out.stderr);
        pdfs.push(
            case.path("uit/jaarverslag-2024.pdf")
                .to_string_lossy()
                .into_owned(),
        );
        cases.push(case);
    }
    crate::zinnen::conform(&pdfs);
}
