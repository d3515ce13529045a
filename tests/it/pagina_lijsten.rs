//! The page's lists and what comes from outside the register: last year's plans as goals,
//! spellings kept apart, long values, rates, earlier years and other signals, each set on the
//! page and found back in the config and the report.

use crate::server::{Server, html_unescape};
use crate::support::{Case, has};

/// Last year's config (the one the page downloaded a year ago) holds last year's plans: on the
/// page they become this year's goals, each with a status and a result box; the report gets
/// the chapter, and a goal left without a result is named at step 3.
#[test]
fn last_years_plans_come_back_as_goals_on_the_page() {
    let srv = Server::start(&[]);
    let case = Case::fixture("doelen");
    let register = std::fs::read(case.path("register.csv")).unwrap();
    let vorige = std::fs::read(case.path("vorige-config.toml")).unwrap();
    // The one config: last year's, its plans still in it.
    let (a, id) = srv.upload(
        &[
            ("register", "register.csv", register.clone()),
            ("config", "config.toml", vorige.clone()),
        ],
        &[("periode", "2024")],
    );
    assert_eq!(a.status, 303, "{}", a.text());
    let id = id.unwrap();
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(
        &page,
        "De 6 plannen uit de configuratie zijn die van vorig jaar",
    );
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[
            ("plannen_als_doelen", "ja"),
            ("doel.gezet", "ja"),
            ("plan.gezet", "ja"),
        ],
    );
    assert_eq!(a.status, 303);
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(&page, "<legend>Doelen 2024 en resultaat</legend>");
    has(&page, "value=\"Workshop over het omgaan met onvrede\"");
    has(
        &page,
        "doel \"Workshop over het omgaan met onvrede\": resultaat niet beschreven",
    );
    // A status and a result for the first goal, and a plan for next year.
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[
            ("doel.gezet", "ja"),
            (
                "doel.0.was",
                "Informatie en toegankelijkheid van website en intranet",
            ),
            (
                "doel.0.titel",
                "Informatie en toegankelijkheid van website en intranet",
            ),
            ("doel.0.status", "behaald"),
            (
                "doel.0.resultaat",
                "De pagina staat op de website en het intranet.",
            ),
            ("plan.gezet", "ja"),
            ("plan.0.was", ""),
            ("plan.0.titel", "Klachten per kwartaal bespreken"),
            ("plan.0.toelichting", "Met de clustermanagers."),
        ],
    );
    assert_eq!(a.status, 303);
    let pdf = crate::support::pdf_text(&srv.get(&format!("/s/{id}/bestand/pdf")).body);
    has(&pdf, "Doelen 2024 en resultaat");
    has(&pdf, "De pagina staat op de website en het intranet.");
    has(&pdf, "Klachten per kwartaal bespreken");
    let config = srv.get(&format!("/s/{id}/bestand/config")).text();
    has(&config, "status = \"behaald\"");
    has(&config, "titel = \"Klachten per kwartaal bespreken\"");
    // The goals are only the first form's rows: the other five stayed, one is gone (only
    // the first row was sent).
    let json: serde_json::Value =
        serde_json::from_slice(&srv.get(&format!("/s/{id}/bestand/json")).body).unwrap();
    assert_eq!(json["doelen"]["behaald"], 1, "{}", json["doelen"]);

    // Both configs: this year's and last year's, the plans of the latter become the goals.
    let (a, id) = srv.upload(
        &[
            ("register", "register.csv", register),
            ("vorige_config", "vorig.toml", vorige),
        ],
        &[("periode", "2024")],
    );
    assert_eq!(a.status, 303, "{}", a.text());
    let id = id.unwrap();
    let json: serde_json::Value =
        serde_json::from_slice(&srv.get(&format!("/s/{id}/bestand/json")).body).unwrap();
    assert_eq!(json["doelen"]["totaal"], 6, "{}", json["doelen"]);
    assert_eq!(json["doelen"]["zonder_status"], 6, "{}", json["doelen"]);
}

