//! The table model shared by every output: JSON, XLSX and PDF all read these values.

use serde::Serialize;

pub use super::cell::{AFGESCHERMD, Cell};
use super::frame::Klasse;
use super::kerngetal::Kerngetal;
use crate::register::Instroom;

macro_rules! table_ids {
    ($($variant:ident => $id:literal;)+) => {
        /// The contract's table ids.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum TableId {
            $( #[doc = $id] $variant, )+
            /// `signaal_N`: the N-th `[[signaal]]` table of the config (1 … [`MAX_SIGNALEN`]).
            Signaal(u8),
            /// `routes_naast_elkaar`: the routes of `[verslag] routes` side by side.
            RoutesNaastElkaar,
            /// `route_N_categorieen`: the N-th route's deelklachten per category (1 …
            /// [`MAX_ROUTES`](super::route::MAX_ROUTES)).
            RouteCategorieen(u8),
        }
        impl TableId {
            /// Every table counted from the register, in report order.
            pub const ALL: &'static [TableId] = &[$(TableId::$variant),+];
            /// The contract id.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(TableId::$variant => $id,)+
                    TableId::Signaal(n) => SIGNAAL_IDS
                        .get(usize::from(n).wrapping_sub(1))
                        .copied()
                        .unwrap_or("signaal"),
                    TableId::RoutesNaastElkaar => "routes_naast_elkaar",
                    TableId::RouteCategorieen(n) => super::route::ROUTE_IDS
                        .get(usize::from(n).wrapping_sub(1))
                        .copied()
                        .unwrap_or("route_categorieen"),
                }
            }
        }
    };
}

/// How many `[[signaal]]` tables a config may give.
pub const MAX_SIGNALEN: usize = 20;

/// The ids of the signal tables (a table id is a `&'static str` everywhere it is printed).
const SIGNAAL_IDS: [&str; MAX_SIGNALEN] = [
    "signaal_1",
    "signaal_2",
    "signaal_3",
    "signaal_4",
    "signaal_5",
    "signaal_6",
    "signaal_7",
    "signaal_8",
    "signaal_9",
    "signaal_10",
    "signaal_11",
    "signaal_12",
    "signaal_13",
    "signaal_14",
    "signaal_15",
    "signaal_16",
    "signaal_17",
    "signaal_18",
    "signaal_19",
    "signaal_20",
];

table_ids! {
    KlagersPerClusterKwartaal => "klagers_per_cluster_kwartaal";
    CategorieenPerKwartaal => "categorieen_per_kwartaal";
    CategorieenMeerjarig => "categorieen_meerjarig";
    KlachtenPerJaar => "klachten_per_jaar";
    KlagersPerType => "klagers_per_type";
    Instroom => "instroom";
    Afhandeling => "afhandeling";
    Tevredenheid => "tevredenheid";
    Oordeel => "oordeel";
    OordeelPerDeelklacht => "oordeel_per_deelklacht";
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

/// A row of the termijnen table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermijnRij {
    /// Closed within the handling term.
    BinnenTermijn,
    /// Closed within the extended term.
    BinnenVerlenging,
    /// Closed after the extended term.
    NaVerlenging,
    /// First contact within N working days.
    EersteContactWerkdagen(u32),
    /// First contact within N calendar days.
    EersteContactDagen(u32),
    /// Still open.
    Lopend,
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

/// What a row stands for, beside its printed label. Cells are tied together by these keys
/// (the public version's sums and links), never by the text a reader sees.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Rij {
    /// A value of the counted register column (a cluster, a category, a klager…), as counted.
    Waarde(String),
    /// Unknown or empty values.
    Onbekend,
    /// The sum of the rows above it.
    Totaal,
    /// A year (or the same quarter of that year in a quarterly report).
    Jaar(i32),
    /// An instroom row.
    Instroom(Instroom),
    /// A doorlooptijd bucket.
    Doorlooptijd(Klasse),
    /// A row of the termijnen table.
    Termijn(TermijnRij),
}

/// What a column stands for, beside its printed header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kol {
    /// A quarter (1–4) of the report year.
    Kwartaal(u8),
    /// A year (or the same quarter of that year in a quarterly report).
    Jaar(i32),
    /// The sum of the columns before it.
    Totaal,
    /// The count of a distribution or indicator table.
    Aantal,
    /// The share of a count: never a count itself.
    Percentage,
    /// The N-th volume of `[[volume]]` (cliënten, verrichtingen): a number from the config,
    /// not a count of complaints.
    Volume(u8),
    /// The rate per the N-th volume: not a count, but it gives the count back.
    Verhouding(u8),
    /// A route's own key figure in the routes side by side (`[verslag] routes`).
    Route(super::route::Maat),
}

