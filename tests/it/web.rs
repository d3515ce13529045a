//! `klachtverslag web` over HTTP: the real binary serves, the tests upload the fixtures and
//! read what comes back (`server.rs`).

use crate::server::{Server, html_unescape, zip_names};
use crate::support::{Case, has, voorbeeld};

/// A double-click: the page, and how to stop it.
#[test]
fn a_start_without_command_serves_the_page_and_says_how_to_stop() {
    // What a double-click does: no arguments.
    let (first, said) = Server::spawn(&[]);
    assert!(
        said.iter().any(|l| l.contains("opent in uw browser")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|l| l.starts_with("Stoppen: sluit dit venster")),
        "{said:?}"
    );
    // The printed address sets the cookie and leads to the page.
    let entry = first.get(&format!("/?token={}", first.token));
    assert_eq!(entry.status, 303);
    let page = first.get("/");
    assert_eq!(page.status, 200);
    has(&page.text(), "Register kiezen");
    // A second start finds its own free port while the first still serves.
    let (second, _) = Server::spawn(&[]);
    assert_ne!(first.addr, second.addr);
    let page = second.get("/");
    assert_eq!(page.status, 200);
    has(&page.text(), "Register kiezen");
    assert_eq!(first.get("/").status, 200);
}

/// The web page's figures, problems and files are the command line's, byte for byte.
#[test]
fn the_page_gives_what_the_command_line_gives() {
    let case = Case::fixture("fouten");
    let srv = Server::start(&[]);
    let register = std::fs::read(case.path("register.csv")).unwrap();
    let (a, id) = srv.upload(
        &[("register", "register.csv", register)],
        &[("periode", "2024")],
    );
    assert_eq!(a.status, 303, "{}", a.text());
    let id = id.expect("a session");
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    // Every problem `controleer` names is in the page's table, with the same message.
    let out = case.run(&["controleer", "--register", "register.csv"]);
    let problems: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("fout: ") || l.starts_with("waarschuwing: "))
        .filter(|l| !l.starts_with("waarschuwing: verantwoording: "))
        .collect();
    // The fixture has one problem per row (fixtures/README.md): five at least.
    assert!(problems.len() >= 5, "{}", out.stderr);
    for line in problems {
        // Where the command line names the config key that fixes it, the page points to its
        // own table (tests/it/pagina.rs); the message before that is the same.
        let message = line.splitn(3, ": ").nth(2).unwrap();
        let message = message
            .split("; of voeg een alias toe")
            .next()
            .unwrap()
            .split("; bedoelt u")
            .next()
            .unwrap();
        has(&page, message);
    }
    // What the report still misses stands at step 3, each item as the command line names it.
    for line in out.stderr.lines() {
        if let Some(item) = line.strip_prefix("waarschuwing: verantwoording: ") {
            has(&page, item.split(" ontbreekt").next().unwrap());
        }
    }
    has(
        &page,
        "<th scope=\"col\">Bestand</th><th scope=\"col\">Rij</th><th scope=\"col\">Kolom</th>",
    );
    // The figures: the page's JSON is the CLI's.
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = srv.get(&format!("/s/{id}/bestand/json"));
    assert_eq!(json.status, 200);
    assert_eq!(
        json.body,
        std::fs::read(case.path("uit/cijfers-2024.json")).unwrap()
    );
    let pdf = srv.get(&format!("/s/{id}/bestand/pdf"));
    assert!(pdf.body.starts_with(b"%PDF"));
    assert_eq!(
        pdf.body,
        std::fs::read(case.path("uit/jaarverslag-2024.pdf")).unwrap()
    );
    let manifest = srv.get(&format!("/s/{id}/bestand/manifest"));
    assert_eq!(
        manifest.body,
        std::fs::read(case.path("uit/manifest.json")).unwrap()
    );
    let zip = srv.get(&format!("/s/{id}/bestand/zip"));
    assert!(zip.body.starts_with(b"PK"));
    // No omschrijving in any response: the fixture's omschrijvingen are GEHEIM-1, GEHEIM-2, …
    assert!(
        std::fs::read_to_string(case.path("register.csv"))
            .unwrap()
            .contains("GEHEIM-1")
    );
    let pdf_text = crate::support::pdf_text(&pdf.body);
    for (what, body) in [
        ("page", page.as_bytes()),
        ("json", &json.body[..]),
        ("manifest", &manifest.body[..]),
        ("pdf", pdf_text.as_bytes()),
    ] {
        assert!(
            !String::from_utf8_lossy(body).contains("GEHEIM"),
            "an omschrijving in the {what}"
        );
    }
    let zip_path = case.path("pagina.zip");
    std::fs::write(&zip_path, &zip.body).unwrap();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        let text = if name.ends_with(".pdf") {
            crate::support::pdf_text(&bytes)
        } else if name.ends_with(".xlsx") {
            // A workbook is a ZIP of XML parts: every part's text.
            let mut book = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut all = String::new();
            for j in 0..book.len() {
                let mut part = book.by_index(j).unwrap();
                let _ = std::io::Read::read_to_string(&mut part, &mut all);
            }
            assert!(all.contains("<worksheet"), "{name} holds sheets");
            all
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        assert!(!text.contains("GEHEIM"), "an omschrijving in {name}");
    }
    // The headers a careful local page sends.
    let a = srv.get("/");
    assert!(
        a.header("content-security-policy")
            .unwrap()
            .contains("default-src 'self'")
    );
    assert_eq!(
        a.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
}

