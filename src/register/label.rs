//! Labels of the open lists (cluster, category, soort_zorg, zorgaanbieder), shared by every
//! complaint that carries them.

/// A label of an open list (cluster, category, …), shared by every complaint that carries it:
/// a million complaints in five clusters hold five strings, not a million. One pointer wide
/// (a complaint holds three, a register a million complaints); equal, ordered and hashed by
/// its text.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(std::sync::Arc<Box<str>>);

impl std::ops::Deref for Label {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::borrow::Borrow<str> for Label {
    fn borrow(&self) -> &str {
        self
    }
}

impl From<&str> for Label {
    fn from(s: &str) -> Self {
        Label(std::sync::Arc::new(s.into()))
    }
}

impl From<String> for Label {
    fn from(s: String) -> Self {
        Label(std::sync::Arc::new(s.into_boxed_str()))
    }
}

impl std::fmt::Debug for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

/// Labels read from one cell (a complaint's categories; the one label of a cluster cell in the
/// checks' memo), shared by every complaint whose cell reads the same, and one pointer wide.
pub type LabelList = std::sync::Arc<Vec<Label>>;
