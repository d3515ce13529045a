//! The user's config file, changed in place: what the page sets (a column mapping, an alias of
//! a closed-list value, a text, a setting) is written into the uploaded file with its comments,
//! order and layout kept (toml_edit edits the document; nothing is re-serialised), so the file
//! a klachtenfunctionaris downloads is her own file with her choices in it, and uploading it
//! next year restores every choice. Line ends are LF.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::register::normalize::{clean, label_key};
use crate::report::Plan;
use crate::stats::doelen::Status;

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

    /// `[apart] kolom = [..., "spelling"]`: a spelling of an open list kept as its own label.
    pub fn add_apart(&mut self, kolom: &str, spelling: &str) {
        add_to_array(self.table(&["apart"]), kolom, spelling);
    }

    /// A text at `path` (`["teksten", "voorwoord"]`, `["eenheid", "2. Wonen Zuid",
    /// "voorwoord"]`); an empty text removes the key.
    pub fn set_text(&mut self, path: &[&str], text: &str) {
        let (key, tables) = path.split_last().expect("a path has a key");
        let text = lf(text);
        if text.trim().is_empty() {
            // Nothing made for an empty text: a box left empty leaves the file as it was.
            self.remove(path);
        } else if self.get_str(path) == Some(text.as_str()) {
            // The same text: left as the file writes it (its quotes, its comment).
        } else {
            self.table(tables)[key] = toml_edit::value(text);
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
        // Through TableLike only: toml_edit's Item::get_mut makes what it does not find.
        let mut table: &mut dyn toml_edit::TableLike = self.doc.as_table_mut();
        for t in tables {
            match table.get_mut(t).and_then(Item::as_table_like_mut) {
                Some(inner) => table = inner,
                None => return,
            }
        }
        table.remove(key);
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
        let old_first = old.iter().filter_map(Table::position).min();
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
        self.replace_list(list, out, old_first);
    }

    /// Puts `out` in place of the `[[list]]` tables, where the first of them stood (or at the
    /// end). toml_edit prints tables by their position in the file, not by their place in the
    /// array: the list gets consecutive positions, with room made by spreading every other
    /// table's position, and then every position is renumbered small again.
    fn replace_list(&mut self, list: &str, mut out: ArrayOfTables, old_first: Option<usize>) {
        let start = old_first.unwrap_or(usize::MAX / 2 / SPREAD);
        spread_positions(self.doc.as_table_mut());
        for (i, t) in out.iter_mut().enumerate() {
            t.set_position(start * SPREAD + i + 1);
        }
        if out.is_empty() {
            self.doc.remove(list);
        } else {
            self.doc[list] = Item::ArrayOfTables(out);
        }
        let mut all = Vec::new();
        walk_positions(self.doc.as_table_mut(), &mut |p| {
            all.push(*p);
        });
        all.sort_unstable();
        all.dedup();
        walk_positions(self.doc.as_table_mut(), &mut |p| {
            *p = all.binary_search(p).unwrap_or(0) + 1;
        });
    }

    /// Sets the `[[list]]` tables (`plan`, `doel`) to `rows`, in that order: each row is the
    /// value its `key` had (`None` for a new table) and its values by key (`None` or an empty
    /// text removes the key). A table keeps its other keys and comments; a table not in `rows`
    /// is removed, and a row whose `key` value is empty is left out.
    pub fn set_list(&mut self, list: &str, key: &str, rows: &[ListRow<'_>]) {
        let mut old: Vec<Table> = self
            .doc
            .get(list)
            .and_then(Item::as_array_of_tables)
            .map(|a| a.iter().cloned().collect())
            .unwrap_or_default();
        let old_first = old.iter().filter_map(Table::position).min();
        let mut out = ArrayOfTables::new();
        for (was, values) in rows {
            let found = was.as_deref().and_then(|was| {
                old.iter()
                    .position(|t| key_text(t.get(key)).as_deref() == Some(was))
            });
            let mut t = found.map(|i| old.remove(i)).unwrap_or_default();
            for (k, v) in values {
                let v = match v {
                    Some(Value::String(s)) => {
                        let s = lf(s.value());
                        (!s.trim().is_empty()).then(|| Value::from(s.trim_end_matches('\n')))
                    }
                    other => other.clone(),
                };
                match v {
                    Some(v) => t[*k] = toml_edit::value(v),
                    None => {
                        t.remove(k);
                    }
                }
            }
            if key_text(t.get(key)).is_some() {
                out.push(t);
            }
        }
        self.replace_list(list, out, old_first);
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

    /// The `[[name]]` array of tables, made when missing (an inline array of tables becomes
    /// `[[name]]` sections, keeping its entries).
    fn tables(&mut self, name: &str) -> &mut ArrayOfTables {
        let item = self
            .doc
            .as_table_mut()
            .entry(name)
            .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
        if !item.is_array_of_tables() {
            let taken = std::mem::take(item);
            *item = Item::ArrayOfTables(
                taken
                    .into_array_of_tables()
                    .unwrap_or_else(|_| ArrayOfTables::new()),
            );
        }
        item.as_array_of_tables_mut()
            .expect("made an array of tables above")
    }

    /// The plans of this file (`[[plan]]`), in order: next year's goals. Entries without a
    /// title are left out.
    pub fn plannen(&self) -> Vec<Plan> {
        let Some(item) = self.doc.get("plan") else {
            return Vec::new();
        };
        let text = |v: Option<&Item>| v.and_then(Item::as_str).map(str::to_string);
        let from_table = |t: &dyn toml_edit::TableLike| {
            text(t.get("titel")).map(|titel| Plan {
                titel,
                toelichting: text(t.get("toelichting")),
            })
        };
        match item {
            Item::ArrayOfTables(a) => a.iter().filter_map(|t| from_table(t)).collect(),
            Item::Value(Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_inline_table().and_then(|t| from_table(t)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The titles of the `[[doel]]` tables.
    pub fn doelen(&self) -> Vec<String> {
        self.doc
            .get("doel")
            .and_then(Item::as_array_of_tables)
            .map(|a| {
                a.iter()
                    .filter_map(|t| t.get("titel").and_then(Item::as_str).map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `[[doel]]` with this title: its status and result set (a goal of the same title, as
    /// labels match: case, accents and spaces do not count, is updated in place; else a new
    /// one is added at the end). `None` or an empty result removes that key.
    pub fn set_doel(&mut self, titel: &str, status: Option<Status>, resultaat: &str) {
        let titel = clean(titel);
        let key = label_key(&titel);
        let resultaat = lf(resultaat);
        let doelen = self.tables("doel");
        let i = doelen.iter().position(|t| {
            t.get("titel")
                .and_then(Item::as_str)
                .is_some_and(|t| label_key(t) == key)
        });
        let doel = match i {
            Some(i) => doelen.get_mut(i).expect("found above"),
            None => {
                let mut t = Table::new();
                t["titel"] = toml_edit::value(titel.as_str());
                doelen.push(t);
                doelen.get_mut(doelen.len() - 1).expect("pushed above")
            }
        };
        match status {
            Some(s) => doel["status"] = toml_edit::value(s.config_waarde()),
            None => {
                doel.remove("status");
            }
        }
        if resultaat.trim().is_empty() {
            doel.remove("resultaat");
        } else {
            doel["resultaat"] = toml_edit::value(resultaat);
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

/// A table of a `[[list]]` as [`ConfigFile::set_list`] writes it: the value its key had (as
/// text; `None` for a new table) and its values by key (`None`, or an empty text, removes it).
pub type ListRow<'a> = (Option<String>, Vec<(&'a str, Option<Value>)>);

/// A key's value as text, for matching a row to its table: a string, or an integer's digits.
fn key_text(item: Option<&Item>) -> Option<String> {
    let item = item?;
    item.as_str()
        .map(str::to_string)
        .or_else(|| item.as_integer().map(|n| n.to_string()))
}

/// Room between two tables' positions for a reordered list ([`ConfigFile::set_terms`]).
const SPREAD: usize = 1000;

/// Multiplies the position of every table in the document by [`SPREAD`].
fn spread_positions(table: &mut Table) {
    walk_positions(table, &mut |p| *p *= SPREAD);
}

/// Calls `f` on the position of every table in `table`, nested ones too.
fn walk_positions(table: &mut Table, f: &mut dyn FnMut(&mut usize)) {
    let set = |t: &mut Table, f: &mut dyn FnMut(&mut usize)| {
        if let Some(mut p) = t.position() {
            f(&mut p);
            t.set_position(p);
        }
        walk_positions(t, f);
    };
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => set(t, f),
            Item::ArrayOfTables(a) => {
                for t in a.iter_mut() {
                    set(t, f);
                }
            }
            _ => {}
        }
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
mod tests;
