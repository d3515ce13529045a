//! Header matching: which column of the export holds which contract column.
//!
//! Headers match case-, accent- and space-insensitively ("Datum ontvangst" is
//! `datum_ontvangst`); `[kolommen]` in the config maps any other header. The same matching
//! finds the header row when title lines stand above it.

use std::collections::HashMap;

use super::normalize::{fold, fold_within};

macro_rules! kolommen {
    ($($variant:ident => $name:literal),+ $(,)?) => {
        /// A column of the contract's register format.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kolom { $( #[doc = $name] $variant ),+ }
        impl Kolom {
            /// Every contract column.
            pub const ALL: &'static [Kolom] = &[$(Kolom::$variant),+];
            /// The contract's name.
            pub fn name(self) -> &'static str { match self { $(Kolom::$variant => $name),+ } }
        }
    };
}

kolommen!(
    Klachtnummer => "klachtnummer",
    DatumOntvangst => "datum_ontvangst",
    DatumAfgehandeld => "datum_afgehandeld",
    DatumEersteContact => "datum_eerste_contact",
    Zorgaanbieder => "zorgaanbieder",
    Cluster => "cluster",
    SoortZorg => "soort_zorg",
    Categorie => "categorie",
    Klager => "klager",
    Kanaal => "kanaal",
    Soort => "soort",
    Regeling => "regeling",
    Afhandeling => "afhandeling",
    Zorgrelatie => "zorgrelatie",
    Bemiddelingsgesprek => "bemiddelingsgesprek",
    Verlengd => "verlengd",
    Geschil => "geschil",
    Verbetermaatregel => "verbetermaatregel",
    Omschrijving => "omschrijving",
    Tevredenheid => "tevredenheid",
    Oordeel => "oordeel",
);

impl Kolom {
    /// Columns without which no register can be read.
    pub const REQUIRED: &'static [Kolom] =
        &[Kolom::Klachtnummer, Kolom::DatumOntvangst, Kolom::Categorie];

    /// Finds a contract column by its exact contract name (no folding: for code, not for
    /// headers).
    pub fn from_contract_name(name: &str) -> Option<Kolom> {
        Kolom::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// Finds a contract column by its canonical name (folded).
    pub fn by_name(name: &str) -> Option<Kolom> {
        Kolom::by_key(&fold(name))
    }

    /// Finds a contract column by its folded name.
    fn by_key(key: &str) -> Option<Kolom> {
        FOLDED_NAMES
            .iter()
            .find(|(_, name)| name == key)
            .map(|(k, _)| *k)
    }

    /// Whether the tool reads this column at all. `omschrijving` is recognised only so that
    /// it is never read: its cells are skipped at the reader and never stored.
    pub fn is_read(self) -> bool {
        self != Kolom::Omschrijving
    }
}

/// Every contract column with its folded name.
static FOLDED_NAMES: std::sync::LazyLock<Vec<(Kolom, String)>> =
    std::sync::LazyLock::new(|| Kolom::ALL.iter().map(|k| (*k, fold(k.name()))).collect());

/// Characters of the longest folded contract name.
static LONGEST_NAME: std::sync::LazyLock<usize> = std::sync::LazyLock::new(|| {
    FOLDED_NAMES
        .iter()
        .map(|(_, n)| n.chars().count())
        .max()
        .unwrap_or(0)
});

/// How headers of an export are matched onto contract columns.
#[derive(Debug, Clone, Default)]
pub struct HeaderRules {
    /// folded export header -> column, from `[kolommen]`.
    mapped: HashMap<String, Kolom>,
    /// Characters of the longest key in `mapped`.
    longest_mapped: usize,
}

impl HeaderRules {
    /// Rules with the config's `[kolommen]` mapping (contract column -> export header).
    pub fn new(mapping: &[(Kolom, String)]) -> Self {
        let mapped: HashMap<String, Kolom> = mapping.iter().map(|(k, h)| (fold(h), *k)).collect();
        HeaderRules {
            longest_mapped: mapped.keys().map(|k| k.chars().count()).max().unwrap_or(0),
            mapped,
        }
    }

    /// The contract column a header stands for, if any.
    pub fn column_of(&self, header: &str) -> Option<Kolom> {
        // No key is longer than the longest name or mapped header, so a longer cell is
        // folded only that far.
        let key = fold_within(header, self.longest_mapped.max(*LONGEST_NAME))?;
        if key.is_empty() {
            return None;
        }
        self.mapped
            .get(&key)
            .copied()
            .or_else(|| Kolom::by_key(&key))
    }

