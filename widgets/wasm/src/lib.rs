//! The browser side of Puente's widgets: thin wasm-bindgen wrappers over `puente-core`, which holds all
//! the logic. Values cross the boundary as JSON text, in the same schema as `puente calc`.

use puente_core::date::Date;
use puente_core::flow::Bundle;
use puente_core::unlawful_presence::{calculate, Input};
use wasm_bindgen::prelude::*;

/// Computes unlawful presence. `input` is the `puente calc` input; `today` is `YYYY-MM-DD` from the
/// reader's clock. Returns `{"ok": output}` or `{"errors": [{field, code, message}]}`.
#[wasm_bindgen]
pub fn unlawful_presence(input: &str, today: &str) -> String {
    let today = match Date::parse(today) {
        Ok(d) => d,
        Err(e) => return error_json("as_of", "invalid_date", &e.to_string()),
    };
    let input: Input = match serde_json::from_str(input) {
        Ok(i) => i,
        Err(e) => return error_json("input", "invalid_input", &e.to_string()),
    };
    let value = match calculate(&input, today) {
        Ok(output) => serde_json::json!({ "ok": output }),
        Err(errors) => serde_json::json!({ "errors": errors }),
    };
    value.to_string()
}

/// A question flow (the eligibility guide) in one language, read once from the bundle the generator
/// wrote (`puente_core::flow::Bundle` as JSON).
#[wasm_bindgen]
pub struct Guide {
    bundle: Bundle,
}

#[wasm_bindgen]
impl Guide {
    /// Reads the bundle. Fails with a message when it is not a flow bundle.
    #[wasm_bindgen(constructor)]
    pub fn new(bundle_json: &str) -> Result<Guide, String> {
        serde_json::from_str(bundle_json)
            .map(|bundle| Guide { bundle })
            .map_err(|e| format!("the guide's data cannot be read: {e}"))
    }

    /// Where the answers given so far lead. `answers` is a JSON list of `[question id, answer id]` pairs,
    /// in order. Returns `{"ok": view}` (a `puente_core::flow::View`) or `{"error": message}`.
    pub fn step(&self, answers: &str) -> String {
        let history: Vec<(String, String)> = match serde_json::from_str(answers) {
            Ok(h) => h,
            Err(e) => return serde_json::json!({ "error": format!("the answers cannot be read: {e}") }).to_string(),
        };
        match self.bundle.view(&history) {
            Ok(view) => serde_json::json!({ "ok": view }).to_string(),
            Err(e) => serde_json::json!({ "error": e }).to_string(),
        }
    }

    /// The address of the step `answers` lead to, relative to the guide's page, in `lang` (each language
    /// has its own words: `dentro/no/`). The same as the generator's pages, so the address can always be
    /// opened without JavaScript. Unknown answers are left out.
    pub fn path(&self, answers: &str, lang: &str) -> String {
        let history: Vec<(String, String)> = serde_json::from_str(answers).unwrap_or_default();
        self.bundle.flow.path(&history, lang)
    }
}

fn error_json(field: &str, code: &str, message: &str) -> String {
    serde_json::json!({ "errors": [{ "field": field, "code": code, "message": message }] }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_in_the_calc_schema() {
        let out = unlawful_presence(
            r#"{"stays":[{"entry_date":"2025-01-01","entry":"admitted","authorized_until":"2025-01-15","departure_date":"2025-07-15","departure":"ordinary"}]}"#,
            "2026-11-24",
        );
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["ok"]["stays"][0]["bar"], "three_year");
    }

    const BUNDLE: &str = r#"{"lang":"en","pages":{"p.md":{"url":"/en/p/","title":"P"}},"flow":{"start":"q",
        "questions":{"q":{"text":{"en":"Q?"},"answers":[
            {"id":"yes","text":{"en":"Yes"},"next":"done"},{"id":"no","text":{"en":"No"},"next":"done"}]}},
        "outcomes":{"done":{"title":{"en":"Done"},"summary":{"en":"S"},"pages":["p.md"]}}}}"#;

    #[test]
    fn a_guide_answers_with_the_step_the_answers_lead_to() {
        let guide = Guide::new(BUNDLE).unwrap();
        let first: serde_json::Value = serde_json::from_str(&guide.step("[]")).unwrap();
        assert_eq!(first["ok"]["kind"], "question");
        assert_eq!(first["ok"]["at_most"], 1);
        let done: serde_json::Value = serde_json::from_str(&guide.step(r#"[["q","no"]]"#)).unwrap();
        assert_eq!(done["ok"]["kind"], "outcome");
        assert_eq!(done["ok"]["pages"][0]["url"], "/en/p/");
        assert_eq!(done["ok"]["answered"][0]["answer"], "No");
    }

    #[test]
    fn a_guide_reports_bad_answers_and_bad_data() {
        let guide = Guide::new(BUNDLE).unwrap();
        let v: serde_json::Value = serde_json::from_str(&guide.step(r#"[["q","maybe"]]"#)).unwrap();
        assert_eq!(v["error"], "`q` has no answer `maybe`");
        assert!(Guide::new("{}")
            .err()
            .unwrap()
            .starts_with("the guide's data cannot be read"));
    }

    #[test]
    fn reports_errors_with_fields() {
        let v: serde_json::Value = serde_json::from_str(&unlawful_presence(r#"{"stays":[]}"#, "2026-11-24")).unwrap();
        assert_eq!(v["errors"][0]["field"], "stays");
    }
}
