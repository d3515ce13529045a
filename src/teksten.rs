//! Dutch text templates (tera), shared by the findings (stats) and the report: the
//! introduction and the `[teksten]` of the config, with the figures in scope
//! (`{{ kerngetallen.ontvangen }}`; the report builds that scope: `report::context::scope`). The output is plain text that reaches
//! Typst as a value, so no template can change the layout or run Typst code.
//!
//! A text is a person's writing, so what is wrong with it is said in one Dutch sentence she can
//! act on ([`controleer`]): a misspelt placeholder with the nearest one that exists, a tag left
//! open with its line. Before a text is rendered it is read for what a text has no business
//! with: tera's internals (`{{ __tera_context }}` would print the whole scope), functions that
//! read the computer (`get_env` would put an environment variable into the PDF) or the clock,
//! and other templates (`include`, `extends`, macros). Those are refused, never rendered.

use crate::error::{Error, Result};

/// The default introduction.
pub const INLEIDING: &str = include_str!("../report-templates/inleiding.tera");
/// The default legal framework (Wkkgz and the klachtenregeling); `[teksten] kader` replaces it.
pub const KADER: &str = include_str!("../report-templates/kader.tera");

/// The placeholders a person writing a text is offered (the page lists them with their value in
/// this report, [`voorbeelden`]). Counts and shares are already formatted the Dutch way
/// (`kerngetallen.binnen_6_weken_pct` prints "75,2%"); `raw.` before a name gives the bare number
/// for a condition (`{% if raw.kerngetallen.ontvangen == 1 %}`).
pub const PLAATSHOUDERS: &[&str] = &[
    "organisatie",
    "jaar",
    "jaar + 1",
    "periode.naam",
    "kerngetallen.ontvangen",
    "kerngetallen.in_behandeling",
    "kerngetallen.deelklachten",
    "kerngetallen.afgehandeld",
    "kerngetallen.lopend",
    "kerngetallen.binnen_6_weken_pct",
    "kerngetallen.gemiddelde_doorlooptijd_weken",
    "termijnen.afhandeling.tekst",
];

/// The functions a text may call: `range` only. `get_env` reads the computer's environment,
/// `now` and `get_random` would make the same register give a different report, `throw` stops
/// with an English message; none belongs in a report's text.
const FUNCTIONS: &[&str] = &["range"];

/// tera's filters as this build has them (no `builtins`, no `urlencode` features), plus `safe`
/// and `default`, which its renderer handles itself. A unit test renders each one.
const FILTERS: &[&str] = &[
    "upper",
    "lower",
    "trim",
    "trim_start",
    "trim_end",
    "trim_start_matches",
    "trim_end_matches",
    "truncate",
    "wordcount",
    "replace",
    "capitalize",
    "title",
    "linebreaksbr",
    "indent",
    "striptags",
    "spaceless",
    "escape",
    "escape_xml",
    "addslashes",
    "split",
    "int",
    "float",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "slice",
    "group_by",
    "filter",
    "map",
    "concat",
    "abs",
    "pluralize",
    "round",
    "length",
    "reverse",
    "json_encode",
    "as_str",
    "get",
    "safe",
    "default",
];

/// tera's tests (`{% if x is defined %}`).
const TESTS: &[&str] = &[
    "defined",
    "undefined",
    "odd",
    "even",
    "string",
    "number",
    "divisibleby",
    "iterable",
    "object",
    "starting_with",
    "ending_with",
    "containing",
    "matching",
];

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

/// Renders one text template in a context made by [`context`]. What is wrong with it is the
/// Dutch sentence of [`controleer`], after "fout in sjabloon NAME".
pub fn render_in(name: &str, template: &str, context: &tera::Context) -> Result<String> {
    checked_render(template, context).map_err(|message| Error::Template {
        file: name.into(),
        message,
    })
}

