//! The user's config file, changed in place: what the page sets (a column mapping, an alias of
//! a closed-list value, a text, a setting) is written into the uploaded file with its comments,
//! order and layout kept (toml_edit edits the document; nothing is re-serialised), so the file
//! a klachtenfunctionaris downloads is her own file with her choices in it, and uploading it
//! next year restores every choice. Line ends are LF.

use toml_edit::{Array, DocumentMut, Item, Table, Value};

/// A config file being edited.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    doc: DocumentMut,
}

/// Texts typed in a browser arrive with CRLF line ends; the file keeps LF.
fn lf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

impl ConfigFile {
    /// Parses the text of a config file (empty text: an empty config). The error is Dutch and
    /// names the line.
    pub fn parse(text: &str) -> Result<ConfigFile, String> {
        let text = lf(text);
        text.parse::<DocumentMut>()
            .map(|doc| ConfigFile { doc })
            .map_err(|e| {
                let line = e
                    .span()
                    .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
                match line {
                    Some(line) => format!("regel {line}: geen geldige TOML ({})", e.message()),
                    None => format!("geen geldige TOML ({})", e.message()),
                }
            })
    }

    /// The table at `path` (created as a `[section]` at the end when missing; the sections on
    /// the way only as part of the name, as `[waarden.klager]` is written).
    fn table(&mut self, path: &[&str]) -> &mut Table {
        let mut table = self.doc.as_table_mut();
        for (i, key) in path.iter().enumerate() {
            let last = i + 1 == path.len();
            let item = table.entry(key).or_insert_with(|| {
                let mut t = Table::new();
                t.set_implicit(!last);
                Item::Table(t)
            });
            if !item.is_table() {
                // An inline table (`kolommen = { … }`) becomes a section, keeping its keys.
                let inline = item.as_inline_table().cloned();
                let mut t = inline.map(|t| t.into_table()).unwrap_or_default();
                t.set_implicit(!last);
                *item = Item::Table(t);
            }
            table = item.as_table_mut().expect("made a table above");
        }
        table
    }

    /// `[kolommen] kolom = "header"`: a header of the export read as a contract column.
    pub fn set_kolom(&mut self, kolom: &str, header: &str) {
        self.table(&["kolommen"])[kolom] = toml_edit::value(header);
    }

    /// `[waarden.lijst] "waarde" = [..., "alias"]`: a spelling of the export counted as a value
    /// of a closed list. An alias given twice is kept once.
    pub fn add_alias(&mut self, lijst: &str, waarde: &str, alias: &str) {
        let table = self.table(&["waarden", lijst]);
        let item = table
            .entry(waarde)
            .or_insert_with(|| toml_edit::value(Array::new()));
        if !item.is_array() {
            // A single spelling written as a string becomes a list with it.
            let first = item.as_str().map(str::to_string);
            let mut a = Array::new();
            if let Some(first) = first {
                a.push(first);
            }
            *item = toml_edit::value(a);
        }
        let array = item.as_array_mut().expect("made an array above");
        if !array.iter().any(|v| v.as_str() == Some(alias)) {
            array.push(alias);
        }
    }

    /// A text at `path` (`["teksten", "voorwoord"]`, `["eenheid", "2. Wonen Zuid",
    /// "voorwoord"]`); an empty text removes the key.
    pub fn set_text(&mut self, path: &[&str], text: &str) {
        let (key, tables) = path.split_last().expect("a path has a key");
        let text = lf(text);
        let table = self.table(tables);
        if text.trim().is_empty() {
            table.remove(key);
        } else {
            table[key] = toml_edit::value(text);
        }
    }

    /// A setting at `path` (`["privacy", "kleine_aantallen"]`).
    pub fn set_value(&mut self, path: &[&str], value: impl Into<Value>) {
        let (key, tables) = path.split_last().expect("a path has a key");
        self.table(tables)[key] = toml_edit::value(value);
    }

    /// Removes the key at `path`, if it is there (`["kolommen", "categorie"]`).
    pub fn remove(&mut self, path: &[&str]) {
        let (key, tables) = path.split_last().expect("a path has a key");
        let mut item = self.doc.as_item_mut();
        for t in tables {
            match item.get_mut(t) {
                Some(i) => item = i,
                None => return,
            }
        }
        if let Some(t) = item.as_table_like_mut() {
            t.remove(key);
        }
    }

    /// The value at `path`, if it has one.
    pub fn get(&self, path: &[&str]) -> Option<&Item> {
        let mut item = self.doc.as_item();
        for key in path {
            item = item.get(key)?;
        }
        Some(item)
    }