impl Kol {
    /// Whether the column holds counts of complaints (the cells the public version protects
    /// and the sums run over).
    pub fn is_aantal(self) -> bool {
        match self {
            Kol::Route(m) => m.is_aantal(),
            _ => !matches!(self, Kol::Percentage | Kol::Volume(_) | Kol::Verhouding(_)),
        }
    }
}

/// A published count, by typed keys: a table cell, or a key figure of the period or (`vorig`)
/// of the comparison period.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Plaats {
    /// A cell of a table.
    Cel {
        /// The table.
        tabel: TableId,
        /// Its row.
        rij: Rij,
        /// Its column.
        kolom: Kol,
    },
    /// A count among the key figures.
    Kern {
        /// The figure.
        naam: Kerngetal,
        /// Of the comparison period.
        vorig: bool,
    },
}

impl Plaats {
    /// A table cell.
    pub fn cel(tabel: TableId, rij: Rij, kolom: Kol) -> Plaats {
        Plaats::Cel { tabel, rij, kolom }
    }

    /// A key figure of the period.
    pub fn kern(naam: Kerngetal) -> Plaats {
        Plaats::Kern { naam, vorig: false }
    }

    /// A key figure of the comparison period.
    pub fn kern_vorig(naam: Kerngetal) -> Plaats {
        Plaats::Kern { naam, vorig: true }
    }
}

/// A fact a reader of the report has about its counts: the public version hides enough cells
/// that no hidden count follows from these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relatie {
    /// The same count printed in two places.
    Gelijk(Plaats, Plaats),
    /// The parts add up to the total.
    Som {
        /// The parts.
        delen: Vec<Plaats>,
        /// Their sum.
        totaal: Plaats,
    },
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
    /// What the row stands for (not in the JSON: the label says it to a reader).
    #[serde(skip)]
    pub key: Rij,
}

/// What a table counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Telt {
    /// Complaints (in procedure).
    Klachten,
    /// Deelklachten of the complaints in procedure.
    Deelklachten,
}

/// A table of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// Contract id.
    pub id: TableId,
    /// Dutch caption.
    pub titel: String,
    /// What the table counts, for the tables whose unit is not in their id: complaints or
    /// deelklachten (the verdict and the klager's outcome).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telt: Option<Telt>,
    /// Column headers.
    pub kolommen: Vec<String>,
    /// Rows, the Totaal row last where there is one.
    pub rijen: Vec<Row>,
    /// What each column stands for, one per header.
    #[serde(skip)]
    pub kolom_keys: Vec<Kol>,
    /// The count each column adds up to: its Totaal row prints it, or (without a Totaal row)
    /// its rows add up to it. Set where the table is made (`tabulate`'s module header).
    #[serde(skip)]
    pub totalen: Vec<(Kol, Plaats)>,
    /// Further facts about its cells: a count printed again elsewhere, rows that add up to a
    /// key figure or to another table's cell.
    #[serde(skip)]
    pub relaties: Vec<Relatie>,
    /// The labels of the rows or columns taken from earlier reports (`[[eerder]]`), not
    /// counted from the register; marked in the PDF and the XLSX.
    #[serde(
        rename = "uit_eerdere_verslagen",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub eerder: Vec<String>,
    /// Texts the config gives a table of its own (`[[signaal]]`), instead of the contract's.
    #[serde(skip)]
    pub eigen: Option<EigenTekst>,
}

/// A config table's own texts: the header of its label column and the paragraph above it.
#[derive(Debug, Clone, PartialEq)]
pub struct EigenTekst {
    /// Header of the label column.
    pub label_kop: String,
    /// The explanation above the table (may be empty).
    pub uitleg: String,
}

impl Table {
    /// A table of rows and columns with their keys, without totals or relations yet.
    pub fn new(id: TableId, kolommen: Vec<(Kol, String)>, rijen: Vec<Row>) -> Table {
        let (kolom_keys, kolommen) = kolommen.into_iter().unzip();
        Table {
            id,
            titel: String::new(),
            telt: None,
            kolommen,
            rijen,
            kolom_keys,
            totalen: Vec::new(),
            relaties: Vec::new(),
            eerder: Vec::new(),
            eigen: None,
        }
    }

