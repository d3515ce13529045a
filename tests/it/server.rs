//! A running `klachtverslag web` for the tests, and a small HTTP/1.0 client (std only) that
//! uploads the fixtures and reads what comes back, sending what a browser sends (the cookie,
//! the page's origin, the form's token).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::support::voorbeeld;

/// A running `klachtverslag web`, stopped when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
    pub token: String,
    /// The server's stdout, kept open: a closed pipe would make its next print fail.
    _stdout: BufReader<std::process::ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Antwoord {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Antwoord {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
        let mut args = vec!["web"];
        args.extend_from_slice(extra);
        Server::spawn(&args).0
    }

    /// Starts the binary with `args` (none: a double-click) and reads the address it prints;
    /// also returns the lines it printed after the address.
    pub fn spawn(args: &[&str]) -> (Server, Vec<String>) {
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

    pub fn raw(&self, request: &[u8]) -> Antwoord {
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

    pub fn request(
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
        // A browser sends the page's origin with every form.
        if method == "POST" && host == self.addr {
            req.push_str(&format!("Origin: http://{}\r\n", self.addr));
        }
        if let Some(c) = ctype {
            req.push_str(&format!("Content-Type: {c}\r\n"));
        }
        req.push_str("\r\n");
        let mut bytes = req.into_bytes();
        bytes.extend_from_slice(body);
        self.raw(&bytes)
    }

    pub fn get(&self, path: &str) -> Antwoord {
        self.request("GET", path, &self.addr.clone(), true, None, b"")
    }

    /// Uploads the example register and config with `fields`; the session id.
    pub fn upload_voorbeeld(&self, fields: &[(&str, &str)]) -> String {
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

    /// Posts a multipart form (files: field, file name, bytes) to `path`; returns the answer
    /// and the session id it leads to.
    pub fn multipart(
        &self,
        path: &str,
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
            &self.met_formulier(path),
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

    /// Uploads files (field, file name, bytes) and fields to /controle; returns the session id.
    pub fn upload(
        &self,
        files: &[(&str, &str, Vec<u8>)],
        fields: &[(&str, &str)],
    ) -> (Antwoord, Option<String>) {
        self.multipart("/controle", files, fields)
    }

    /// The token of the page's forms: the start page's, or a session's (`/s/<id>/…`).
    pub fn formulier(&self, path: &str) -> String {
        let page = match path.strip_prefix("/s/").and_then(|r| r.split('/').next()) {
            Some(id) => self.get(&format!("/?s={id}")),
            None => self.get("/"),
        };
        let text = page.text();
        let at = text.find("?f=").expect("a form with its token");
        text[at + 3..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect()
    }

    /// `path` with the token its page's forms carry.
    pub fn met_formulier(&self, path: &str) -> String {
        format!("{path}?f={}", self.formulier(path))
    }

    pub fn post_form(&self, path: &str, form: &str) -> Antwoord {
        self.request(
            "POST",
            &self.met_formulier(path),
            &self.addr.clone(),
            true,
            Some("application/x-www-form-urlencoded"),
            form.as_bytes(),
        )
    }
}

/// The names of a ZIP's entries.
pub fn zip_names(body: Vec<u8>) -> Vec<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(body)).unwrap();
    (0..archive.len())
        .map(|i| archive.by_index(i).unwrap().name().unwrap().to_string())
        .collect()
}

pub fn html_unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}
