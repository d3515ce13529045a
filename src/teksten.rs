//! Dutch text templates (tera), shared by the findings (stats) and the report: the
//! introduction and the `[teksten]` of the config, with the figures in scope
//! (`{{ kerngetallen.ontvangen }}`; the report builds that scope: `report::context::scope`). The output is plain text that reaches
//! Typst as a value, so no template can change the layout or run Typst code.

use crate::error::{Error, Result};

/// The default introduction.
pub const INLEIDING: &str = include_str!("../report-templates/inleiding.tera");
/// The default legal framework (Wkkgz and the klachtenregeling); `[teksten] kader` replaces it.
pub const KADER: &str = include_str!("../report-templates/kader.tera");

/// Renders one text template with `scope` (the figures as JSON) as its context.
pub fn render(name: &str, template: &str, scope: &serde_json::Value) -> Result<String> {
    render_in(name, template, &context(name, scope)?)
}

/// The tera context of a scope, made once for the report's many texts.
pub fn context(name: &str, scope: &serde_json::Value) -> Result<tera::Context> {
    tera::Context::from_value(scope.clone()).map_err(|e| Error::Template {
        file: name.into(),
        message: e.to_string(),
    })
}

/// Renders one text template in a context made by [`context`].
pub fn render_in(name: &str, template: &str, context: &tera::Context) -> Result<String> {
    tera::Tera::one_off(template, context, false).map_err(|e| {
        // tera puts the useful part in the source chain.
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            message = format!("{message}: {s}");
            source = s.source();
        }
        Error::Template {
            file: name.into(),
            message,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_with_figures_in_scope() {
        let scope = serde_json::json!({"jaar": 2024, "kerngetallen": {"ontvangen": 43}});
        let out = render("t", "In {{ jaar }}: {{ kerngetallen.ontvangen }}", &scope).unwrap();
        assert_eq!(out, "In 2024: 43");
    }

    #[test]
    fn unknown_variable_is_a_dutch_error_naming_the_template() {
        let err = render(
            "[teksten] voorwoord",
            "{{ onbekend }}",
            &serde_json::json!({}),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("fout in sjabloon [teksten] voorwoord"),
            "{err}"
        );
    }
}
