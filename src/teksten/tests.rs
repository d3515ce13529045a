use super::*;

/// A scope shaped like `report::context::scope`: formatted values, the bare ones under `raw`.
fn scope() -> tera::Context {
    context(
        "t",
        &serde_json::json!({
            "jaar": 2024,
            "organisatie": "Zorggroep De Lindehof",
            "periode": {"naam": "2024", "kort": "2024"},
            "kerngetallen": {"ontvangen": "1.496", "in_behandeling": "1.201", "binnen_6_weken_pct": "75,2%"},
            "termijnen": {"afhandeling": {"tekst": "6 weken"}},
            "raw": {"jaar": 2024, "kerngetallen": {"ontvangen": 1496, "binnen_6_weken_pct": 75.24}},
        }),
    )
    .unwrap()
}

fn fout(t: &str) -> String {
    controleer(t, &scope()).expect_err(t)
}

#[test]
fn renders_with_figures_in_scope() {
    let scope = serde_json::json!({"jaar": 2024, "kerngetallen": {"ontvangen": 43}});
    let out = render("t", "In {{ jaar }}: {{ kerngetallen.ontvangen }}", &scope).unwrap();
    assert_eq!(out, "In 2024: 43");
}

#[test]
fn a_good_text_passes() {
    let t = "In {{ periode.naam }} ontving {{ organisatie }} {{ kerngetallen.ontvangen }} klachten; \
             {{ kerngetallen.binnen_6_weken_pct }} binnen {{ termijnen.afhandeling.tekst }}.\n\
             {% if raw.kerngetallen.ontvangen > 1 %}Veel{% else %}Weinig{% endif %} in {{ jaar + 1 }}.\
             {# een opmerking #}{% set n = raw.jaar %}{% for i in range(end=2) %}{{ i }}{% endfor %}\
             {{ organisatie | upper }}{% if jaar is number %}!{% endif %}";
    assert_eq!(controleer(t, &scope()), Ok(()));
}

#[test]
fn a_misspelt_placeholder_names_the_nearest_one() {
    assert_eq!(
        fout("Dit is {{ organsatie }}."),
        "{{ organsatie }} bestaat niet; bedoelt u {{ organisatie }}?"
    );
    // Nested keys, and a last part typed without its parent.
    assert_eq!(
        fout("{{ kerngetallen.ontvangn }}"),
        "{{ kerngetallen.ontvangn }} bestaat niet; bedoelt u {{ kerngetallen.ontvangen }}?"
    );
    assert_eq!(
        fout("{{ ontvangen }}"),
        "{{ ontvangen }} bestaat niet; bedoelt u {{ kerngetallen.ontvangen }}?"
    );
}

#[test]
fn an_unknown_placeholder_far_from_any_lists_the_known_ones() {
    let m = fout("{{ voorzitter }}");
    assert!(
        m.starts_with("{{ voorzitter }} bestaat niet; plaatshouders zijn onder meer {{ organisatie }}, {{ jaar }}, {{ periode.naam }}"),
        "{m}"
    );
    assert!(!m.contains("bedoelt u"), "{m}");
}

#[test]
fn parse_errors_are_dutch_with_their_line() {
    assert_eq!(
        fout("Beste lezer,\n{{ jaar }"),
        "regel 2: een {{ … }} is niet afgesloten met }}"
    );
    assert_eq!(
        fout("a\nb\n{# noot"),
        "regel 3: een {# … #} is niet afgesloten met #}"
    );
    assert_eq!(
        fout("x\n{% if raw.jaar > 2020 %}nieuw"),
        "regel 2: een {% if … %} is niet afgesloten met {% endif %}"
    );
    assert_eq!(
        fout("{% for i in range(end=2) %}x"),
        "regel 1: een {% for … %} is niet afgesloten met {% endfor %}"
    );
    assert_eq!(
        fout("a\nb\n{% iff jaar %}x{% endif %}"),
        "regel 3: {% iff %} bestaat niet; bedoelt u {% if %}?"
    );
    assert_eq!(
        fout("{% if jaar %}x\n{% endif %}{% endif %}"),
        "regel 2: {% endif %} zonder {% if %} ervoor"
    );
    assert_eq!(
        fout("{% if jaar }x{% endif %}"),
        "regel 1: een {% … %} is niet afgesloten met %}"
    );
    assert!(fout("{{ }}").starts_with("regel 1: tussen {{ en }} staat geen plaatshouder"));
}

#[test]
fn filters_tests_and_arithmetic_are_explained_in_dutch() {
    assert_eq!(
        fout("{{ organisatie | uper }}"),
        "het filter | uper bestaat niet; bedoelt u | upper?"
    );
    assert_eq!(
        fout("{% if jaar is evn %}x{% endif %}"),
        "de test \"is evn\" bestaat niet; bedoelt u is even?"
    );
    assert_eq!(
        fout("{{ kerngetallen.ontvangen + 1 }}"),
        "met {{ kerngetallen.ontvangen }} kan niet worden gerekend, want dat is al opgemaakte tekst; gebruik {{ raw.kerngetallen.ontvangen }} om te rekenen"
    );
    let m = fout("{{ jaar | upper }}");
    assert!(
        m.starts_with("het filter | upper past niet bij deze waarde"),
        "{m}"
    );
    assert!(!m.contains("__tera"), "{m}");
}

