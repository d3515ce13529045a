//! The table model shared by every output: JSON, XLSX and PDF all read these values.

use serde::Serialize;

macro_rules! table_ids {
    ($($variant:ident => $id:literal;)+) => {
        /// The contract's table ids.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum TableId { $( #[doc = $id] $variant ),+ }
        impl TableId {
            /// Every table, in report order.
            pub const ALL: &'static [TableId] = &[$(TableId::$variant),+];
            /// The contract id.
            pub fn as_str(self) -> &'static str { match self { $(TableId::$variant => $id),+ } }
        }
    };
}

table_ids! {
    KlagersPerClusterKwartaal => "klagers_per_cluster_kwartaal";
    CategorieenPerKwartaal => "categorieen_per_kwartaal";
    CategorieenMeerjarig => "categorieen_meerjarig";
    KlachtenPerJaar => "klachten_per_jaar";
    KlagersPerType => "klagers_per_type";
    Instroom => "instroom";
    Afhandeling => "afhandeling";
    Regeling => "regeling";
    Zorgrelatie => "zorgrelatie";
    SoortZorg => "soort_zorg";
    Kanaal => "kanaal";
    Doorlooptijd => "doorlooptijd";
    Termijnen => "termijnen";
}

impl Serialize for TableId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One cell: a count or a percentage (one decimal), or a hidden small number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// A count.
    Aantal(u64),
    /// A percentage, 0–100, one decimal.
    Percentage(f64),
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
            Cell::Aantal(_) | Cell::Percentage(_) => None,
        }
    }
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Aantal(n) => s.serialize_u64(*n),
            Cell::Percentage(p) => s.serialize_f64(*p),
            hidden => s.serialize_str(&hidden.verborgen_tekst().unwrap_or_default()),
        }
    }
}

/// What a row is, for layout (bold Totaal, Onbekend last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowKind {
    /// An ordinary row.
    #[default]
    Data,
    /// Unknown or empty values.
    Onbekend,
    /// The sum row.
    Totaal,
}

/// A table row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Row label.
    pub label: String,
    /// One value per column.
    pub waarden: Vec<Cell>,
    /// Layout role (not in the JSON: "Totaal" and "Onbekend" are in the label).
    #[serde(skip)]
    pub kind: RowKind,
}

/// A table of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Contract id.
    pub id: TableId,
    /// Dutch caption.
    pub titel: String,
    /// Column headers.
    pub kolommen: Vec<String>,
    /// Rows, the Totaal row last where there is one.
    pub rijen: Vec<Row>,
}

impl Table {
    /// The row with a label.
    pub fn row(&self, label: &str) -> Option<&Row> {
        self.rijen.iter().find(|r| r.label == label)
    }

    /// Whether the last column is a Totaal column.
    pub fn has_total_column(&self) -> bool {
        self.kolommen
            .last()
            .is_some_and(|k| k.starts_with("Totaal"))
    }
}

/// Label of the row for unknown or empty values.
pub const ONBEKEND: &str = "Onbekend";
/// Label of the sum row and column.
pub const TOTAAL: &str = "Totaal";
