//! The register stage's options, resolved from the config by [`crate::settings`]: how headers
//! are matched, which sheet is read, and how open- and closed-list values are recognised.

use std::collections::HashMap;

use serde::Deserialize;

use super::closed::Lookup;
use super::headers::HeaderRules;
use super::normalize::label_key;
use super::{
    Afhandeling, Kanaal, Klager, Oordeel, Regeling, RijPer, Soort, Tevredenheid, Zorgrelatie,
};

/// One entry of an open-list vocabulary.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The name as printed.
    pub naam: String,
    /// What it means (annex).
    pub omschrijving: Option<String>,
    /// Other spellings, also earlier names.
    #[serde(default)]
    pub aliassen: Vec<String>,
}

/// An open-list vocabulary: order and spellings of categories or clusters.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// The terms in configured order.
    pub terms: Vec<Term>,
    map: HashMap<String, usize>,
}

impl Vocabulary {
    /// Builds the vocabulary; names and aliases are matched folded.
    pub fn new(terms: Vec<Term>) -> Self {
        let mut map = HashMap::new();
        for (i, t) in terms.iter().enumerate() {
            map.insert(label_key(&t.naam), i);
            for a in &t.aliassen {
                map.entry(label_key(a)).or_insert(i);
            }
        }
        Vocabulary { terms, map }
    }

    /// The configured name for a spelling.
    pub fn lookup(&self, raw: &str) -> Option<&str> {
        self.map
            .get(&label_key(raw))
            .map(|&i| self.terms[i].naam.as_str())
    }

    /// No vocabulary configured.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The same vocabulary with only the terms `keep` accepts (order and aliases kept): a
    /// batch unit's tables list the unit's own clusters and categories.
    pub fn only(&self, keep: impl Fn(&str) -> bool) -> Vocabulary {
        Vocabulary::new(
            self.terms
                .iter()
                .filter(|t| keep(&t.naam))
                .cloned()
                .collect(),
        )
    }

    /// The configured names in order.
    pub fn names(&self) -> Vec<String> {
        self.terms.iter().map(|t| t.naam.clone()).collect()
    }
}

/// Everything the register stage needs: header matching, the sheet, the vocabularies of the
/// open lists and the value lookups of the closed ones.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Header matching.
    pub headers: HeaderRules,
    /// XLSX sheet.
    pub blad: Option<String>,
    /// Category vocabulary.
    pub categorieen: Vocabulary,
    /// Cluster vocabulary.
    pub clusters: Vocabulary,
    /// klager lookup.
    pub klager: Lookup<Klager>,
    /// kanaal lookup.
    pub kanaal: Lookup<Kanaal>,
    /// soort lookup.
    pub soort: Lookup<Soort>,
    /// regeling lookup.
    pub regeling: Lookup<Regeling>,
    /// afhandeling lookup.
    pub afhandeling: Lookup<Afhandeling>,
    /// zorgrelatie lookup.
    pub zorgrelatie: Lookup<Zorgrelatie>,
    /// tevredenheid lookup.
    pub tevredenheid: Lookup<Tevredenheid>,
    /// oordeel lookup.
    pub oordeel: Lookup<Oordeel>,
    /// What one row is: a complaint, or a deelklacht (`[register] rij`).
    pub rij_per: RijPer,
    /// Today, for the "date in the future" check; set by the CLI, `None` in tests (the
    /// library never reads the clock itself).
    pub vandaag: Option<chrono::NaiveDate>,
    /// Spellings of an open list kept as labels of their own, not merged with the spellings
    /// that differ only in case, accents or punctuation (`[apart]`).
    pub apart: Vec<(super::Kolom, String)>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            headers: HeaderRules::default(),
            blad: None,
            categorieen: Vocabulary::default(),
            clusters: Vocabulary::default(),
            klager: Lookup::new(&[]),
            kanaal: Lookup::new(&[]),
            soort: Lookup::new(&[]),
            regeling: Lookup::new(&[]),
            afhandeling: Lookup::new(&[]),
            zorgrelatie: Lookup::new(&[]),
            tevredenheid: Lookup::new(&[]),
            oordeel: Lookup::new(&[]),
            rij_per: RijPer::Klacht,
            vandaag: None,
            apart: Vec::new(),
        }
    }
}