/// Token, Host, size limit, garbage, and the server goes on.
#[test]
fn the_page_refuses_strangers_and_survives_bad_files() {
    let srv = Server::start(&["--max-mb", "1"]);
    // No token, no cookie: 403.
    let a = srv.request("GET", "/", &srv.addr.clone(), false, None, b"");
    assert_eq!(a.status, 403);
    has(&a.text(), "Geen toegang");
    has(&a.text(), "het eindigt op ?token=");
    // No link back to the start: it would lead to this page again.
    assert!(!a.text().contains("href=\"/\""), "{}", a.text());
    // The style sheet it links to is served without the token (it holds no data).
    let css = srv.request(
        "GET",
        "/static/web.css",
        &srv.addr.clone(),
        false,
        None,
        b"",
    );
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    // Nothing else is: a session's file needs the token.
    let a = srv.request(
        "GET",
        "/s/x/bestand/pdf",
        &srv.addr.clone(),
        false,
        None,
        b"",
    );
    assert_eq!(a.status, 403);
    // The token once: a cookie and back to the page without it.
    let a = srv.request(
        "GET",
        &format!("/?token={}", srv.token),
        &srv.addr.clone(),
        false,
        None,
        b"",
    );
    assert_eq!(a.status, 303);
    assert!(a.header("set-cookie").unwrap().contains("HttpOnly"));
    // A foreign Host (DNS rebinding): refused even with the token.
    let a = srv.request(
        "GET",
        &format!("/?token={}", srv.token),
        "evil.example:80",
        false,
        None,
        b"",
    );
    assert_eq!(a.status, 421);
    // Over the limit: 413 with a Dutch page.
    let (a, _) = srv.upload(
        &[("register", "groot.csv", vec![b'x'; 2 * 1024 * 1024])],
        &[],
    );
    assert_eq!(a.status, 413, "{}", a.text());
    has(&a.text(), "Bestand te groot");
    has(&a.text(), "groter dan 1 MB");
    // Garbage: a Dutch message in the page, and the next request works.
    let garbage: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 251) as u8).collect();
    let (a, id) = srv.upload(&[("register", "register.xlsx", garbage)], &[]);
    assert_eq!(a.status, 303);
    let page = html_unescape(&srv.get(&format!("/?s={}", id.unwrap())).text());
    has(&page, "Dit lukte niet:");
    has(&page, "geen geldig Excel-bestand");
    let id = srv.upload_voorbeeld(&[]);
    let page = srv.get(&format!("/?s={id}"));
    assert_eq!(page.status, 200);
    has(&page.text(), "0 fouten");
}

/// The page's "Beknopt verslag" makes the brief report, and the page keeps the choice.
#[test]
fn a_brief_report_from_the_page() {
    let srv = Server::start(&[]);
    let id = srv.upload_voorbeeld(&[("beknopt", "ja")]);
    let text = crate::support::pdf_text(&srv.get(&format!("/s/{id}/bestand/pdf")).body);
    has(&text, "Tabel 13");
    for weg in ["Inhoud", "Figuur 1", "Verantwoording"] {
        assert!(!text.contains(weg), "{weg} in the brief report");
    }
    // The page keeps the choice.
    has(
        &srv.get(&format!("/?s={id}")).text(),
        "name=\"beknopt\" type=\"checkbox\" value=\"ja\" checked",
    );
}

