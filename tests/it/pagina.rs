//! The page finishes the job: columns, values, texts and settings are set on the page, an
//! error stays at its field with the typed text kept, the config round-trips, and what comes
//! from elsewhere is refused.

use crate::server::{Server, html_unescape};
use crate::support::{Case, has, voorbeeld};

/// The element ids of the Verantwoording texts the page says are missing (its links).
fn ontbrekende_teksten(page: &str) -> Vec<String> {
    page.split("<a href=\"#v-teksten-")
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_string))
        .collect()
}

/// Someone with only a register that has a renamed column and unknown values, and no config,
/// maps them, fills every text the Verantwoording asks for and gets a report with nothing
/// missing, on the page alone; the config she downloads brings every choice back a year later.
#[test]
fn a_register_is_finished_on_the_page_alone_and_the_config_brings_it_back() {
    let srv = Server::start(&[]);
    let case = Case::fixture("pagina-koppelen");
    let register = std::fs::read(case.path("register.csv")).unwrap();
    let (a, id) = srv.upload(&[("register", "register.csv", register.clone())], &[]);
    assert_eq!(a.status, 303, "{}", a.text());
    let id = id.expect("a session");
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(&page, "Kolommen koppelen: een verplichte kolom ontbreekt");
    has(
        &page,
        "<option value=\"Ontvangen op\">Ontvangen op</option>",
    );
    has(&page, "Koppel de kolom in stap 2, Controle.");
    // The omschrijving is never a choice: free text does not reach a report.
    assert!(!page.contains("<option value=\"Omschrijving\">"), "{page}");

    // The column: the register is read again at once.
    let a = srv.post_form(
        &format!("/s/{id}/kolommen"),
        "kolom.datum_ontvangst=Ontvangen+op&kolom.klager=",
    );
    assert_eq!(a.status, 303, "{}", a.text());
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(&page, "<strong>0</strong> fouten");
    has(&page, "<summary>Onbekende waarden (2)</summary>");
    has(&page, "<label for=\"keuze-0\">Zorgvrager</label>");
    has(&page, "<td class=\"getal\">28</td>");
    has(&page, "<label for=\"keuze-1\">Elektronisch</label>");
    has(&page, "<td class=\"getal\">82</td>");
    // The problems' table: one row per message, its rows counted, pointing to the table above
    // (not to a config key).
    has(&page, "onbekende waarde \"Zorgvrager\", telt als Onbekend");
    has(&page, "of kies hierboven bij Onbekende waarden wat het is");
    assert_eq!(page.matches("onbekende waarde \"Zorgvrager\"").count(), 1);
    has(&page, " en 25 andere</td>");

    // The values.
    let a = srv.post_form(
        &format!("/s/{id}/waarden"),
        "lijst.0=klager&waarde.0=Zorgvrager&keuze.0=%3DCli%C3%ABnt&lijst.1=kanaal&waarde.1=Elektronisch&keuze.1=%3DE-mail",
    );
    assert_eq!(a.status, 303, "{}", a.text());
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(&page, "<strong>0</strong> waarschuwingen");
    assert!(!page.contains("Onbekende waarden"), "{page}");

    // Every text the Verantwoording asks for, each missing item linking to its box.
    let missing = ontbrekende_teksten(&page);
    assert!(missing.len() >= 8, "{missing:?}");
    for key in &missing {
        has(
            &page,
            &format!("<div class=\"veld\" id=\"v-teksten-{key}\">"),
        );
    }
    // One line per box, named as the box is labelled, with every article it answers; and each
    // box says what the law asks of it.
    let mut unique = missing.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), missing.len(), "{missing:?}");
    has(
        &page,
        "«De klachtenregeling» ontbreekt: Jeugdwet art. 4.3.1 onder d (korte beschrijving van de klachtenregeling)",
    );
    has(&page, "Hier vraagt de wet: ");
    let texts: Vec<(String, String)> = missing
        .iter()
        .map(|k| {
            (
                format!("teksten.{k}"),
                format!("Over {k} bij {{{{ organisatie }}}}."),
            )
        })
        .collect();
    let mut fields: Vec<(&str, &str)> = texts
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    fields.push(("organisatie.naam", "Zorggroep Oost"));
    let (a, _) = srv.multipart(&format!("/s/{id}/instellingen"), &[], &fields);
    assert_eq!(a.status, 303, "{}", a.text());
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    assert!(!page.contains("Dit ontbreekt nog"), "{page}");
    let pdf = crate::support::pdf_text(&srv.get(&format!("/s/{id}/bestand/pdf")).body);
    has(&pdf, "Over klachtenregeling bij Zorggroep Oost.");
    assert!(!pdf.contains("ontbreekt"), "{pdf}");

    // Mapped back, the register is the example's 2024: the same key figures as the command
    // line makes from the example register.
    let json: serde_json::Value =
        serde_json::from_slice(&srv.get(&format!("/s/{id}/bestand/json")).body).unwrap();
    let (reg, _) = voorbeeld();
    let out = case.run(&[
        "verslag",
        "--register",
        &reg,
        "--periode",
        "2024",
        "--uit",
        "cli",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let cli = case.json("cli/cijfers-2024.json");
    for k in [
        "ontvangen",
        "in_behandeling",
        "deelklachten",
        "afgehandeld",
        "lopend",
        "binnen_6_weken_pct",
    ] {
        assert_eq!(json["kerngetallen"][k], cli["kerngetallen"][k], "{k}");
    }
    assert_eq!(
        crate::support::table(&json, "kanaal"),
        crate::support::table(&cli, "kanaal")
    );

    // The config to keep: every choice in it, LF line ends.
    let config = srv.get(&format!("/s/{id}/bestand/config")).text();
    has(&config, "datum_ontvangst = \"Ontvangen op\"");
    has(&config, "\"Cliënt\" = [\"Zorgvrager\"]");
    has(&config, "E-mail = [\"Elektronisch\"]");
    has(&config, "naam = \"Zorggroep Oost\"");
    assert!(!config.contains('\r'), "{config:?}");

    // A year later: the register and the config, and every choice is back.
    let (a, id2) = srv.upload(
        &[
            ("register", "register.csv", register),
            ("config", "config.toml", config.clone().into_bytes()),
        ],
        &[],
    );
    assert_eq!(a.status, 303, "{}", a.text());
    let id2 = id2.expect("a session");
    let page = html_unescape(&srv.get(&format!("/?s={id2}")).text());
    has(&page, "<strong>0</strong> fouten");
    has(&page, "<strong>0</strong> waarschuwingen");
    assert!(!page.contains("Dit ontbreekt nog"), "{page}");
    has(&page, "Nu in gebruik: config.toml");
    assert_eq!(
        srv.get(&format!("/s/{id2}/bestand/json")).body,
        srv.get(&format!("/s/{id}/bestand/json")).body
    );
    assert_eq!(srv.get(&format!("/s/{id2}/bestand/config")).text(), config);
}

/// A typo in a text: the error stands at its box, the typed text stays (in the box, after a
/// reload, and in the config), and the report keeps the last good text.
#[test]
fn a_typo_in_a_text_is_shown_at_its_box_and_nothing_is_lost() {
    let srv = Server::start(&[]);
    let id = srv.upload_voorbeeld(&[]);
    let typed = "In {{ jaar }} schreef {{ organsatie }} dit.";
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[
            ("teksten.voorwoord", typed),
            ("teksten.plannen", "Plan voor {{ jaar + 1 }}."),
        ],
    );
    assert_eq!(a.status, 303, "{}", a.text());
    // The page goes to what the change did, which links to the field with the error.
    assert!(
        a.header("location").unwrap().ends_with("#melding-teksten"),
        "{:?}",
        a.header("location")
    );
    for _ in 0..2 {
        // The same after a reload.
        let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
        has(
            &page,
            "<p id=\"f-voorwoord\" class=\"veldfout\">Fout in deze tekst: ",
        );
        has(
            &page,
            "{{ organsatie }} bestaat niet; bedoelt u {{ organisatie }}?",
        );
        has(&page, "Verslag bijgewerkt: 2024, ");
        has(&page, "1 veld heeft een fout:");
        has(
            &page,
            "<li><a href=\"#v-teksten-voorwoord\">Voorwoord</a></li>",
        );
        has(
            &page,
            &format!(
                "name=\"teksten.voorwoord\" rows=\"5\" aria-describedby=\"h-voorwoord f-voorwoord\" aria-invalid=\"true\">{typed}</textarea>"
            ),
        );
    }
    // The report is made: the last good voorwoord, and the other change.
    let pdf = srv.get(&format!("/s/{id}/bestand/pdf"));
    assert_eq!(pdf.status, 200);
    let text = crate::support::pdf_text(&pdf.body);
    has(&text, "Voor u ligt het jaarverslag klachten 2024");
    has(&text, "Plan voor 2025.");
    // Nothing typed is lost: the config holds it.
    has(
        &srv.get(&format!("/s/{id}/bestand/config")).text(),
        &format!("voorwoord = \"{typed}\""),
    );
    // Template internals are not reachable from a text.
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[("teksten.adviezen", "{{ __tera_context }}")],
    );
    assert_eq!(a.status, 303);
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(&page, "<p id=\"f-adviezen\" class=\"veldfout\">");
    let text = crate::support::pdf_text(&srv.get(&format!("/s/{id}/bestand/pdf")).body);
    assert!(!text.contains("kerngetallen"), "{text}");
    // Fixed: the error is gone and the report has the new text.
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[
            (
                "teksten.voorwoord",
                "In {{ jaar }} schreef {{ organisatie }} dit.",
            ),
            ("teksten.adviezen", ""),
        ],
    );
    assert_eq!(a.status, 303);
    let page = srv.get(&format!("/?s={id}")).text();
    assert!(!page.contains("veldfout"), "{page}");
    let text = crate::support::pdf_text(&srv.get(&format!("/s/{id}/bestand/pdf")).body);
    has(&text, "In 2024 schreef Zorggroep De Lindehof dit.");
}

