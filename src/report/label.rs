//! Labels as the PDF prints them: a label longer than a reader can use is cut with "…".
//! The JSON and XLSX keep every label whole.

/// Longest label the PDF prints ([`crate::register::issue::MAX_LABEL_SHOWN`]).
pub(crate) const MAX_LABEL: usize = crate::register::issue::MAX_LABEL_SHOWN;

/// Cuts a text to `max` characters, marking the cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}