/// Spellings counted as one are listed on the page; one ticked "apart houden" becomes its own
/// row, by `[apart]` in the config, which the command line reads the same way.
#[test]
fn merged_spellings_can_be_kept_apart() {
    let srv = Server::start(&[]);
    let case = Case::fixture("samengevoegd");
    let register = std::fs::read(case.path("register.csv")).unwrap();
    let (a, id) = srv.upload(&[("register", "register.csv", register)], &[]);
    assert_eq!(a.status, 303, "{}", a.text());
    let id = id.unwrap();
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(&page, "<summary>Samengevoegde schrijfwijzen (3)</summary>");
    has(&page, "aria-label=\"zorg & welzijn apart houden\"");
    // Find the number of the row of "zorg & welzijn".
    let at = page.find("value=\"zorg & welzijn\"").unwrap();
    let n: String = page[..at]
        .rsplit("name=\"sv.")
        .next()
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let a = srv.post_form(
        &format!("/s/{id}/waarden"),
        &format!("sv.{n}.kolom=cluster&sv.{n}.spelling=zorg+%26+welzijn&sv.{n}.apart=ja"),
    );
    assert_eq!(a.status, 303);
    let config = srv.get(&format!("/s/{id}/bestand/config")).text();
    has(&config, "[apart]\ncluster = [\"zorg & welzijn\"]");
    let labels = |json: &serde_json::Value| -> Vec<String> {
        crate::support::table(json, "klagers_per_cluster_kwartaal")["rijen"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["label"].as_str().unwrap().to_string())
            .collect()
    };
    let json: serde_json::Value =
        serde_json::from_slice(&srv.get(&format!("/s/{id}/bestand/json")).body).unwrap();
    let clusters = labels(&json);
    assert!(
        clusters.contains(&"zorg & welzijn".to_string()),
        "{clusters:?}"
    );
    assert!(
        clusters.contains(&"Zorg & Welzijn".to_string()),
        "{clusters:?}"
    );
    // The command line with the downloaded config: the same.
    std::fs::write(case.path("config.toml"), &config).unwrap();
    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--config",
        "config.toml",
        "--uit",
        "uit",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("'zorg & welzijn' →"), "{}", out.stderr);
    assert_eq!(labels(&case.json("uit/cijfers-2024.json")), clusters);
}

/// A 100,000-character cluster label: a warning naming its length, shown shortened with "…";
/// the whole label only where a form must send it back (a field's value), and the report made.
#[test]
fn a_long_value_is_shown_shortened_on_the_page() {
    let srv = Server::start(&[]);
    let lang = "x".repeat(100_000);
    let csv = format!(
        "klachtnummer,datum_ontvangst,categorie,cluster\nK1,10-01-2024,Bejegening,{lang}\nK2,11-01-2024,Bejegening,Wonen\n"
    );
    let (a, id) = srv.upload(&[("register", "register.csv", csv.into_bytes())], &[]);
    assert_eq!(a.status, 303, "{}", a.text());
    let id = id.unwrap();
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(&page, "is 100000 tekens lang");
    has(&page, "xxx…");
    let whole = page.matches(&lang).count();
    let in_values = page.matches(&format!("value=\"{lang}\"")).count();
    assert_eq!(whole, in_values, "the whole label outside a field's value");
    assert_eq!(srv.get(&format!("/s/{id}/bestand/pdf")).status, 200);
}