/// A file that is no image as the logo: a Dutch message at the logo field, and the report is
/// made without it.
#[test]
fn a_bad_logo_is_a_message_at_its_field_and_the_report_is_made() {
    let srv = Server::start(&[]);
    let (reg, cfg) = voorbeeld();
    let (a, id) = srv.upload(
        &[
            (
                "register",
                "klachtenregister.csv",
                std::fs::read(reg).unwrap(),
            ),
            ("config", "config.toml", std::fs::read(cfg).unwrap()),
            ("logo", "logo.png", b"dit is geen plaatje".to_vec()),
        ],
        &[],
    );
    assert_eq!(a.status, 303, "{}", a.text());
    let id = id.unwrap();
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(&page, "<p id=\"f-logo\" class=\"veldfout\">");
    has(&page, "het verslag wordt zonder logo gemaakt");
    assert_eq!(srv.get(&format!("/s/{id}/bestand/pdf")).status, 200);
    // "Geen logo" takes it away, and the message with it.
    let (a, _) = srv.multipart(&format!("/s/{id}/instellingen"), &[], &[("logo_weg", "ja")]);
    assert_eq!(a.status, 303);
    assert!(!srv.get(&format!("/?s={id}")).text().contains("f-logo"));
}

/// Settings the report refuses keep the typed value beside the reason; the others are taken.
#[test]
fn a_refused_setting_keeps_what_was_typed() {
    let srv = Server::start(&[]);
    let id = srv.upload_voorbeeld(&[]);
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[
            ("verslag.datum", "31-02-2025"),
            ("privacy.kleine_aantallen", "drie"),
            ("termijnen.afhandeling", "8"),
            ("termijnen.afhandeling_eenheid", "weken"),
        ],
    );
    assert_eq!(a.status, 303);
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(&page, "\"31-02-2025\" is geen geldige datum");
    has(&page, "value=\"31-02-2025\"");
    has(&page, "\"drie\" is geen geheel getal");
    let config = srv.get(&format!("/s/{id}/bestand/config")).text();
    has(&config, "afhandeling_weken = 8");
    has(&config, "datum = \"15-02-2025\"");
    has(&config, "kleine_aantallen = 5");
    // A period without complaints: the report is made, and the page says which years have them.
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[("periode", "2030")],
    );
    assert_eq!(a.status, 303);
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(&page, "Let op: in 2030 staan geen klachten in het register");
    has(&page, "2021, 2022, 2023 en 2024");
}