/// Checks a text against the report's scope without keeping the result: `Ok` when it renders,
/// otherwise one Dutch sentence saying what to change (`{{ organsatie }} bestaat niet; bedoelt u
/// {{ organisatie }}?`, `regel 2: een {{ … }} is niet afgesloten met }}`). Tera's internals and
/// the functions that read the computer or the clock are refused here, before anything renders.
pub fn controleer(template: &str, context: &tera::Context) -> std::result::Result<(), String> {
    checked_render(template, context).map(|_| ())
}

/// Each of [`PLAATSHOUDERS`] with what it prints in this report (`("kerngetallen.binnen_6_weken_pct",
/// "75,2%")`), so a writer sees that the % is already there. A placeholder the scope lacks is
/// left out.
pub fn voorbeelden(context: &tera::Context) -> Vec<(&'static str, String)> {
    PLAATSHOUDERS
        .iter()
        .filter_map(|p| {
            tera::Tera::one_off(&format!("{{{{ {p} }}}}"), context, false)
                .ok()
                .map(|v| (*p, v))
        })
        .collect()
}

fn checked_render(template: &str, context: &tera::Context) -> std::result::Result<String, String> {
    let parsed = tera::Template::new("tekst", None, template)
        .map_err(|e| parse_error(template, &e.to_string()))?;
    refuse(&parsed.ast)?;
    tera::Tera::one_off(template, context, false).map_err(|e| render_error(&e, context))
}

/// A tera parse error in Dutch, with its line. Tera's parser (pest) writes
/// ` --> 2:9 … = expected a, b, or c`; the usual mistakes are named, anything else is said
/// plainly with tera's own words after it. Where pest points at the start of the text or at its
/// end (a tag it could not place), the tags themselves say which one is wrong.
fn parse_error(template: &str, message: &str) -> String {
    let line = message
        .split_once("--> ")
        .and_then(|(_, rest)| rest.split(':').next())
        .and_then(|l| l.trim().parse::<usize>().ok());
    let expected = message
        .lines()
        .find_map(|l| l.trim().strip_prefix("= "))
        .unwrap_or(message.trim());
    let wat = if expected.contains("a variable end (`}}`)") {
        "een {{ … }} is niet afgesloten met }}".to_string()
    } else if expected.contains("a comment end (`#}`)") {
        "een {# … #} is niet afgesloten met #}".to_string()
    } else if expected.contains("endif tag") {
        "een {% if … %} is niet afgesloten met {% endif %}".to_string()
    } else if expected.contains("endfor tag") {
        "een {% for … %} is niet afgesloten met {% endfor %}".to_string()
    } else if expected.contains("`%}` or `-%}`") {
        "een {% … %} is niet afgesloten met %}".to_string()
    } else if expected.starts_with("expected an expression")
        || expected.starts_with("expected a value")
        || expected.starts_with("expected an identifier")
        || expected.contains("a dotted identifier")
    {
        "tussen {{ en }} staat geen plaatshouder (een naam begint met een letter, zoals {{ jaar }})"
            .to_string()
    } else if let Some(m) = misplaced_tag(template) {
        return m;
    } else {
        format!("de tekst is geen geldig sjabloon (tera: {expected})")
    };
    match line {
        Some(l) => format!("regel {l}: {wat}"),
        None => wat,
    }
}

/// The tags a text may use, and those it may not but that tera knows (refused with their own
/// message once the text parses).
const TAGS: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "set",
    "set_global",
    "filter",
    "endfilter",
    "raw",
    "endraw",
    "break",
    "continue",
    "block",
    "endblock",
    "macro",
    "endmacro",
    "include",
    "import",
    "extends",
];