/// The texts edited in the page go into the report and into the config to download; the batch
/// runs beside other requests and comes as a ZIP.
#[test]
fn texts_and_the_batch_from_the_page() {
    let srv = Server::start(&[]);
    let id = srv.upload_voorbeeld(&[("publiek", "ja")]);
    let (a, _) = srv.multipart(
        &format!("/s/{id}/instellingen"),
        &[],
        &[
            (
                "teksten.voorwoord",
                "Een nieuw voorwoord over {{ kerngetallen.ontvangen }} klachten.",
            ),
            ("teksten.adviezen", ""),
            ("teksten.plannen", "Meer bemiddelen."),
            ("versies_gezet", "ja"),
            ("publiek", "ja"),
        ],
    );
    assert_eq!(a.status, 303, "{}", a.text());
    let pdf = srv.get(&format!("/s/{id}/bestand/pdf"));
    let text = crate::support::pdf_text(&pdf.body);
    has(&text, "Een nieuw voorwoord over 187 klachten.");
    has(&text, "Openbare versie.");
    assert!(
        !text.contains("Vier klachten liepen"),
        "the adviezen were emptied"
    );
    let config = srv.get(&format!("/s/{id}/bestand/config")).text();
    has(
        &config,
        "voorwoord = \"Een nieuw voorwoord over {{ kerngetallen.ontvangen }} klachten.\"",
    );
    assert!(!config.contains("adviezen ="), "{config}");
    has(&config, "naam = \"Zorggroep De Lindehof\"");
    // The downloaded config reads back as a valid config.
    let case = Case::empty("web-config");
    std::fs::write(case.path("config.toml"), &config).unwrap();
    let (reg, _) = voorbeeld();
    let out = case.run(&["controleer", "--register", &reg, "--config", "config.toml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);

    let a = srv.post_form(&format!("/s/{id}/per"), "kolom=cluster");
    assert_eq!(a.status, 303);
    // Another request while the batch runs.
    assert_eq!(srv.get("/").status, 200);
    let mut done = false;
    for _ in 0..120 {
        let v: serde_json::Value =
            serde_json::from_slice(&srv.get(&format!("/s/{id}/per/voortgang")).body).unwrap();
        if v["gereed"] == true {
            done = true;
            break;
        }
        assert!(v["fout"].is_null(), "{v}");
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    assert!(done, "the batch finished");
    let zip = srv.get(&format!("/s/{id}/per.zip"));
    assert_eq!(zip.status, 200);
    let names = zip_names(zip.body);
    assert!(
        names.contains(&"overzicht-2024.pdf".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"1-wonen-noord/jaarverslag-2024.pdf".to_string()),
        "{names:?}"
    );
}

/// A unit whose report fails (its own voorwoord names a value the texts do not have) is shown
/// by name with its Dutch error; the batch is not "gereed", says how many failed, and the ZIP
/// holds the other units.
#[test]
fn a_failed_unit_in_the_page_batch_is_shown_by_name() {
    let srv = Server::start(&[]);
    let (reg, cfg) = voorbeeld();
    let mut config = std::fs::read_to_string(cfg).unwrap();
    config.push_str(
        "\n[eenheid.\"2. Wonen Zuid\"]\nvoorwoord = \"Over {{ bestaat_niet }} klachten.\"\n",
    );
    let (a, id) = srv.upload(
        &[
            (
                "register",
                "klachtenregister.csv",
                std::fs::read(reg).unwrap(),
            ),
            ("config", "config.toml", config.into_bytes()),
        ],
        &[("periode", "2024")],
    );
    assert_eq!(a.status, 303, "{}", a.text());
    let id = id.expect("a session");
    let a = srv.post_form(&format!("/s/{id}/per"), "kolom=cluster");
    assert_eq!(a.status, 303);
    let mut status = serde_json::Value::Null;
    for _ in 0..240 {
        status = serde_json::from_slice(&srv.get(&format!("/s/{id}/per/voortgang")).body).unwrap();
        if !status["fout"].is_null() || status["gereed"] == true {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
    assert_eq!(status["gereed"], false, "{status}");
    assert_eq!(status["fout"], "1 van de 5 eenheden mislukt", "{status}");
    assert_eq!(status["mislukt"][0]["eenheid"], "2. Wonen Zuid", "{status}");
    has(
        status["mislukt"][0]["fout"].as_str().unwrap(),
        "fout in sjabloon [teksten] voorwoord",
    );
    let page = html_unescape(&srv.get(&format!("/?s={id}")).text());
    has(&page, "Niet gereed: 1 van de 5 eenheden mislukt");
    has(
        &page,
        "<li>2. Wonen Zuid: fout in sjabloon [teksten] voorwoord",
    );
    assert!(!page.contains("Klaar: "), "the page says the batch is done");
    let zip = srv.get(&format!("/s/{id}/per.zip"));
    assert_eq!(zip.status, 200);
    let names = zip_names(zip.body);
    assert!(
        names.contains(&"1-wonen-noord/jaarverslag-2024.pdf".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"overzicht-2024.xlsx".to_string()),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.starts_with("2-wonen-zuid/")),
        "{names:?}"
    );
}
