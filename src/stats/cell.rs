//! One cell of a table: a count, a percentage, or a count the public version hides.

use serde::Serialize;

/// One cell: a count or a percentage (one decimal), or a hidden small number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// A count.
    Aantal(u64),
    /// A percentage, 0–100, one decimal.
    Percentage(f64),
    /// A rate per a volume (`[[volume]]`), two decimals: not a count, and not a share of one.
    Verhouding(f64),
    /// Not given (a year without a `[[volume]]`): "–" in the PDF, empty in the XLSX, `null`
    /// in the JSON.
    Geen,
    /// Hidden in the public version: a count between 1 and k−1, shown as "< k".
    Verborgen(u32),
    /// Hidden in the public version because it would give a small count away (secondary
    /// suppression), shown as "x": it is not small itself.
    Afgeschermd,
}

/// How a secondarily suppressed cell is shown.
pub const AFGESCHERMD: &str = "x";

impl Cell {
    /// Hidden in the public version ("< k" or "x").
    pub fn is_verborgen(&self) -> bool {
        matches!(self, Cell::Verborgen(_) | Cell::Afgeschermd)
    }

    /// How a hidden cell is shown in every output ("< 5" or "x"); `None` for a number.
    pub fn verborgen_tekst(&self) -> Option<String> {
        match self {
            Cell::Verborgen(k) => Some(format!("< {k}")),
            Cell::Afgeschermd => Some(AFGESCHERMD.to_string()),
            Cell::Aantal(_) | Cell::Percentage(_) | Cell::Verhouding(_) | Cell::Geen => None,
        }
    }
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Aantal(n) => s.serialize_u64(*n),
            Cell::Percentage(p) | Cell::Verhouding(p) => s.serialize_f64(*p),
            Cell::Geen => s.serialize_none(),
            hidden => s.serialize_str(&hidden.verborgen_tekst().unwrap_or_default()),
        }
    }
}