/// The uploaded config comes back with the page's changes and everything else as it was:
/// comments, order, layout; LF line ends; uploaded again, every choice is back.
#[test]
fn the_config_round_trips_with_its_comments_and_order() {
    let srv = Server::start(&[]);
    let (reg, cfg) = voorbeeld();
    let original = std::fs::read_to_string(&cfg).unwrap();
    let id = srv.upload_voorbeeld(&[]);
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[
            ("teksten.adviezen", "Minder wachten.\r\nMeer bellen."),
            ("privacy.kleine_aantallen", "7"),
        ],
    );
    assert_eq!(a.status, 303);
    let config = srv.get(&format!("/s/{id}/bestand/config")).text();
    assert!(!config.contains('\r'), "{config:?}");
    has(&config, "kleine_aantallen = 7");
    has(&config, "Minder wachten.\nMeer bellen.");
    // Every comment of the original, in its order.
    let comments = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(comments(&config), comments(&original));
    // The sections and keys in their order.
    let keys = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with('[') || (l.contains(" = ") && !l.starts_with(' ')))
            .map(|l| l.split(" = ").next().unwrap().to_string())
            .collect()
    };
    assert_eq!(keys(&config), keys(&original));
    // Uploaded again: the choices are back.
    let (a, id2) = srv.upload(
        &[
            (
                "register",
                "klachtenregister.csv",
                std::fs::read(reg).unwrap(),
            ),
            ("config", "config.toml", config.into_bytes()),
        ],
        &[],
    );
    assert_eq!(a.status, 303);
    let page = html_unescape(&srv.get(&format!("/?s={}", id2.unwrap())).text());
    has(
        &page,
        "name=\"privacy.kleine_aantallen\" type=\"number\" min=\"1\" max=\"100\" value=\"7\"",
    );
    has(&page, ">Minder wachten.\nMeer bellen.</textarea>");
}