    /// Resolves a header row.
    pub fn resolve(&self, headers: &[String]) -> HeaderMap {
        let mut columns: Vec<(Kolom, usize)> = Vec::new();
        let mut duplicates: Vec<(Kolom, Vec<usize>)> = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            let Some(k) = self.column_of(h) else { continue };
            if let Some(&(_, first)) = columns.iter().find(|(c, _)| *c == k) {
                match duplicates.iter_mut().find(|(c, _)| *c == k) {
                    Some((_, pos)) => pos.push(i + 1),
                    None => duplicates.push((k, vec![first + 1, i + 1])),
                }
            } else {
                columns.push((k, i));
            }
        }
        HeaderMap {
            headers: headers.to_vec(),
            columns,
            duplicates,
        }
    }
}

/// A resolved header row.
#[derive(Debug, Clone)]
pub struct HeaderMap {
    /// Every header as written, in file order.
    pub headers: Vec<String>,
    /// Recognised columns and their 0-based position (first occurrence).
    pub columns: Vec<(Kolom, usize)>,
    /// Columns that occur more than once, with 1-based positions.
    pub duplicates: Vec<(Kolom, Vec<usize>)>,
}

impl HeaderMap {
    /// How many contract columns this row names: the score for header-row detection.
    pub fn score(&self) -> usize {
        self.columns.len()
    }

    /// Position of a column.
    pub fn position(&self, k: Kolom) -> Option<usize> {
        self.columns.iter().find(|(c, _)| *c == k).map(|&(_, i)| i)
    }

    /// The non-empty headers as written, for messages.
    pub fn written(&self) -> Vec<String> {
        self.headers
            .iter()
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .collect()
    }

    /// The written header nearest to a contract name, when it is close enough to be a typo.
    pub fn suggestion(&self, k: Kolom) -> Option<String> {
        let target = fold(k.name());
        self.written()
            .into_iter()
            .filter(|h| self.column_of_written(h).is_none())
            .map(|h| (crate::nl::edit_distance(&fold(&h), &target), h))
            .filter(|(d, _)| *d <= target.chars().count().max(4) / 3)
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)))
            .map(|(_, h)| h)
    }

    fn column_of_written(&self, h: &str) -> Option<Kolom> {
        self.headers
            .iter()
            .position(|x| x.trim() == h)
            .and_then(|i| self.columns.iter().find(|(_, p)| *p == i).map(|(k, _)| *k))
    }
}

/// Finds the header row among the first records: the first that names the most contract
/// columns. Returns its index and mapping (index 0 when nothing is recognised).
pub fn detect_header<'a>(
    records: impl Iterator<Item = &'a [String]>,
    rules: &HeaderRules,
) -> (usize, HeaderMap) {
    let mut best: Option<(usize, HeaderMap)> = None;
    for (i, r) in records.enumerate() {
        let map = rules.resolve(r);
        if best.as_ref().is_none_or(|(_, b)| map.score() > b.score()) {
            best = Some((i, map));
        }
    }
    best.unwrap_or_else(|| (0, rules.resolve(&[])))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn headers_match_loosely_and_through_config() {
        let rules = HeaderRules::new(&[(Kolom::DatumOntvangst, "Datum binnenkomst".into())]);
        let map = rules.resolve(&s(&[
            "Klachtnummer",
            "datum binnenkomst",
            "Catégorie",
            "Omschrijving",
        ]));
        assert_eq!(map.position(Kolom::Klachtnummer), Some(0));
        assert_eq!(map.position(Kolom::DatumOntvangst), Some(1));
        assert_eq!(map.position(Kolom::Categorie), Some(2));
        assert_eq!(map.position(Kolom::Omschrijving), Some(3));
        assert_eq!(map.score(), 4);
    }

    #[test]
    fn duplicate_headers_are_reported_with_positions() {
        let map = HeaderRules::default().resolve(&s(&["klachtnummer", "cluster", "Cluster "]));
        assert_eq!(map.duplicates, vec![(Kolom::Cluster, vec![2, 3])]);
        assert_eq!(map.position(Kolom::Cluster), Some(1));
    }

    #[test]
    fn nearest_header_is_suggested() {
        let map =
            HeaderRules::default().resolve(&s(&["klachtnummer", "datum ontvagst", "categorie"]));
        assert_eq!(map.position(Kolom::DatumOntvangst), None);
        assert_eq!(
            map.suggestion(Kolom::DatumOntvangst),
            Some("datum ontvagst".into())
        );
        assert_eq!(map.suggestion(Kolom::Klager), None);
    }
}
