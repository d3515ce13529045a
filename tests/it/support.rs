//! Test support: fixtures copied into a fresh folder, and the real binary run on them.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A test case: a private folder with the fixture's files.
pub struct Case {
    pub dir: PathBuf,
}

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Case {
    /// A private copy of `fixtures/<name>/`.
    pub fn fixture(name: &str) -> Case {
        let case = Case::empty(name);
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name);
        for entry in std::fs::read_dir(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display())) {
            let entry = entry.expect("dir entry");
            std::fs::copy(entry.path(), case.dir.join(entry.file_name())).expect("copy fixture");
        }
        case
    }

    /// An empty private folder.
    pub fn empty(name: &str) -> Case {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create case dir");
        Case { dir }
    }

    /// A path inside the case folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    /// Runs `klachtverslag` with `args` inside the case folder.
    pub fn run(&self, args: &[&str]) -> Output {
        let out = Command::new(env!("CARGO_BIN_EXE_klachtverslag"))
            .args(args)
            .current_dir(&self.dir)
            .output()
            .expect("run klachtverslag");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs `verslag` for 2024 on `register` into `uit/`, with the case's `config.toml` when it
    /// has one, plus `extra` arguments.
    pub fn verslag(&self, register: &str, extra: &[&str]) -> Output {
        let mut args = vec![
            "verslag",
            "--register",
            register,
            "--jaar",
            "2024",
            "--uit",
            "uit",
        ];
        if self.path("config.toml").exists() {
            args.extend(["--config", "config.toml"]);
        }
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// The text of a PDF of the case (see [`pdf_text`]).
    pub fn pdf_text(&self, rel: &str) -> String {
        pdf_text(&std::fs::read(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}")))
    }

    /// Reads a JSON file of the case.
    pub fn json(&self, rel: &str) -> serde_json::Value {
        let text = std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        serde_json::from_str(&text).expect("valid JSON")
    }
}

/// The text of a PDF, whitespace folded to single spaces.
pub fn pdf_text(bytes: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(bytes).expect("PDF text extracts");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The table with `id` in a `cijfers-*.json`.
#[track_caller]
pub fn table<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["tabellen"]
        .as_array()
        .expect("tabellen")
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("table {id}"))
}

/// Every file in a folder, recursively, as (path, bytes).
pub fn all_files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let p = entry.expect("entry").path();
        if p.is_dir() {
            out.extend(all_files(&p));
        } else {
            let bytes = std::fs::read(&p).expect("read file");
            out.push((p, bytes));
        }
    }
    out
}

/// The bundled example register and its config, as paths.
pub fn voorbeeld() -> (String, String) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/voorbeeld");
    let path = |f: &str| data.join(f).to_string_lossy().into_owned();
    (path("klachtenregister.csv"), path("config.toml"))
}

/// Asserts that `hay` contains `needle`, showing all of `hay` when it does not.
#[track_caller]
pub fn has(hay: &str, needle: &str) {
    assert!(hay.contains(needle), "missing {needle:?} in:\n{hay}");
}

/// The text of one entry of a ZIP file (an XLSX part such as `docProps/core.xml`).
pub fn zip_entry(path: &Path, name: &str) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut zip = zip::ZipArchive::new(file).expect("a ZIP file");
    let mut entry = zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("UTF-8 entry");
    text
}