/// A page of another origin (another port on this computer: the browser sends the cookie) or a
/// form without its page's token is refused; sessions are capped, the oldest dropped first, and
/// a dropped or unknown session says which it is.
#[test]
fn foreign_posts_are_refused_and_sessions_are_capped() {
    let srv = Server::start(&[]);
    let f = srv.formulier("/controle");
    let post = |path: &str, herkomst: &str| {
        srv.raw(
            format!(
                "POST {path} HTTP/1.0\r\nHost: {}\r\nCookie: klachtverslag={}\r\n{herkomst}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\n\r\n",
                srv.addr, srv.token
            )
            .as_bytes(),
        )
    };
    let port: u16 = srv.addr.rsplit(':').next().unwrap().parse().unwrap();
    let ander = format!("Origin: http://127.0.0.1:{}\r\n", port.wrapping_add(1));
    let a = post(&format!("/controle?f={f}"), &ander);
    assert_eq!(a.status, 403);
    has(&a.text(), "niet van de pagina van klachtverslag zelf");
    // No origin at all, and `null` (a page that hides its origin).
    assert_eq!(post(&format!("/controle?f={f}"), "").status, 403);
    assert_eq!(
        post(&format!("/controle?f={f}"), "Origin: null\r\n").status,
        403
    );
    // The page's own origin without the form's token.
    let eigen = format!("Origin: http://{}\r\n", srv.addr);
    let a = post("/controle", &eigen);
    assert_eq!(a.status, 403);
    has(&a.text(), "Formulier verlopen");
    // Without Origin, the page's own Referer is the origin; the token still counts.
    let a = post(
        &format!("/controle?f={f}"),
        &format!("Referer: http://{}/\r\n", srv.addr),
    );
    // Past both checks (the empty form is then no upload).
    assert_ne!(a.status, 403, "{}", a.text());

    // A session's forms carry the session's token, not another's.
    let first = srv.upload_voorbeeld(&[]);
    let f_first = srv.formulier(&format!("/s/{first}/"));
    let second = srv.upload_voorbeeld(&[]);
    let a = post(&format!("/s/{second}/instellingen?f={f_first}"), &eigen);
    assert_eq!(a.status, 403);

    // The cap: after eight newer sessions the first (the least recently used) is gone, with its
    // own message.
    for _ in 0..7 {
        srv.upload_voorbeeld(&[]);
    }
    let a = srv.get(&format!("/?s={first}"));
    assert_eq!(a.status, 404);
    has(&a.text(), "Sessie gesloten");
    assert_eq!(srv.get(&format!("/?s={second}")).status, 200);
    let a = srv.get("/?s=bestaatniet");
    assert_eq!(a.status, 404);
    has(&a.text(), "Onbekende sessie");
    // Any other unknown address: a Dutch page, not an empty answer.
    let a = srv.get("/bestaat/niet");
    assert_eq!(a.status, 404);
    has(&a.text(), "Pagina niet gevonden");
}

/// "Leeg register downloaden" gives the command line's `genereer --leeg`: before an upload the
/// defaults' lists, in a session its config's categories and clusters.
#[test]
fn the_empty_register_from_the_page_is_the_command_lines() {
    let srv = Server::start(&[]);
    let case = Case::empty("pagina-leeg");
    let (_, cfg) = voorbeeld();
    let out = case.run(&["genereer", "--leeg", "--uit", "leeg.xlsx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let a = srv.get("/leeg-register.xlsx");
    assert_eq!(a.status, 200);
    assert_eq!(a.body, std::fs::read(case.path("leeg.xlsx")).unwrap());
    let out = case.run(&[
        "genereer",
        "--leeg",
        "--config",
        &cfg,
        "--uit",
        "config.xlsx",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let id = srv.upload_voorbeeld(&[]);
    let a = srv.get(&format!("/s/{id}/bestand/leeg-register"));
    assert_eq!(a.status, 200);
    assert_eq!(a.body, std::fs::read(case.path("config.xlsx")).unwrap());
}
