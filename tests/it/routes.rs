//! Routes side by side (#25 item 3, `[verslag] routes = "soort"`): the klachtenfunctionaris
//! and the klachtencommissie as separate populations, each with its own key figures and
//! categories, in the PDF, the JSON, the XLSX and the public version; never summed; bad values
//! in Dutch with the key. The expected numbers are worked out in `fixtures/routes/README.md`.

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

fn run(case: &Case, config: &str, uit: &str, extra: &[&str]) -> crate::support::Output {
    let mut args = vec![
        "verslag",
        "--register",
        "register.csv",
        "--config",
        config,
        "--uit",
        uit,
    ];
    if !extra.contains(&"--periode") {
        args.extend(["--jaar", "2024"]);
    }
    args.extend_from_slice(extra);
    case.run(&args)
}

#[test]
fn the_routes_stand_side_by_side_with_their_own_figures() {
    let case = Case::fixture("routes");
    let out = run(&case, "config.toml", "uit", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("uit/cijfers-2024.json");
    // The whole population stays as it is.
    assert_eq!(j["kerngetallen"]["ontvangen"], 18);
    assert_eq!(j["kerngetallen"]["in_behandeling"], 17);
    assert_eq!(j["kerngetallen"]["deelklachten"], 20);
    let naast = table(&j, "routes_naast_elkaar");
    assert_eq!(
        naast["kolommen"],
        json!([
            "Ontvangen",
            "In behandeling",
            "Deelklachten",
            "Afgehandeld",
            "Binnen 6 weken",
            "Binnen termijn %",
            "Lopend"
        ])
    );
    // Never summed: no Totaal row, no Totaal column.
    assert_eq!(
        rijen(naast),
        [
            (
                "Klachtencommissie".to_string(),
                json!([6, 5, 6, 4, 1, 25.0, 1])
            ),
            (
                "Klachtenfunctionaris".to_string(),
                json!([12, 12, 14, 10, 8, 80.0, 2])
            ),
        ]
    );
    assert_eq!(
        rijen(table(&j, "route_1_categorieen")),
        [
            ("Medisch handelen".to_string(), json!([3, 50.0])),
            ("Communicatie".to_string(), json!([2, 33.3])),
            ("Bejegening".to_string(), json!([1, 16.7])),
            ("Totaal".to_string(), json!([6, 100.0])),
        ]
    );
    let t2 = table(&j, "route_2_categorieen");
    assert_eq!(
        t2["titel"],
        "Deelklachten per categorie, route Klachtenfunctionaris"
    );
    assert_eq!(
        rijen(t2),
        [
            ("Communicatie".to_string(), json!([5, 35.7])),
            ("Bejegening".to_string(), json!([4, 28.6])),
            ("Organisatie".to_string(), json!([3, 21.4])),
            ("Medisch handelen".to_string(), json!([2, 14.3])),
            ("Totaal".to_string(), json!([14, 100.0])),
        ]
    );
    let pdf = case.pdf_text("uit/jaarverslag-2024.pdf");
    has(&pdf, "4 Routes naast elkaar");
    has(
        &pdf,
        "De routes zijn aparte groepen klachten en worden nooit bij elkaar opgeteld",
    );
    has(
        &pdf,
        "Klachtencommissie 6 5 6 4 1 25,0% 1 Klachtenfunctionaris 12 12 14 10 8 80,0% 2",
    );
    has(&pdf, "4.2 Route Klachtencommissie");
    has(
        &pdf,
        "4.3 Route Klachtenfunctionaris 12 Ontvangen 12 In behandeling 14 Deelklachten",
    );
    has(
        &pdf,
        "Tabel 9 Deelklachten per categorie, route Klachtenfunctionaris Categorie Aantal Percentage Communicatie 5 35,7%",
    );
    let mut book: Xlsx<_> = open_workbook(case.path("uit/tabellen-2024.xlsx")).unwrap();
    let names = book.sheet_names();
    for s in [
        "routes_naast_elkaar",
        "route_1_categorieen",
        "route_2_categorieen",
    ] {
        assert!(names.contains(&s.to_string()), "{names:?}");
    }
    let s = book.worksheet_range("routes_naast_elkaar").unwrap();
    assert_eq!(s.get_value((1, 0)), Some(&Data::String("Route".into())));
    assert_eq!(
        s.get_value((3, 0)),
        Some(&Data::String("Klachtenfunctionaris".into()))
    );
    assert_eq!(s.get_value((3, 1)), Some(&Data::Float(12.0)));
}

#[test]
fn the_public_version_protects_the_routes() {
    let case = Case::fixture("routes");
    let out = run(&case, "config.toml", "pub", &["--publiek"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("pub/cijfers-2024.json");
    let naast = rijen(table(&j, "routes_naast_elkaar"));
    // The commissie's 4 closed, 1 within the term and 1 open are small; its share within
    // the term would give the 1 back (25% of 4), so it goes too.
    assert_eq!(naast[0].1[3], "< 5");
    assert_eq!(naast[0].1[4], "< 5");
    assert_eq!(naast[0].1[5], "x");
    assert_eq!(naast[0].1[6], "< 5");
    // The functionaris' 2 open are small; 10 closed = 12 − 2 would give them back.
    assert_eq!(naast[1].1[6], "< 5");
    assert_eq!(naast[1].1[3], "x");
    // Every small count of the route tables is hidden.
    for id in [
        "routes_naast_elkaar",
        "route_1_categorieen",
        "route_2_categorieen",
    ] {
        for (label, w) in rijen(table(&j, id)) {
            for v in w.as_array().unwrap() {
                if let Some(n) = v.as_u64() {
                    assert!(n == 0 || n >= 5, "{id} {label}: {n}");
                }
            }
        }
    }
    let pdf = case.pdf_text("pub/jaarverslag-2024.pdf");
    has(&pdf, "4 Routes naast elkaar");
}

#[test]
fn without_the_setting_there_are_no_routes() {
    let case = Case::fixture("routes");
    let cfg = std::fs::read_to_string(case.path("config.toml")).unwrap();
    let zonder: String = cfg
        .lines()
        .filter(|l| !l.starts_with("routes") && !l.starts_with("route_namen"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(case.path("zonder.toml"), zonder).unwrap();
    let out = run(&case, "zonder.toml", "zonder", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("zonder/cijfers-2024.json");
    assert!(
        j["tabellen"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| !t["id"].as_str().unwrap().starts_with("route"))
    );
    assert!(
        !case
            .pdf_text("zonder/jaarverslag-2024.pdf")
            .contains("Routes naast elkaar")
    );
    // The routes add tables and nothing else: the whole population's numbers are the same.
    let out = run(&case, "config.toml", "met", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let met = case.json("met/cijfers-2024.json");
    assert_eq!(met["kerngetallen"], j["kerngetallen"]);
    let zonder_route = |v: &serde_json::Value| -> Vec<serde_json::Value> {
        v["tabellen"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| !t["id"].as_str().unwrap().starts_with("route"))
            .cloned()
            .collect()
    };
    assert_eq!(zonder_route(&met), zonder_route(&j));
}

#[test]
fn a_quarter_has_its_routes_too() {
    let case = Case::fixture("routes");
    let out = run(&case, "config.toml", "q2", &["--periode", "2024-Q2"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("q2/cijfers-2024-Q2.json");
    // Q2: C03, C04 (niet ontvankelijk) and F05–F07; within the term C03 (32 days), F05 (25)
    // and F07 (7), not F06 (87).
    assert_eq!(
        rijen(table(&j, "routes_naast_elkaar")),
        [
            (
                "Klachtencommissie".to_string(),
                json!([2, 1, 1, 1, 1, 100.0, 0])
            ),
            (
                "Klachtenfunctionaris".to_string(),
                json!([3, 3, 4, 3, 2, 66.7, 0])
            ),
        ]
    );
}

#[test]
fn complaints_without_a_route_are_a_route_of_their_own() {
    let case = Case::fixture("routes");
    let reg = std::fs::read_to_string(case.path("register.csv")).unwrap();
    std::fs::write(
        case.path("register.csv"),
        reg.replace(
            "F12,16-12-2024,,Organisatie,Lopend,Klachtenfunctionaris",
            "F12,16-12-2024,,Organisatie,Lopend,",
        ),
    )
    .unwrap();
    let out = run(&case, "config.toml", "uit", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("uit/cijfers-2024.json");
    let naast = rijen(table(&j, "routes_naast_elkaar"));
    assert_eq!(naast[1].1, json!([11, 11, 13, 10, 8, 80.0, 1]));
    assert_eq!(
        naast[2],
        ("Onbekend".to_string(), json!([1, 1, 1, 0, 0, 0.0, 1]))
    );
    assert_eq!(
        rijen(table(&j, "route_3_categorieen")),
        [
            ("Organisatie".to_string(), json!([1, 100.0])),
            ("Totaal".to_string(), json!([1, 100.0])),
        ]
    );
}

/// Bad values: a Dutch message naming the key (and the line where TOML knows it); never a
/// panic.
#[test]
fn bad_route_settings_are_named_in_dutch() {
    let case = Case::fixture("routes");
    for (toml, register, says) in [
        (
            "[verslag]\nroutes = \"kanaal\"\n",
            "register.csv",
            "regel 2: [verslag] routes: onbekende kolom \"kanaal\" (kies \"soort\"",
        ),
        (
            "[verslag]\nroutes = \"soort\"\nroute_namen = { Commissie = \"Klachtencommissie\" }\n",
            "register.csv",
            "[verslag] route_namen: onbekende route \"Commissie\" (kies Formeel of Informeel)",
        ),
        (
            "[verslag]\nroute_namen = { Formeel = \"Klachtencommissie\" }\n",
            "register.csv",
            "[verslag] route_namen: staat er zonder routes",
        ),
        (
            "[verslag]\nroutes = \"soort\"\nroute_namen = { Formeel = \" \" }\n",
            "register.csv",
            "[verslag] route_namen: de naam van Formeel is leeg",
        ),
        (
            "[verslag]\nroutes = \"soort\"\n",
            "zonder-soort.csv",
            "[verslag] routes = \"soort\": het register heeft geen kolom soort",
        ),
    ] {
        let reg = std::fs::read_to_string(case.path("register.csv")).unwrap();
        let zonder: String = reg
            .lines()
            .map(|l| format!("{}\n", l.rsplit_once(',').unwrap().0))
            .collect();
        std::fs::write(case.path("zonder-soort.csv"), zonder).unwrap();
        std::fs::write(case.path("fout.toml"), toml).unwrap();
        let out = case.run(&[
            "verslag",
            "--register",
            register,
            "--config",
            "fout.toml",
            "--jaar",
            "2024",
            "--uit",
            "fout",
        ]);
        assert_eq!(out.code, 2, "{toml}: {}", out.stderr);
        has(&out.stderr, says);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
}

/// Both PDF checkers on the reports with the route tables, plain and public.
#[test]
fn the_route_tables_pass_the_pdf_checkers() {
    let case = Case::fixture("routes");
    let mut pdfs = Vec::new();
    for (uit, extra) in [("uit", &[][..]), ("pub", &["--publiek"][..])] {
        let out = run(&case, "config.toml", uit, extra);
        assert_eq!(out.code, 0, "{}", out.stderr);
        pdfs.push(
            case.path(&format!("{uit}/jaarverslag-2024.pdf"))
                .to_string_lossy()
                .into_owned(),
        );
    }
    crate::zinnen::conform(&pdfs);
}