/// The first `{% … %}` that is unknown, closes what is not open, or is never closed, with its
/// line: `regel 3: {% iff %} bestaat niet; bedoelt u {% if %}?`.
fn misplaced_tag(template: &str) -> Option<String> {
    let mut open: Vec<(&str, usize)> = Vec::new();
    let mut rest = template;
    let mut offset = 0;
    while let Some(i) = rest.find("{%") {
        let start = offset + i;
        let line = template[..start].matches('\n').count() + 1;
        let after = &template[start + 2..];
        let word = after.trim_start_matches('-').trim_start();
        let keyword = &word[..word
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(word.len())];
        if keyword == "raw" {
            // Everything up to {% endraw %} is text.
            match after.find("endraw") {
                Some(j) => {
                    offset = start + 2 + j;
                    rest = &template[offset..];
                    continue;
                }
                None => {
                    return Some(format!(
                        "regel {line}: {{% raw %}} is niet afgesloten met {{% endraw %}}"
                    ));
                }
            }
        }
        if !TAGS.contains(&keyword) {
            return Some(match nearest(keyword, TAGS.iter().map(|t| (*t, true))) {
                Some(s) if !keyword.is_empty() => {
                    format!("regel {line}: {{% {keyword} %}} bestaat niet; bedoelt u {{% {s} %}}?")
                }
                _ => format!("regel {line}: {{% {keyword} … %}} bestaat niet"),
            });
        }
        match keyword {
            "if" | "for" | "filter" | "block" | "macro" => open.push((keyword, line)),
            "elif" | "else" if open.last().is_none_or(|(k, _)| *k != "if" && *k != "for") => {
                return Some(format!(
                    "regel {line}: {{% {keyword} %}} zonder {{% if %}} ervoor"
                ));
            }
            "endif" | "endfor" | "endfilter" | "endblock" | "endmacro" => {
                let opener = &keyword[3..];
                match open.pop() {
                    Some((k, _)) if k == opener => {}
                    Some((k, l)) => {
                        return Some(format!(
                            "regel {line}: {{% {keyword} %}} sluit niets af; de {{% {k} %}} van regel {l} is nog open"
                        ));
                    }
                    None => {
                        return Some(format!(
                            "regel {line}: {{% {keyword} %}} zonder {{% {opener} %}} ervoor"
                        ));
                    }
                }
            }
            _ => {}
        }
        offset = start + 2;
        rest = &template[offset..];
    }
    open.pop()
        .map(|(k, l)| format!("regel {l}: een {{% {k} … %}} is niet afgesloten met {{% end{k} %}}"))
}

/// Refuses what a text may not use, before anything is rendered: tera's internals (a name that
/// starts with `__`), functions other than `range`, unknown filters and tests, other templates.
fn refuse(nodes: &[tera::ast::Node]) -> std::result::Result<(), String> {
    use tera::ast::Node;
    for node in nodes {
        match node {
            Node::Text(_) | Node::Raw(..) | Node::Comment(..) | Node::Super => {}
            Node::Break(_) | Node::Continue(_) => {}
            Node::VariableBlock(_, e) => expr(e)?,
            Node::Set(_, set) => {
                name(&set.key)?;
                expr(&set.value)?;
            }
            Node::FilterSection(_, section, _) => {
                filter(&section.filter)?;
                refuse(&section.body)?;
            }
            Node::Block(_, block, _) => refuse(&block.body)?,
            Node::Forloop(_, f, _) => {
                if let Some(k) = &f.key {
                    name(k)?;
                }
                name(&f.value)?;
                expr(&f.container)?;
                refuse(&f.body)?;
                if let Some(body) = &f.empty_body {
                    refuse(body)?;
                }
            }
            Node::If(i, _) => {
                for (_, condition, body) in &i.conditions {
                    expr(condition)?;
                    refuse(body)?;
                }
                if let Some((_, body)) = &i.otherwise {
                    refuse(body)?;
                }
            }
            Node::Extends(..) => return Err(not_in_a_text("{% extends %}")),
            Node::Include(..) => return Err(not_in_a_text("{% include %}")),
            Node::ImportMacro(..) => return Err(not_in_a_text("{% import %}")),
            Node::MacroDefinition(..) => return Err(not_in_a_text("{% macro %}")),
        }
    }
    Ok(())
}

