//! Reading-level estimates for `puente check`: Flesch-Kincaid grade for English, Fernández-Huerta
//! reading ease for Spanish. Syllables are counted by rule, which is close enough to rank pages.

/// Words, sentences and syllables of a text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'á' | 'é' | 'í' | 'ó' | 'ú' | 'ü')
}

/// English syllables: groups of vowels, without a silent final `e`, at least one.
pub fn syllables_en(word: &str) -> usize {
    let w: Vec<char> = word.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
    let mut count = 0;
    let mut previous = false;
    for &c in &w {
        let v = is_vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
    }
    // A final e is silent ("parole"), except in a consonant + "le" ending ("table").
    let n = w.len();
    let consonant_le = n > 2 && w[n - 2] == 'l' && !is_vowel(w[n - 3]);
    if n > 2 && w[n - 1] == 'e' && !consonant_le && count > 1 {
        count -= 1;
    }
    count.max(1)
}

/// Spanish syllables: one per vowel nucleus. Two strong vowels (a, e, o, or an accented í, ú) side by side
/// are two syllables; a weak vowel (i, u, ü) next to another vowel forms a diphthong.
pub fn syllables_es(word: &str) -> usize {
    let strong = |c: char| matches!(c, 'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'í' | 'ú');
    let vowel = |c: char| strong(c) || matches!(c, 'i' | 'u' | 'ü' | 'y');
    let w: Vec<char> = word.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
    let mut count = 0;
    for (i, &c) in w.iter().enumerate() {
        let is_v = vowel(c) && !(c == 'y' && i + 1 < w.len() && vowel(w[i + 1]));
        if !is_v {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| w[p]);
        match prev {
            Some(p) if vowel(p) && !(p == 'y' && i == 1) => {
                if strong(c) && strong(p) {
                    count += 1;
                }
            }
            _ => count += 1,
        }
    }
    count.max(1)
}

/// Counts the words, sentences and syllables of plain text. A list item or heading without a final
/// full stop still ends a sentence: callers pass each block as its own text.
pub fn count(blocks: &[String], syllables: fn(&str) -> usize) -> Counts {
    let mut c = Counts::default();
    for block in blocks {
        let words: Vec<&str> = block
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        if words.is_empty() {
            continue;
        }
        c.words += words.len();
        c.syllables += words.iter().map(|w| syllables(w)).sum::<usize>();
        let ends = block
            .split(['.', '!', '?'])
            .filter(|s| s.split_whitespace().any(|w| w.chars().any(char::is_alphabetic)))
            .count();
        c.sentences += ends.max(1);
    }
    c
}

/// Flesch-Kincaid grade level (US school grade).
pub fn flesch_kincaid_grade(c: Counts) -> f64 {
    if c.words == 0 || c.sentences == 0 {
        return 0.0;
    }
    0.39 * c.words as f64 / c.sentences as f64 + 11.8 * c.syllables as f64 / c.words as f64 - 15.59
}

/// Fernández-Huerta reading ease (0–100; 60–70 is ordinary text, higher is easier).
pub fn fernandez_huerta(c: Counts) -> f64 {
    if c.words == 0 {
        return 100.0;
    }
    let p = 100.0 * c.syllables as f64 / c.words as f64;
    let f = 100.0 * c.sentences as f64 / c.words as f64;
    206.84 - 0.60 * p - 1.02 * f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_syllables() {
        assert_eq!(syllables_en("parole"), 2);
        assert_eq!(syllables_en("immigration"), 4);
        assert_eq!(syllables_en("the"), 1);
        assert_eq!(syllables_en("table"), 2);
    }

    #[test]
    fn spanish_syllables_follow_diphthongs_and_hiatus() {
        assert_eq!(syllables_es("inmigración"), 4);
        assert_eq!(syllables_es("país"), 2);
        assert_eq!(syllables_es("familia"), 3);
        assert_eq!(syllables_es("leer"), 2);
        assert_eq!(syllables_es("ciudad"), 2);
    }

    #[test]
    fn simple_text_reads_easier_than_legal_text() {
        let simple = count(&["You can ask for parole. It is not a visa.".into()], syllables_en);
        let legal = count(
            &[
                "Notwithstanding the aforementioned administrative determinations, adjudicative discretion remains."
                    .into(),
            ],
            syllables_en,
        );
        assert!(flesch_kincaid_grade(simple) < 4.0);
        assert!(flesch_kincaid_grade(legal) > 15.0);
        let es = count(&["Usted puede pedir parole. No es una visa.".into()], syllables_es);
        assert!(fernandez_huerta(es) > 60.0);
    }
}