/// The settings of issue 25 on the page: the terms' denominator and peildatum, rates per
/// volume, earlier years' totals and a table of other signals become their config keys, and
/// the report has them; a signal row that is no "naam: aantal" is refused at its field.
#[test]
fn figures_from_outside_the_register_are_set_on_the_page() {
    let srv = Server::start(&[]);
    let id = srv.upload_voorbeeld(&[]);
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[
            ("termijnen.noemer", "in_behandeling"),
            ("termijnen.peildatum", "einde_periode"),
            ("vol.gezet", "ja"),
            ("vol.0.jaar", "2024"),
            ("vol.0.aantal", "2000"),
            ("vol.0.eenheid", "cliënten"),
            ("vol.0.per", "1000"),
            ("eer.gezet", "ja"),
            ("eer.0.jaar", "2020"),
            ("eer.0.in_behandeling", "150"),
            ("eer.1.jaar", "2023"),
            ("eer.1.in_behandeling", "10"),
            ("sig.gezet", "ja"),
            ("sig.0.was", ""),
            ("sig.0.titel", "Meldingen aan de IGJ"),
            ("sig.0.rijen", "Calamiteiten: 3\r\nGeweld: 7\r\n"),
            ("sig.0.totaal", "ja"),
        ],
    );
    assert_eq!(a.status, 303, "{}", a.text());
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    assert!(!page.contains("veldfout"), "{page}");
    let config = srv.get(&format!("/s/{id}/bestand/config")).text();
    for want in [
        "noemer = \"in_behandeling\"",
        "peildatum = \"einde_periode\"",
        "[[volume]]\njaar = 2024\naantal = 2000\neenheid = \"cliënten\"\nper = 1000",
        "[[eerder]]\njaar = 2020\nin_behandeling = 150",
        "titel = \"Meldingen aan de IGJ\"",
        "rijen = [[\"Calamiteiten\", 3], [\"Geweld\", 7]]",
    ] {
        has(&config, want);
    }
    let json: serde_json::Value =
        serde_json::from_slice(&srv.get(&format!("/s/{id}/bestand/json")).body).unwrap();
    assert_eq!(
        json["termijnen"]["peildatum"], "2024-12-31",
        "{}",
        json["termijnen"]
    );
    assert!(json["verhoudingsgetallen"].is_array(), "{json}");
    assert_eq!(
        crate::support::table(&json, "signaal_1")["titel"],
        "Meldingen aan de IGJ"
    );
    // What the command line says about them stands at step 3 too: 2023 is in the register.
    has(&page, "Over de cijfers van buiten het register (stap 4):");
    has(
        &page,
        "het register heeft zelf klachten uit 2023 en die tellen",
    );
    // The form shows them back as they stand.
    has(
        &page,
        "name=\"sig.0.rijen\" rows=\"3\">Calamiteiten: 3\nGeweld: 7</textarea>",
    );
    has(&page, "<option value=\"in_behandeling\" selected>");
    // A row that is no "naam: aantal": refused at its field, the list as it was.
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[
            ("sig.gezet", "ja"),
            ("sig.0.was", "Meldingen aan de IGJ"),
            ("sig.0.titel", "Meldingen aan de IGJ"),
            ("sig.0.rijen", "Calamiteiten drie"),
        ],
    );
    assert_eq!(a.status, 303);
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(&page, "schrijf elke regel als naam: aantal");
    has(
        &srv.get(&format!("/s/{id}/bestand/config")).text(),
        "rijen = [[\"Calamiteiten\", 3], [\"Geweld\", 7]]",
    );
}

/// Routes side by side (issue 25, item 3) on the page: ticked with their names, they become
/// `[verslag] routes` and `route_namen`, and the report has the table of routes; unticked,
/// both keys are gone again.
#[test]
fn routes_side_by_side_are_set_on_the_page() {
    let srv = Server::start(&[]);
    let id = crate::server::Server::upload_voorbeeld(&srv, &[]);
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[
            ("routes.gezet", "ja"),
            ("routes.aan", "ja"),
            ("routes.informeel", "Klachtenfunctionaris"),
            ("routes.formeel", "Klachtencommissie"),
        ],
    );
    assert_eq!(a.status, 303, "{}", a.text());
    let config = srv.get(&format!("/s/{id}/bestand/config")).text();
    has(&config, "routes = \"soort\"");
    has(&config, "Informeel = \"Klachtenfunctionaris\"");
    has(&config, "Formeel = \"Klachtencommissie\"");
    let json: serde_json::Value =
        serde_json::from_slice(&srv.get(&format!("/s/{id}/bestand/json")).body).unwrap();
    let rijen: Vec<String> = crate::support::table(&json, "routes_naast_elkaar")["rijen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap().to_string())
        .collect();
    assert!(
        rijen.contains(&"Klachtenfunctionaris".to_string()),
        "{rijen:?}"
    );
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(
        &page,
        "id=\"s-routes\" name=\"routes.aan\" type=\"checkbox\" value=\"ja\" checked",
    );
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[("routes.gezet", "ja")],
    );
    assert_eq!(a.status, 303);
    let config = srv.get(&format!("/s/{id}/bestand/config")).text();
    assert!(!config.contains("routes ="), "{config}");
    assert!(!config.contains("route_namen"), "{config}");
}