fn not_in_a_text(what: &str) -> String {
    format!(
        "{what} kan niet in een tekst van het verslag; een tekst kent alleen plaatshouders, {{% if %}}, {{% for %}} en {{% set %}}"
    )
}

/// A name the text itself introduces (`{% set x = … %}`, `{% for x in … %}`).
fn name(n: &str) -> std::result::Result<(), String> {
    if n.starts_with("__") {
        return Err(format!(
            "{n} is geen plaatshouder; kies een naam zonder __ ervoor"
        ));
    }
    Ok(())
}

fn expr(e: &tera::ast::Expr) -> std::result::Result<(), String> {
    value(&e.val)?;
    for f in &e.filters {
        filter(f)?;
    }
    Ok(())
}

fn value(v: &tera::ast::ExprVal) -> std::result::Result<(), String> {
    use tera::ast::ExprVal;
    match v {
        ExprVal::String(_) | ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) => Ok(()),
        ExprVal::Ident(id) => ident(id),
        ExprVal::Math(m) => {
            expr(&m.lhs)?;
            expr(&m.rhs)
        }
        ExprVal::Logic(l) => {
            expr(&l.lhs)?;
            expr(&l.rhs)
        }
        ExprVal::In(i) => {
            expr(&i.lhs)?;
            expr(&i.rhs)
        }
        ExprVal::Test(t) => {
            ident(&t.ident)?;
            if !TESTS.contains(&t.name.as_str()) {
                return Err(unknown(
                    &format!("de test \"is {}\"", t.name),
                    &t.name,
                    TESTS,
                    "is ",
                ));
            }
            t.args.iter().try_for_each(expr)
        }
        ExprVal::MacroCall(m) => Err(not_in_a_text(&format!("{}::{}()", m.namespace, m.name))),
        ExprVal::FunctionCall(f) => {
            match f.name.as_str() {
                "get_env" => {
                    return Err(
                        "get_env() kan niet in een tekst van het verslag: die zou gegevens van deze computer in het verslag zetten".into(),
                    );
                }
                "now" | "get_random" => {
                    return Err(format!(
                        "{}() kan niet in een tekst van het verslag: hetzelfde register moet steeds hetzelfde verslag geven",
                        f.name
                    ));
                }
                n if !FUNCTIONS.contains(&n) => {
                    return Err(format!(
                        "{n}() kan niet in een tekst van het verslag; gebruik plaatshouders zoals {{{{ jaar }}}}"
                    ));
                }
                _ => {}
            }
            f.args.values().try_for_each(expr)
        }
        ExprVal::Array(items) => items.iter().try_for_each(expr),
        ExprVal::StringConcat(c) => c.values.iter().try_for_each(value),
    }
}

fn filter(f: &tera::ast::FunctionCall) -> std::result::Result<(), String> {
    if !FILTERS.contains(&f.name.as_str()) {
        return Err(unknown(
            &format!("het filter | {}", f.name),
            &f.name,
            FILTERS,
            "| ",
        ));
    }
    f.args.values().try_for_each(expr)
}

/// "het filter | uper bestaat niet; bedoelt u | upper?"
fn unknown(what: &str, typed: &str, known: &[&str], prefix: &str) -> String {
    match nearest(typed, known.iter().map(|k| (*k, true))) {
        Some(s) => format!("{what} bestaat niet; bedoelt u {prefix}{s}?"),
        None => format!("{what} bestaat niet"),
    }
}

/// A placeholder path: no part of it may start with `__` (`__tera_context` prints the scope).
fn ident(id: &str) -> std::result::Result<(), String> {
    let internal = id
        .split(['.', '[', ']', '"', '\'', ' '])
        .any(|part| part.starts_with("__"));
    if internal {
        return Err(format!("{{{{ {id} }}}} is geen plaatshouder"));
    }
    Ok(())
}

