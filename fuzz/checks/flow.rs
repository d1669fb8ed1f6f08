// The check of the `flow` fuzz target, shared with the corpus replay test: the eligibility guide's flow
// file, any bytes → YAML → `Flow` → the checks `puente build` makes, and for a flow that passes them,
// its states walked. Nothing may panic.

pub fn check(data: &[u8]) {
    use puente_core::flow::{self, Flow};
    let file = std::path::Path::new("content/flows/eligibility.yaml");
    let Ok(text) = puente::load::source::decode(file, data) else {
        return;
    };
    let embedding = puente::yaml::Embedding {
        file_text: &text,
        line_offset: 0,
    };
    let Ok(flow) = puente::yaml::parse::<Flow>(file, &text, embedding) else {
        return;
    };
    if !flow::validate(&flow, &["en", "es"]).is_empty() {
        return;
    }
    // `states` stops at its limit, so a flow whose paths multiply is refused, not walked for ever.
    if let Ok(states) = flow.states() {
        for (history, _) in states.iter().take(200) {
            let _ = flow.questions_ahead(history);
            let _ = flow.view(history, "es", &Default::default());
        }
    }
    let _ = flow.in_language("es");
}
