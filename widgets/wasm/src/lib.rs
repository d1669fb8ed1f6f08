//! The browser side of Puente's widgets: thin wasm-bindgen wrappers over `puente-core`, which holds all
//! the logic. Values cross the boundary as JSON text, in the same schema as `puente calc`.

use puente_core::date::Date;
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

    #[test]
    fn reports_errors_with_fields() {
        let v: serde_json::Value = serde_json::from_str(&unlawful_presence(r#"{"stays":[]}"#, "2026-11-24")).unwrap();
        assert_eq!(v["errors"][0]["field"], "stays");
    }
}