/// The nearest candidate by edit distance, when it is close enough to be a typo: within a
/// third of the typed length (at least one). Ties go to a preferred candidate, then the shorter.
fn nearest<'a>(typed: &str, candidates: impl Iterator<Item = (&'a str, bool)>) -> Option<&'a str> {
    let limit = typed.chars().count().max(3) / 3;
    candidates
        .map(|(c, preferred)| {
            // `{{ ontvangen }}` finds kerngetallen.ontvangen by its last part.
            let last = c.rsplit('.').next().unwrap_or(c);
            let d = crate::nl::edit_distance(typed, c)
                .min(crate::nl::edit_distance(typed, last) + usize::from(last != c));
            (d, !preferred, c.len(), c)
        })
        .filter(|(d, ..)| *d <= limit.max(1))
        .min()
        .map(|(.., c)| c)
}

/// Every dotted path to a value in the scope (objects only; arrays are tables, not placeholders).
fn paths(v: &serde_json::Value, prefix: &str, depth: usize, out: &mut Vec<String>) {
    let serde_json::Value::Object(map) = v else {
        return;
    };
    for (k, child) in map {
        let path = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        if depth < 4 {
            paths(child, &path, depth + 1, out);
        }
        out.push(path);
    }
}

/// A render error in Dutch: a placeholder that does not exist (with the nearest that does), a
/// formatted number used in a sum, or else a plain sentence with tera's own words (template
/// names left out).
fn render_error(e: &tera::Error, context: &tera::Context) -> String {
    let causes = crate::error::causes(e);
    let between = |s: &str| -> Option<String> {
        let (_, rest) = s.split_once('`')?;
        Some(rest.split_once('`')?.0.to_string())
    };
    for c in &causes {
        if c.starts_with("Variable `") && c.contains("` not found in context") {
            let Some(var) = between(c) else { continue };
            return missing(&var, context);
        }
        if c.starts_with("Variable `") && c.contains("used in a math operation but is not a number")
        {
            let Some(var) = between(c) else { continue };
            let raw = format!("raw.{var}");
            return if lookup(context, &raw).is_some() {
                format!(
                    "met {{{{ {var} }}}} kan niet worden gerekend, want dat is al opgemaakte tekst; gebruik {{{{ {raw} }}}} om te rekenen"
                )
            } else {
                format!("met {{{{ {var} }}}} kan niet worden gerekend, want het is geen getal")
            };
        }
    }
    if let Some(name) = causes.iter().find_map(|c| {
        c.strip_prefix("Filter call '")?
            .split_once('\'')
            .map(|(n, _)| n)
    }) {
        return format!(
            "het filter | {name} past niet bij deze waarde (tera: {})",
            causes.last().map(String::as_str).unwrap_or_default()
        );
    }
    let tera_text: Vec<String> = causes
        .iter()
        .filter(|c| !c.starts_with("Failed to render"))
        .map(|c| c.replace(" while rendering '__tera_one_off'", ""))
        .collect();
    format!(
        "de tekst kan niet worden gemaakt (tera: {})",
        tera_text.join(": ")
    )
}

fn lookup<'a>(context: &'a tera::Context, path: &str) -> Option<&'a serde_json::Value> {
    let mut parts = path.split('.');
    let mut v = context.get(parts.next()?)?;
    for p in parts {
        v = v.get(p)?;
    }
    Some(v)
}

/// "{{ organsatie }} bestaat niet; bedoelt u {{ organisatie }}?"
fn missing(var: &str, context: &tera::Context) -> String {
    let mut known = Vec::new();
    paths(&context.clone().into_json(), "", 0, &mut known);
    let preferred = |p: &str| PLAATSHOUDERS.contains(&p);
    match nearest(var, known.iter().map(|p| (p.as_str(), preferred(p)))) {
        Some(s) => format!("{{{{ {var} }}}} bestaat niet; bedoelt u {{{{ {s} }}}}?"),
        None => format!(
            "{{{{ {var} }}}} bestaat niet; plaatshouders zijn onder meer {}",
            PLAATSHOUDERS
                .iter()
                .filter(|p| lookup(context, p).is_some())
                .map(|p| format!("{{{{ {p} }}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests;
