// The check of the `page` fuzz target, shared with the corpus replay test
// (`generator/tests/fuzz_corpus.rs`): a page file as an editor might save it, any bytes → decoded text →
// front matter → fact references replaced → Markdown rendered to HTML. Nothing may panic, no `<script>`
// may come out of the content (raw HTML is escaped), and every offset of the expanded body maps back
// inside the file.

const LABELS: puente::markdown::Labels<'static> = puente::markdown::Labels {
    note: "Note",
    tip: "Tip",
    important: "Important",
    warning: "Warning",
    caution: "Caution",
    table: "Table",
};

fn render(body: &str) {
    let mut link = |target: &str, _line: usize| format!("/en/{target}");
    let rendered = puente::markdown::render(body, LABELS, &mut link);
    assert!(
        !rendered.html.to_ascii_lowercase().contains("<script"),
        "a script got through: {}",
        rendered.html
    );
    let _ = puente::markdown::headings(body);
    let _ = puente::markdown::sections(body);
}

const FACTS: &str = "reported:\n  en: reported, not confirmed\nfacts:\n  fee:\n    value: \"$630 <script>\"\n    status: reported\n    as_of: 2026-12-02\n    review_by: 2027-01-01\n    sources:\n      - title: USCIS\n        url: https://www.uscis.gov/\n";

fn expand_and_render(body: &str) {
    let registry =
        puente::load::facts::Registry::parse("content/facts.yaml".into(), FACTS.to_string(), &["en"]).expect("valid registry");
    let expanded = puente::load::facts::expand(body, "en", &registry);
    for offset in (0..=expanded.text.len()).step_by(7).chain([expanded.text.len()]) {
        assert!(expanded.source_offset(offset) <= body.len(), "offset {offset} maps outside the body");
    }
    for problem in &expanded.problems {
        assert!(problem.offset < body.len());
    }
    render(&expanded.text);
}

pub fn check(data: &[u8]) {
    let file = std::path::Path::new("content/en/page.md");
    let Ok(text) = puente::load::source::decode(file, data) else {
        return;
    };
    match puente::load::content::front_matter::parse(file, &text) {
        Ok(parsed) => expand_and_render(&text[parsed.body_offset..]),
        // The body of a page with bad front matter is still worth rendering.
        Err(problems) => {
            assert!(!problems.is_empty());
            render(&text);
        }
    }
}
