//! Labels as the PDF prints them: a label longer than a reader can use is cut with "…".
//! The JSON and XLSX keep every label whole.

/// Longest label the PDF prints; longer ones are cut with "…" (the JSON and XLSX keep them).
/// A PDF/A string holds at most 32,767 characters, and a 100,000-character label in a table
/// helps no reader.
pub(crate) const MAX_LABEL: usize = 300;

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