    /// The header of the label column: the config's for a table of its own, else the
    /// contract table's.
    pub fn label_kop(&self) -> &str {
        match &self.eigen {
            Some(e) => &e.label_kop,
            None => super::bijschrift::label_kop(self.id),
        }
    }

    /// The row with a label.
    pub fn row(&self, label: &str) -> Option<&Row> {
        self.rijen.iter().find(|r| r.label == label)
    }

    /// The (row, column) index of a cell, by its keys.
    pub fn cel(&self, rij: &Rij, kolom: Kol) -> Option<(usize, usize)> {
        let r = self.rijen.iter().position(|x| x.key == *rij)?;
        let c = self.kolom_keys.iter().position(|x| *x == kolom)?;
        Some((r, c))
    }

    /// The sums the table's shape makes: every row across to its Totaal column, every count
    /// column down to its Totaal row, and each column of [`Table::totalen`] to its total.
    /// (The declared [`Table::relaties`] come on top of these.)
    pub fn sommen(&self) -> Vec<Relatie> {
        let cel = |r: &Row, k: Kol| Plaats::cel(self.id, r.key.clone(), k);
        let counts: Vec<Kol> = self
            .kolom_keys
            .iter()
            .copied()
            .filter(|k| k.is_aantal())
            .collect();
        let mut out = Vec::new();
        if self.kolom_keys.last() == Some(&Kol::Totaal) {
            for r in &self.rijen {
                out.push(Relatie::Som {
                    delen: counts
                        .iter()
                        .filter(|k| **k != Kol::Totaal)
                        .map(|&k| cel(r, k))
                        .collect(),
                    totaal: cel(r, Kol::Totaal),
                });
            }
        }
        if let Some(total) = self.totaal_rij() {
            for &k in &counts {
                out.push(Relatie::Som {
                    delen: self.body().iter().map(|r| cel(r, k)).collect(),
                    totaal: cel(total, k),
                });
            }
        }
        out
    }

    /// What [`Table::totalen`] says, as relations: the Totaal row's cell is the count, or the
    /// rows add up to it.
    pub fn totaal_relaties(&self) -> Vec<Relatie> {
        let cel = |r: &Row, k: Kol| Plaats::cel(self.id, r.key.clone(), k);
        self.totalen
            .iter()
            .map(|(k, totaal)| match self.totaal_rij() {
                Some(t) => Relatie::Gelijk(cel(t, *k), totaal.clone()),
                None => Relatie::Som {
                    delen: self.rijen.iter().map(|r| cel(r, *k)).collect(),
                    totaal: totaal.clone(),
                },
            })
            .collect()
    }

    /// Every fact about the table's cells: its sums, its totals and its declared relations.
    pub fn alle_relaties(&self) -> Vec<Relatie> {
        let mut out = self.sommen();
        out.extend(self.totaal_relaties());
        out.extend(self.relaties.iter().cloned());
        out
    }

    /// The Totaal row, when the table ends with one.
    fn totaal_rij(&self) -> Option<&Row> {
        self.rijen.last().filter(|r| r.key == Rij::Totaal)
    }

    /// The rows above the Totaal row (every row when there is none).
    fn body(&self) -> &[Row] {
        match self.totaal_rij() {
            Some(_) => &self.rijen[..self.rijen.len() - 1],
            None => &self.rijen,
        }
    }

    /// Whether the last column is a Totaal column (by its key, whatever its header says).
    pub fn has_total_column(&self) -> bool {
        self.kolom_keys.last() == Some(&Kol::Totaal)
    }
}

/// Label of the row for unknown or empty values.
pub const ONBEKEND: &str = "Onbekend";
/// Label of the sum row and column.
pub const TOTAAL: &str = "Totaal";

impl Relatie {
    /// The sums among the count figures: afgehandeld and lopend are the complaints in
    /// procedure, in the period and (`vergelijking`) in the comparison period.
    pub fn tussen_kerngetallen(vergelijking: bool) -> Vec<Relatie> {
        let som = |vorig| Relatie::Som {
            delen: vec![
                Plaats::Kern {
                    naam: Kerngetal::Afgehandeld,
                    vorig,
                },
                Plaats::Kern {
                    naam: Kerngetal::Lopend,
                    vorig,
                },
            ],
            totaal: Plaats::Kern {
                naam: Kerngetal::InBehandeling,
                vorig,
            },
        };
        let mut out = vec![som(false)];
        if vergelijking {
            out.push(som(true));
        }
        out
    }
}
