//! `puente calc`: the unlawful-presence calculator as a JSON command. One JSON document in (a file or
//! standard input), one out. The schema is in `docs/calculator.md`.

use std::io::Read;
use std::path::Path;

use puente_core::date::Date;
use puente_core::unlawful_presence::{calculate, Input};

/// The largest input read: a history of a hundred stays is under 20 KB. Reading stops past this, so
/// `puente calc /dev/zero` ends with a message instead of filling the memory.
pub const MAX_INPUT_BYTES: u64 = 1_000_000;

/// Reads the input, computes, and returns the JSON to print, or the message for a bad input.
pub fn run(file: Option<&Path>, today: Date) -> Result<String, String> {
    let (name, reader): (String, Box<dyn Read>) = match file {
        Some(path) if path != Path::new("-") => {
            let name = path.display().to_string();
            let file = std::fs::File::open(path).map_err(|e| format!("{name}: cannot read the input: {e}"))?;
            (name, Box::new(file))
        }
        _ => ("standard input".to_string(), Box::new(std::io::stdin())),
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: cannot read the input: {e}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "{name}: the input is longer than {} KB; give one JSON document describing the stays",
            MAX_INPUT_BYTES / 1000
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| format!("{name}: the input is not UTF-8 text: {e}"))?;
    let input = parse(&text)?;
    match calculate(&input, today) {
        Ok(output) => serde_json::to_string_pretty(&output).map_err(|e| e.to_string()),
        Err(errors) => Err(errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("\nerror: ")),
    }
}

/// Parses the input JSON; an error names the field, like `stays[0].entry_date: expected a date like 2025-01-31`.
pub fn parse(text: &str) -> Result<Input, String> {
    // A byte-order mark (some Windows editors add one) is not part of the JSON.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let de = &mut serde_json::Deserializer::from_str(text);
    let input = serde_path_to_error::deserialize(&mut *de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let message = inner.to_string();
        // serde_json appends " at line L column C"; keep it only for syntax errors, where it helps.
        let message = if inner.is_syntax() || inner.is_eof() {
            message
        } else {
            message
                .rsplit_once(" at line ")
                .map_or(message.clone(), |(m, _)| m.to_string())
        };
        if path == "." || path.is_empty() {
            format!("input: {message}")
        } else {
            format!("{path}: {message}")
        }
    })?;
    // One JSON document: anything after it is a mistake (two inputs pasted together, a stray brace).
    de.end().map_err(|e| format!("input: {e}; give one JSON document"))?;
    Ok(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_dates_name_their_field() {
        let err = parse(r#"{"stays":[{"entry_date":"2025-1-31","entry":"admitted"}]}"#).unwrap_err();
        assert_eq!(err, "stays[0].entry_date: expected a date like 2025-01-31");
        let err = parse(r#"{"stays":[{"entry_date":"2025-02-30","entry":"admitted"}]}"#).unwrap_err();
        assert_eq!(
            err,
            "stays[0].entry_date: 2025-02 has 28 days, so day 30 does not exist"
        );
    }

    #[test]
    fn one_document_is_read_with_or_without_a_byte_order_mark_and_nothing_after_it() {
        let one = r#"{"stays":[{"entry_date":"2025-01-31","entry":"admitted"}]}"#;
        assert!(parse(&format!("\u{FEFF}{one}\n")).is_ok());
        let err = parse(&format!("{one} }}")).unwrap_err();
        assert_eq!(
            err,
            "input: trailing characters at line 1 column 60; give one JSON document"
        );
        assert!(parse(&format!("{one}{one}"))
            .unwrap_err()
            .contains("trailing characters"));
    }

    #[test]
    fn an_as_of_whose_bars_would_end_past_9999_is_refused() {
        let input =
            parse(r#"{"as_of":"9995-01-01","stays":[{"entry_date":"9990-01-01","entry":"without_inspection"}]}"#)
                .unwrap();
        let errors = calculate(&input, Date::parse("2026-12-02").unwrap()).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.field == "as_of" && e.message.contains("after the year 9989")),
            "{errors:?}"
        );
    }

    #[test]
    fn unknown_values_and_fields_are_named() {
        let err = parse(r#"{"stays":[{"entry_date":"2025-01-31","entry":"swam"}]}"#).unwrap_err();
        assert!(err.starts_with("stays[0].entry: unknown variant `swam`"), "{err}");
        let err = parse(r#"{"stays":[],"asof":"2025-01-01"}"#).unwrap_err();
        assert!(err.starts_with("asof: unknown field `asof`"), "{err}");
    }
}
