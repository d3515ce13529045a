//! The klachtnummers met so far, for the duplicate check.
//!
//! A klachtnummer is checked (present, unique) while the rows are read and then not kept: no
//! table counts by it and it never reaches any output. What the check needs is kept compact:
//! every distinct klachtnummer's text one after the other in one string, and a hash table of
//! indices into a list of where each first stood. A million rows cost no million allocations.

use std::hash::BuildHasher;

use hashbrown::HashTable;

/// The klachtnummers seen, each with where it first stood.
#[derive(Default)]
pub struct Klachtnummers {
    /// Every distinct klachtnummer, one after the other.
    text: String,
    /// Per distinct klachtnummer: its place in `text` and where it first stood.
    first: Vec<Eerste>,
    /// Indices into `first`, by the klachtnummer's hash (u32: half the table's memory, which
    /// a million numbers touch at random; a register has fewer than 4 billion rows).
    table: HashTable<u32>,
    hasher: rustc_hash::FxBuildHasher,
}

/// Where a klachtnummer first stood, and where its text ends in [`Klachtnummers::text`] (it
/// starts where the one before it ends).
#[derive(Clone, Copy)]
struct Eerste {
    end: usize,
    /// Index of the file ([`super::Register::files`]).
    file: u32,
    /// Rij.
    row: u32,
}

/// The text of number `i`.
fn nummer<'t>(text: &'t str, first: &[Eerste], i: usize) -> &'t str {
    let start = if i == 0 { 0 } else { first[i - 1].end };
    &text[start..first[i].end]
}

impl Klachtnummers {
    /// Room for `n` more distinct klachtnummers.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.first.reserve(n);
        // Most klachtnummers are shorter than this; longer ones make the text grow once more.
        self.text.reserve(n.saturating_mul(16));
        let (text, first) = (&self.text, &self.first);
        let hasher = &self.hasher;
        self.table
            .reserve(n, |&i| hasher.hash_one(nummer(text, first, i as usize)));
    }

    /// Where `nummer` first stood (file index, rij), or `None` when it is new; then it is
    /// remembered as standing at (`file`, `row`).
    pub(crate) fn first_or_insert(
        &mut self,
        nummer: &str,
        file: usize,
        row: u32,
    ) -> Option<(usize, u32)> {
        let hash = self.hasher.hash_one(nummer);
        let (text, first) = (&self.text, &self.first);
        if let Some(&i) = self
            .table
            .find(hash, |&i| self::nummer(text, first, i as usize) == nummer)
        {
            let e = first[i as usize];
            return Some((e.file as usize, e.row));
        }
        self.text.push_str(nummer);
        self.first.push(Eerste {
            end: self.text.len(),
            file: u32::try_from(file).unwrap_or(u32::MAX),
            row,
        });
        let (text, first) = (&self.text, &self.first);
        let hasher = &self.hasher;
        let index = u32::try_from(first.len() - 1).unwrap_or(u32::MAX);
        self.table.insert_unique(hash, index, |&i| {
            hasher.hash_one(self::nummer(text, first, i as usize))
        });
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_place_of_each_number_is_kept() {
        let mut seen = Klachtnummers::default();
        seen.reserve(2);
        // More numbers than reserved: the table grows and still finds every one.
        for n in 0..1000u32 {
            assert_eq!(seen.first_or_insert(&format!("K{n}"), 0, n + 2), None);
        }
        assert_eq!(seen.first_or_insert("K0", 1, 5), Some((0, 2)));
        assert_eq!(seen.first_or_insert("K999", 1, 6), Some((0, 1001)));
        // A repeat does not move the first place; a prefix is another number.
        assert_eq!(seen.first_or_insert("K0", 2, 9), Some((0, 2)));
        assert_eq!(seen.first_or_insert("K", 1, 7), None);
        assert_eq!(seen.first_or_insert("", 1, 8), None);
        assert_eq!(seen.first_or_insert("", 1, 9), Some((1, 8)));
    }
}
