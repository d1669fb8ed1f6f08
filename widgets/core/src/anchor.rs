//! Readable, stable anchors for headings, in any language: `¿Qué es el parole?` → `que-es-el-parole`.
//!
//! The search index links to headings by these anchors, so the generator and the widgets must make them
//! the same way; that is why this lives in the core.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The anchor for a heading text: accents removed, lower case, every run of other characters turned
/// into one `-`, no `-` at either end. Returns an empty string when the text has no letters or digits.
pub fn anchor(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        let c = match c {
            'ß' => 's',
            'æ' | 'Æ' => 'a',
            'ø' | 'Ø' => 'o',
            'đ' | 'Đ' => 'd',
            'ł' | 'Ł' => 'l',
            other => other,
        };
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Hands out anchors unique within one page: the second `Fees` heading becomes `fees-2`.
#[derive(Debug, Default)]
pub struct AnchorSet {
    taken: std::collections::HashSet<String>,
}

impl AnchorSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves `wanted` (or `fallback` when `wanted` is empty), adding `-2`, `-3` … until it is unique.
    pub fn unique(&mut self, wanted: &str, fallback: &str) -> String {
        let base = if wanted.is_empty() { fallback } else { wanted };
        let mut candidate = base.to_string();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_questions_become_plain_ascii_anchors() {
        assert_eq!(anchor("¿Qué es el parole?"), "que-es-el-parole");
        assert_eq!(anchor("Niños y menores de edad"), "ninos-y-menores-de-edad");
        assert_eq!(anchor("¿Cuánto cuesta? (tarifas)"), "cuanto-cuesta-tarifas");
    }

    #[test]
    fn form_numbers_and_punctuation_collapse_to_single_dashes() {
        assert_eq!(anchor("Form I-131 — step 2"), "form-i-131-step-2");
        assert_eq!(anchor("  --Who decides?--  "), "who-decides");
        assert_eq!(anchor("$1,000 parole fee"), "1-000-parole-fee");
        assert_eq!(anchor("¿?"), "");
    }

    #[test]
    fn repeated_headings_get_numbered() {
        let mut set = AnchorSet::new();
        assert_eq!(set.unique("fees", "section"), "fees");
        assert_eq!(set.unique("fees", "section"), "fees-2");
        assert_eq!(set.unique("", "section"), "section");
        assert_eq!(set.unique("fees", "section"), "fees-3");
    }
}