    /// The terms of an open list (`categorie`, `cluster`): name and description, in the
    /// file's order.
    pub fn terms(&self, list: &str) -> Vec<(String, Option<String>)> {
        self.doc
            .get(list)
            .and_then(Item::as_array_of_tables)
            .map(|a| {
                a.iter()
                    .filter_map(|t| {
                        let naam = t.get("naam")?.as_str()?.to_string();
                        let omschrijving = t
                            .get("omschrijving")
                            .and_then(Item::as_str)
                            .map(str::to_string);
                        Some((naam, omschrijving))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Sets the terms of an open list (`[[categorie]]`, `[[cluster]]`) to `terms`, in that
    /// order: (name as it was, or `None` for a new term; name; description). A term keeps its
    /// other keys (aliassen) and its comments; a renamed term keeps its old name as an alias,
    /// so the register's cells still find it; a term left out is removed.
    pub fn set_terms(&mut self, list: &str, terms: &[(Option<String>, String, Option<String>)]) {
        let mut old: Vec<Table> = self
            .doc
            .get(list)
            .and_then(Item::as_array_of_tables)
            .map(|a| a.iter().cloned().collect())
            .unwrap_or_default();
        let mut out = toml_edit::ArrayOfTables::new();
        for (was, naam, omschrijving) in terms {
            let naam = naam.trim();
            if naam.is_empty() {
                continue;
            }
            let found = was.as_deref().and_then(|was| {
                old.iter()
                    .position(|t| t.get("naam").and_then(Item::as_str) == Some(was))
            });
            let mut t = match found {
                Some(i) => old.remove(i),
                None => Table::new(),
            };
            let previous = t.get("naam").and_then(Item::as_str).map(str::to_string);
            t["naam"] = toml_edit::value(naam);
            match omschrijving
                .as_deref()
                .map(str::trim)
                .filter(|o| !o.is_empty())
            {
                Some(o) => t["omschrijving"] = toml_edit::value(lf(o)),
                None => {
                    t.remove("omschrijving");
                }
            }
            if let Some(previous) = previous.filter(|p| p != naam) {
                add_to_array(&mut t, "aliassen", &previous);
            }
            out.push(t);
        }
        if out.is_empty() {
            self.doc.remove(list);
        } else {
            self.doc[list] = Item::ArrayOfTables(out);
        }
    }

    /// Adds a term at the end of an open list (`[[categorie]] naam = "…"`), unless it is there.
    pub fn add_term(&mut self, list: &str, naam: &str) {
        if self.terms(list).iter().any(|(n, _)| n == naam) {
            return;
        }
        let mut t = Table::new();
        t["naam"] = toml_edit::value(naam);
        match self
            .doc
            .get_mut(list)
            .and_then(Item::as_array_of_tables_mut)
        {
            Some(a) => a.push(t),
            None => {
                let mut a = toml_edit::ArrayOfTables::new();
                a.push(t);
                self.doc[list] = Item::ArrayOfTables(a);
            }
        }
    }

    /// Adds a spelling to a term of an open list (`aliassen = [..., "alias"]`); nothing when the
    /// term is not in the list.
    pub fn add_term_alias(&mut self, list: &str, naam: &str, alias: &str) {
        if let Some(t) = self
            .doc
            .get_mut(list)
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|a| {
                a.iter_mut()
                    .find(|t| t.get("naam").and_then(Item::as_str) == Some(naam))
            })
        {
            add_to_array(t, "aliassen", alias);
        }
    }

    /// A setting's text at `path`, if it has one.
    pub fn get_str(&self, path: &[&str]) -> Option<&str> {
        let mut item = self.doc.as_item();
        for key in path {
            item = item.get(key)?;
        }
        item.as_str()
    }
}

/// Adds `value` to the array `key` of a table (made when missing), once.
fn add_to_array(t: &mut Table, key: &str, value: &str) {
    let item = t
        .entry(key)
        .or_insert_with(|| toml_edit::value(Array::new()));
    if let Some(a) = item.as_array_mut()
        && !a.iter().any(|v| v.as_str() == Some(value))
    {
        a.push(value);
    }
}

impl std::fmt::Display for ConfigFile {
    /// The file's text, LF line ends.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.doc.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# Configuratie van De Lindehof\r\n\r\n[organisatie]\r\nnaam = \"De Lindehof\" # zoals op het briefpapier\r\n\r\n# Koppen van onze export\r\n[kolommen]\r\n# datum_ontvangst = \"Datum binnenkomst\"\r\n\r\n[teksten]\r\n# het voorwoord\r\nvoorwoord = \"\"\"\r\nOud\r\n\"\"\"\r\n";

    #[test]
    fn comments_order_and_layout_are_kept_and_line_ends_are_lf() {
        let mut c = ConfigFile::parse(FILE).expect("valid");
        c.set_kolom("categorie", "Onderwerp");
        c.set_text(
            &["teksten", "voorwoord"],
            "Nieuw\r\nmet \"aanhalingstekens\"\r\n",
        );
        let out = c.to_string();
        assert!(!out.contains('\r'), "{out:?}");
        assert_eq!(
            out,
            "# Configuratie van De Lindehof\n\n[organisatie]\nnaam = \"De Lindehof\" # zoals op het briefpapier\n\n# Koppen van onze export\n[kolommen]\ncategorie = \"Onderwerp\"\n# datum_ontvangst = \"Datum binnenkomst\"\n\n[teksten]\n# het voorwoord\nvoorwoord = \"\"\"\nNieuw\nmet \"aanhalingstekens\"\n\"\"\"\n"
        );
        // And it reads back as the values that were set.
        let back = ConfigFile::parse(&out).expect("valid");
        assert_eq!(back.get_str(&["kolommen", "categorie"]), Some("Onderwerp"));
        assert_eq!(
            back.get_str(&["teksten", "voorwoord"]),
            Some("Nieuw\nmet \"aanhalingstekens\"\n")
        );
    }

    #[test]
    fn new_sections_go_at_the_end_as_sections() {
        let mut c = ConfigFile::parse("[organisatie]\nnaam = \"X\"\n").expect("valid");
        c.add_alias("klager", "Cliënt", "patiënt");
        c.add_alias("klager", "Cliënt", "patiënt");
        c.add_alias("klager", "Cliënt", "bewoonster");
        c.set_value(&["privacy", "kleine_aantallen"], 10);
        c.set_text(&["eenheid", "2. Wonen Zuid", "voorwoord"], "Zuid");
        assert_eq!(
            c.to_string(),
            "[organisatie]\nnaam = \"X\"\n\n[waarden.klager]\n\"Cliënt\" = [\"patiënt\", \"bewoonster\"]\n\n[privacy]\nkleine_aantallen = 10\n\n[eenheid.\"2. Wonen Zuid\"]\nvoorwoord = \"Zuid\"\n"
        );
    }

    #[test]
    fn an_empty_text_removes_its_key_and_an_inline_table_becomes_a_section() {
        let mut c =
            ConfigFile::parse("kolommen = { klager = \"Wie\" }\n[teksten]\nadviezen = \"A\"\n")
                .expect("valid");
        c.set_text(&["teksten", "adviezen"], "  \r\n");
        c.set_kolom("categorie", "Onderwerp");
        let out = c.to_string();
        assert!(!out.contains("adviezen"), "{out}");
        let back = ConfigFile::parse(&out).expect("valid");
        assert_eq!(back.get_str(&["kolommen", "klager"]), Some("Wie"));
        assert_eq!(back.get_str(&["kolommen", "categorie"]), Some("Onderwerp"));
    }

    #[test]
    fn terms_are_reordered_renamed_and_removed_with_their_comments_and_aliases() {
        let mut c = ConfigFile::parse(
            "# lijst\n[[categorie]]\n# eerste\nnaam = \"A\"\naliassen = [\"a1\"]\n\n[[categorie]]\nnaam = \"B\"\nomschrijving = \"Bee\"\n\n[[categorie]]\nnaam = \"C\"\n",
        )
        .expect("valid");
        c.set_terms(
            "categorie",
            &[
                (Some("B".into()), "B".into(), Some("Nieuw".into())),
                (Some("A".into()), "Anders".into(), None),
                (None, "D".into(), Some("Dee".into())),
            ],
        );
        c.add_term_alias("categorie", "D", "dee");
        c.add_term("categorie", "D");
        c.add_term("cluster", "Noord");
        let out = c.to_string();
        let back = ConfigFile::parse(&out).expect("valid");
        assert_eq!(
            back.terms("categorie"),
            vec![
                ("B".to_string(), Some("Nieuw".to_string())),
                ("Anders".to_string(), None),
                ("D".to_string(), Some("Dee".to_string())),
            ],
            "{out}"
        );
        assert!(out.contains("# eerste"), "{out}");
        assert!(out.contains("aliassen = [\"a1\", \"A\"]"), "{out}");
        assert!(out.contains("aliassen = [\"dee\"]"), "{out}");
        assert!(!out.contains("\"C\""), "{out}");
        assert_eq!(back.terms("cluster"), vec![("Noord".to_string(), None)]);
        let cfg: crate::settings::Config = toml::from_str(&out).expect("the config reads it");
        assert_eq!(cfg.categorie[1].aliassen, vec!["a1", "A"]);
    }

    #[test]
    fn remove_takes_a_key_out() {
        let mut c = ConfigFile::parse("[kolommen]\ncategorie = \"X\"\n").expect("valid");
        c.remove(&["kolommen", "categorie"]);
        c.remove(&["bestaat", "niet"]);
        assert_eq!(c.get(&["kolommen", "categorie"]).map(|_| ()), None);
    }

    #[test]
    fn a_broken_file_names_its_line() {
        let e = ConfigFile::parse("[organisatie]\nnaam = \"X\"\nkleur = \n").unwrap_err();
        assert!(e.starts_with("regel 3: geen geldige TOML"), "{e}");
    }
}