#[test]
fn template_internals_are_refused_before_rendering() {
    assert_eq!(
        fout("{{ __tera_context }}"),
        "{{ __tera_context }} is geen plaatshouder"
    );
    assert_eq!(
        fout("{{ raw['__tera_context'] }}"),
        "{{ raw['__tera_context'] }} is geen plaatshouder"
    );
    assert_eq!(
        fout("{% if __tera_context %}x{% endif %}"),
        "{{ __tera_context }} is geen plaatshouder"
    );
    assert!(fout("{% set __x = 1 %}").starts_with("__x is geen plaatshouder"));
    assert!(fout("{% for __k in raw %}{% endfor %}").starts_with("__k is geen plaatshouder"));
    // The refusal is what render_in says too: the internals never reach an output.
    let err = render_in("[teksten] voorwoord", "{{ __tera_context }}", &scope()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "fout in sjabloon [teksten] voorwoord: {{ __tera_context }} is geen plaatshouder"
    );
}

#[test]
fn functions_that_read_the_computer_or_the_clock_are_refused() {
    // tera registers get_env even without its `builtins` feature.
    let m = fout("{{ get_env(name='HOME') }}");
    assert!(m.starts_with("get_env() kan niet in een tekst"), "{m}");
    let m = fout("{% set h = get_env(name='PATH', default='x') %}{{ h }}");
    assert!(m.starts_with("get_env() kan niet"), "{m}");
    assert!(fout("{{ now() }}").starts_with("now() kan niet"));
    assert!(fout("{{ get_random(end=9) }}").starts_with("get_random() kan niet"));
    assert!(fout("{{ throw(message='x') }}").starts_with("throw() kan niet"));
    // Hidden inside a filter's argument or a condition.
    assert!(fout("{{ jaar | default(value=get_env(name='HOME')) }}").starts_with("get_env()"));
    assert!(fout("{% if get_env(name='HOME') %}x{% endif %}").starts_with("get_env()"));
    for t in [
        "{% include 'x' %}",
        "{% extends 'x' %}",
        "{% macro m() %}{% endmacro %}",
    ] {
        assert!(
            fout(t).contains("kan niet in een tekst van het verslag"),
            "{t}"
        );
    }
}

#[test]
fn render_in_says_the_same_as_controleer() {
    let err = render_in("[teksten] voorwoord", "{{ organsatie }}", &scope()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "fout in sjabloon [teksten] voorwoord: {{ organsatie }} bestaat niet; bedoelt u {{ organisatie }}?"
    );
    let err = render_in("[teksten] plannen", "{{ jaar }", &scope()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "fout in sjabloon [teksten] plannen: regel 1: een {{ … }} is niet afgesloten met }}"
    );
}

#[test]
fn every_allowed_filter_and_test_exists_in_this_tera() {
    let ctx = scope();
    for f in FILTERS {
        let r = tera::Tera::one_off(&format!("{{{{ organisatie | {f} }}}}"), &ctx, false);
        if let Err(e) = r {
            let m = crate::error::causes(&e).join(": ");
            assert!(!m.contains("not found"), "{f}: {m}");
        }
    }
    for t in TESTS {
        let r = tera::Tera::one_off(&format!("{{% if jaar is {t} %}}{{% endif %}}"), &ctx, false);
        if let Err(e) = r {
            let m = crate::error::causes(&e).join(": ");
            assert!(!m.contains("not found"), "{t}: {m}");
        }
    }
}

#[test]
fn voorbeelden_show_each_placeholder_with_its_value() {
    let v = voorbeelden(&scope());
    assert!(v.contains(&("organisatie", "Zorggroep De Lindehof".to_string())));
    assert!(v.contains(&("jaar + 1", "2025".to_string())));
    assert!(v.contains(&("kerngetallen.binnen_6_weken_pct", "75,2%".to_string())));
    // What the scope lacks is left out, not shown empty.
    assert!(v.iter().all(|(p, _)| *p != "kerngetallen.lopend"), "{v:?}");
    assert!(v.iter().all(|(p, _)| PLAATSHOUDERS.contains(p)));
}

/// The page's placeholder list on the example register: every placeholder has a value, and
/// the share already carries its % sign.
#[test]
fn voorbeelden_of_the_example_register() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/voorbeeld");
    let mut settings =
        crate::settings::Settings::resolve(Some(&dir.join("config.toml")), &Default::default())
            .unwrap();
    let checked =
        crate::register::load(&[dir.join("klachtenregister.csv")], &settings.read).unwrap();
    settings.date_from(&checked.value);
    let mut figures = crate::stats::compute(
        &checked.value,
        crate::stats::Periode::jaar(2024),
        &settings.stats,
    )
    .unwrap();
    figures.organisatie.clone_from(&settings.report.organisatie);
    let ctx = context("t", &crate::report::context::scope(&figures)).unwrap();
    let v = voorbeelden(&ctx);
    assert_eq!(v.len(), PLAATSHOUDERS.len(), "{v:?}");
    let of = |p: &str| v.iter().find(|(q, _)| *q == p).unwrap().1.clone();
    assert_eq!(of("organisatie"), "Zorggroep De Lindehof");
    assert_eq!(of("jaar + 1"), "2025");
    assert_eq!(of("kerngetallen.ontvangen"), "187");
    assert_eq!(of("kerngetallen.binnen_6_weken_pct"), "75,2%");
    assert_eq!(of("kerngetallen.gemiddelde_doorlooptijd_weken"), "4,5");
    assert_eq!(of("termijnen.afhandeling.tekst"), "6 weken");
}
