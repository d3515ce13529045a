//! Last year's plans come back as this year's goals, with what came of them: the chapter
//! *Doelen 2024 en resultaat* in the PDF, the JSON and the XLSX (fixture `doelen/`).

use crate::support::{Case, has};

/// The plans of `fixtures/doelen/vorige-config.toml`, in order: this year's goals.
const PLANNEN: [&str; 6] = [
    "Informatie en toegankelijkheid van website en intranet",
    "Overleg met receptionistes en secretariaat",
    "Deskundigheidsbevordering klachtenfunctionarissen",
    "Workshop over het omgaan met onvrede",
    "Animatiefilmpjes voor cliënten met LVB en NAH",
    "Klachtenregistratiesysteem vernieuwen",
];

const ZONDER_RESULTAAT: &str = "waarschuwing: doelen: \"Klachtenregistratiesysteem vernieuwen\": resultaat niet beschreven, geen status; vul resultaat en status in (status: behaald, deels, niet of loopt door) bij het [[doel]] met titel = \"Klachtenregistratiesysteem vernieuwen\"";

#[test]
fn last_years_plans_are_this_years_goals_with_status_and_result() {
    let case = Case::fixture("doelen");
    let out = case.verslag("register.csv", &["--vorige-config", "vorige-config.toml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The one plan without a [[doel]] is warned about; the others are matched by title (one
    // written with other capitals and spaces).
    has(&out.stderr, ZONDER_RESULTAAT);
    assert_eq!(
        out.stderr.matches("waarschuwing: doelen:").count(),
        1,
        "{}",
        out.stderr
    );

    let json = case.json("uit/cijfers-2024.json");
    let d = &json["doelen"];
    let titels: Vec<&str> = d["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["titel"].as_str().unwrap())
        .collect();
    assert_eq!(titels, PLANNEN);
    let statussen: Vec<&serde_json::Value> = d["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["status"])
        .collect();
    assert_eq!(
        serde_json::json!(statussen),
        serde_json::json!(["behaald", "deels", "behaald", "niet", "loopt_door", null])
    );
    let aantal = |k: &str| d[k].as_u64().unwrap();
    assert_eq!(
        [
            aantal("behaald"),
            aantal("deels"),
            aantal("niet"),
            aantal("loopt_door"),
            aantal("zonder_status")
        ],
        [2, 1, 1, 1, 1]
    );
    assert_eq!(aantal("totaal"), 6);
    assert_eq!(d["items"][5]["resultaat"], serde_json::Value::Null);
    has(
        d["items"][5]["actie"].as_str().unwrap(),
        "vul resultaat en status in",
    );
    // A result is a text like the others: its placeholders are filled.
    assert_eq!(
        d["items"][1]["resultaat"],
        "Het overleg is gehouden; incidenten worden nu geregistreerd, oplossingen volgen in 2025."
    );

    let text = case.pdf_text("uit/jaarverslag-2024.pdf");
    // The counts in the texts' placeholders.
    has(
        &text,
        "Van de 6 doelen voor 2024 zijn er 2 behaald, 1 deels, 1 niet, en 1 loopt door.",
    );
    // This year's plans as a list after the plannen text.
    has(
        &text,
        "Voor 2025 nemen wij ons het volgende voor. 1. Werkbezoeken aan de LVB-locaties Uitleg over de rol en de taak van de klachtenfunctionarissen. 2. Online workshops voor medewerkers",
    );
    // The chapter after Adviezen en plannen, its overview adding up, every goal.
    let body = &text[text.rfind("4 Adviezen en plannen").unwrap()..];
    let chapter = &body[body
        .find("5 Doelen 2024 en resultaat")
        .expect("the chapter")..];
    has(
        chapter,
        "Tabel 10 Doelen 2024 naar resultaat Resultaat Aantal Behaald 2 Deels behaald 1 Niet behaald 1 Loopt door 1 Geen status 1 Totaal 6",
    );
    for (i, (titel, status)) in PLANNEN
        .iter()
        .zip([
            "Behaald",
            "Deels behaald",
            "Behaald",
            "Niet behaald",
            "Loopt door",
            "geen status",
        ])
        .enumerate()
    {
        has(chapter, &format!("5.{} {titel} Status: {status}", i + 1));
    }
    has(chapter, "Status: geen status resultaat niet beschreven");
    has(
        chapter,
        "Het script is klaar, maar de workshop is nog niet gegeven.",
    );
    // The colofon names last year's config.
    has(&text, "config.toml (vorig jaar: de doelen)");
    let manifest = case.json("uit/manifest.json");
    assert_eq!(
        manifest["vorige_configuratie"]["naam"],
        "vorige-config.toml"
    );

    // The workbook: a sheet of goals and statuses with the overview below.
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(case.path("uit/tabellen-2024.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names().last().map(String::as_str),
        Some("doelen")
    );
    let r = book.worksheet_range("doelen").unwrap();
    let cell = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 0), Data::String("Doelen 2024 en resultaat".into()));
    assert_eq!(cell(1, 0), Data::String("Doel".into()));
    assert_eq!(cell(2, 1), Data::String("Behaald".into()));
    assert_eq!(cell(7, 0), Data::String(PLANNEN[5].into()));
    assert_eq!(cell(7, 1), Data::String("Geen status".into()));
    assert_eq!(cell(7, 2), Data::String("resultaat niet beschreven".into()));
    assert_eq!(cell(9, 0), Data::String("Resultaat".into()));
    let counts: Vec<f64> = (10..15)
        .map(|row| match cell(row, 1) {
            Data::Float(f) => f,
            other => panic!("row {row}: {other:?}"),
        })
        .collect();
    assert_eq!(counts, [2.0, 1.0, 1.0, 1.0, 1.0]);
    assert_eq!(cell(15, 0), Data::String("Totaal".into()));
    assert_eq!(cell(15, 1), Data::Float(6.0));

    // The public version prints the chapter as it is: it holds no complaint counts.
    let out = case.verslag(
        "register.csv",
        &["--vorige-config", "vorige-config.toml", "--publiek"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(case.json("uit/cijfers-2024.json")["doelen"], json["doelen"]);
    has(
        &case.pdf_text("uit/jaarverslag-2024.pdf"),
        "Behaald 2 Deels behaald 1 Niet behaald 1 Loopt door 1 Geen status 1 Totaal 6",
    );
}

/// Without last year's config the goals are this year's [[doel]]s; a unit's report has only
/// its own section's goals, and a unit without goals has no chapter.
#[test]
fn goals_from_the_config_alone_and_per_unit() {
    let case = Case::fixture("doelen");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !out.stderr.contains("waarschuwing: doelen:"),
        "{}",
        out.stderr
    );
    let d = &case.json("uit/cijfers-2024.json")["doelen"];
    assert_eq!(d["totaal"], 5);
    assert_eq!(
        d["items"][1]["titel"],
        "overleg met Receptionistes en secretariaat"
    );

    let out = case.verslag(
        "register.csv",
        &[
            "--vorige-config",
            "vorige-config.toml",
            "--per",
            "cluster",
            "--stil",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let wonen = case.json("uit/wonen/cijfers-2024.json");
    assert_eq!(wonen["doelen"]["totaal"], 1);
    assert_eq!(
        wonen["doelen"]["items"][0]["titel"],
        "Posters in elke woning"
    );
    let text = case.pdf_text("uit/wonen/jaarverslag-2024.pdf");
    has(&text, "Doelen 2024 en resultaat");
    assert!(
        !text.contains(PLANNEN[0]),
        "the organisation's goals are not the unit's"
    );
    assert!(
        case.json("uit/zorg/cijfers-2024.json")
            .get("doelen")
            .is_none()
    );
    assert!(
        !case
            .pdf_text("uit/zorg/jaarverslag-2024.pdf")
            .contains("Doelen 2024")
    );

    // A status nobody can read is refused, with the line.
    let config = std::fs::read_to_string(case.path("config.toml")).unwrap();
    std::fs::write(
        case.path("config.toml"),
        config.replace("\"loopt door\"", "\"klaar\""),
    )
    .unwrap();
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    has(
        &out.stderr,
        "onbekende status \"klaar\" (kies behaald, deels, niet of loopt door)",
    );
    has(&out.stderr, "regel 45: onbekende status");
}
