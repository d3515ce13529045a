//! `klachtverslag web` over HTTP: the real binary serves, a small HTTP/1.0 client (std only)
//! uploads the fixtures and reads what comes back.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::support::{Case, has, voorbeeld};

/// A running `klachtverslag web`, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
    token: String,
    /// The server's stdout, kept open: a closed pipe would make its next print fail.
    _stdout: BufReader<std::process::ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Antwoord {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Antwoord {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let mut args = vec!["web"];
        args.extend_from_slice(extra);
        Server::spawn(&args).0
    }

    /// Starts the binary with `args` (none: a double-click) and reads the address it prints;
    /// also returns the lines it printed after the address.
    fn spawn(args: &[&str]) -> (Server, Vec<String>) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_klachtverslag"))
            .args(args)
            .env("KLACHTVERSLAG_BROWSER", "nee")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start klachtverslag web");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let mut after = Vec::new();
        let mut next = String::new();
        while after.len() < 3 && out.read_line(&mut next).unwrap_or(0) > 0 {
            after.push(std::mem::take(&mut next).trim_end().to_string());
            // The page's start ends with how to stop it: "Stoppen: …" on a line of its own
            // after a double-click, at the end of "Open dit adres … Stoppen: Ctrl-C." otherwise.
            if after.last().is_some_and(|l| l.contains("Stoppen")) {
                break;
            }
        }
        // "klachtverslag web draait op http://127.0.0.1:PORT/?token=TOKEN"
        let url = line.trim().rsplit(' ').next().unwrap().to_string();
        let rest = url.strip_prefix("http://").unwrap();
        let (addr, q) = rest.split_once('/').unwrap();
        let token = q.trim_start_matches("?token=").to_string();
        (
            Server {
                child,
                addr: addr.to_string(),
                token,
                _stdout: out,
            },
            after,
        )
    }

    fn raw(&self, request: &[u8]) -> Antwoord {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        // Written beside the reading, as a browser does: a server that answers before the
        // body is in (413 over the limit) may close while the body is still being sent, and
        // its answer must still be read.
        let mut w = s.try_clone().unwrap();
        let request = request.to_vec();
        let writer = std::thread::spawn(move || {
            let _ = w.write_all(&request);
        });
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let _ = writer.join();
        let split = out
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a response head");
        let head = String::from_utf8_lossy(&out[..split]).into_owned();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        Antwoord {
            status,
            headers: head,
            body: out[split + 4..].to_vec(),
        }
    }

    fn request(
        &self,
        method: &str,
        path: &str,
        host: &str,
        cookie: bool,
        ctype: Option<&str>,
        body: &[u8],
    ) -> Antwoord {
        let mut req = format!(
            "{method} {path} HTTP/1.0\r\nHost: {host}\r\nContent-Length: {}\r\n",
            body.len()
        );
        if cookie {
            req.push_str(&format!("Cookie: klachtverslag={}\r\n", self.token));
        }
        if let Some(c) = ctype {
            req.push_str(&format!("Content-Type: {c}\r\n"));
        }
        req.push_str("\r\n");
        let mut bytes = req.into_bytes();
        bytes.extend_from_slice(body);
        self.raw(&bytes)
    }

    fn get(&self, path: &str) -> Antwoord {
        self.request("GET", path, &self.addr.clone(), true, None, b"")
    }

    /// Uploads the example register and config with `fields`; the session id.
    fn upload_voorbeeld(&self, fields: &[(&str, &str)]) -> String {
        let (reg, cfg) = voorbeeld();
        let (a, id) = self.upload(
            &[
                (
                    "register",
                    "klachtenregister.csv",
                    std::fs::read(reg).unwrap(),
                ),
                ("config", "config.toml", std::fs::read(cfg).unwrap()),
            ],
            fields,
        );
        assert_eq!(a.status, 303, "{}", a.text());
        id.expect("a session")
    }

    /// Uploads files (field, file name, bytes) and fields; returns the session id.
    fn upload(
        &self,
        files: &[(&str, &str, Vec<u8>)],
        fields: &[(&str, &str)],
    ) -> (Antwoord, Option<String>) {
        let boundary = "----klachtverslagtest";
        let mut body = Vec::new();
        for (field, name, bytes) in files {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        for (k, v) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let a = self.request(
            "POST",
            "/controle",
            &self.addr.clone(),
            true,
            Some(&format!("multipart/form-data; boundary={boundary}")),
            &body,
        );
        let id = a.header("location").and_then(|l| {
            l.split("s=")
                .nth(1)
                .map(|s| s.split('#').next().unwrap().to_string())
        });
        (a, id)
    }

    fn post_form(&self, path: &str, form: &str) -> Antwoord {
        self.request(
            "POST",
            path,
            &self.addr.clone(),
            true,
            Some("application/x-www-form-urlencoded"),
            form.as_bytes(),
        )
    }
}

/// The names of a ZIP's entries.
fn zip_names(body: Vec<u8>) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(body)).unwrap();
    (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
        .collect()
}

fn html_unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// The web page's figures, problems and files are the command line's, byte for byte.
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
        .collect();
    // The fixture has one problem per row (fixtures/README.md): five at least.
    assert!(problems.len() >= 5, "{}", out.stderr);
    for line in problems {
        let message = line.splitn(3, ": ").nth(2).unwrap();
        has(&page, message);
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
    has(&page, "Er ging iets mis");
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
    let a = srv.post_form(
        &format!("/s/{id}/teksten"),
        "voorwoord=Een+nieuw+voorwoord+over+%7B%7B+kerngetallen.ontvangen+%7D%7D+klachten.&adviezen=&plannen=Meer+bemiddelen.",
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
