//! The result of holding a report against the law's checklists (the `verantwoording` module
//! makes it): carried with the figures, so the JSON, the PDF's annex and the warnings all say
//! the same.

use serde::Serialize;

/// One regime's checklist as it holds for this report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regime {
    /// The checklist's id (file name): `jeugdwet`, `wkkgz`, `wmo`.
    pub id: String,
    /// Its name.
    pub naam: String,
    /// Which text of the law it follows, and of when.
    pub bron: String,
    /// What the law says about publishing the report, for the colofon (Jeugdwet: before 1 June,
    /// and to whom).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openbaar: Option<String>,
    /// The items.
    pub items: Vec<Item>,
}

/// One item of a checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// "Jeugdwet art. 4.3.1 onder f".
    pub verwijzing: String,
    /// "samenstelling klachtencommissie".
    pub kort: String,
    /// Covered by the data or by a text.
    pub gedekt: bool,
    /// What covers it: "de cijfers" or `"[teksten] klachtencommissie"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub door: Option<String>,
    /// The report section that covers it (a label in the report).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waar: Option<String>,
    /// What to do when it is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actie: Option<String>,
    /// The `[teksten]` key that covers it, when a text can (the page links the item to its
    /// text box). Not in the JSON: `door` says what covered it.
    #[serde(skip)]
    pub tekst: Option<String>,
}
