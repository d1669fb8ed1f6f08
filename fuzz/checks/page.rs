// The check of the `page` fuzz target, shared with the corpus replay test
// (`generator/tests/fuzz_corpus.rs`): a page file as an editor might save it, any bytes → decoded text →
// front matter → Markdown rendered to HTML. Nothing may panic, and no `<script>` may come out of the
// content (raw HTML is escaped).

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

pub fn check(data: &[u8]) {
    let file = std::path::Path::new("content/en/page.md");
    let Ok(text) = puente::content::source::decode(file, data) else {
        return;
    };
    match puente::content::front_matter::parse(file, &text) {
        Ok(parsed) => render(&text[parsed.body_offset..]),
        // The body of a page with bad front matter is still worth rendering.
        Err(problems) => {
            assert!(!problems.is_empty());
            render(&text);
        }
    }
}
