//! Text → search terms, the same way for the index the generator writes and the query a reader types.
//!
//! A word is a run of letters and digits. Its term is: folded (lower case; Latin letters with accents or
//! other marks replaced by their plain letters, whether typed precomposed, `ñ`, or decomposed, `n` and a
//! combining tilde), then stemmed with the language's Snowball stemmer, so `trámite`, `tramite` and
//! `trámites` all become `tramit`, and `niño` is found by `nino`. Stop words (`the`, `de`, `para`…) have no
//! term. Form names are one term whatever their spelling: `I-131`, `i131`, `I 131` and `Form I-131A` give
//! `i131` and `i131a`.
//!
//! Folding uses a table of the Latin letters (`folds.rs`) rather than full Unicode normalization tables:
//! it gives the same result for the site's languages and keeps the search WebAssembly small.

use rust_stemmers::{Algorithm, Stemmer};

use super::folds::FOLDS;

/// Letters that start a form or document name when followed by its number (`I-131`, `DS-160`, `G-28`).
const FORM_PREFIXES: &[&str] = &["i", "g", "ds", "n", "ar", "eoir"];

const STOP_EN: &[&str] = &[
    "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before", "being",
    "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from", "had", "has", "have", "having", "he",
    "her", "here", "hers", "him", "his", "how", "if", "in", "into", "is", "it", "its", "just", "me", "more", "most",
    "my", "no", "nor", "not", "of", "on", "only", "or", "other", "our", "out", "own", "same", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your", "yours",
];

/// Spanish stop words, written without accents (they are compared after folding).
const STOP_ES: &[&str] = &[
    "a", "al", "algo", "algun", "alguna", "algunas", "alguno", "algunos", "ante", "antes", "como", "con", "contra",
    "cual", "cuando", "de", "del", "desde", "donde", "durante", "e", "el", "ella", "ellas", "ellos", "en", "entre",
    "era", "es", "esa", "esas", "ese", "eso", "esos", "esta", "estas", "este", "esto", "estos", "fue", "ha", "han",
    "hasta", "hay", "la", "las", "le", "les", "lo", "los", "mas", "me", "mi", "mis", "muy", "nos", "o", "os", "otra",
    "otras", "otro", "otros", "para", "pero", "poco", "por", "porque", "que", "se", "sea", "ser", "si", "sin", "sobre",
    "son", "su", "sus", "tambien", "te", "ti", "tu", "tus", "u", "un", "una", "unas", "uno", "unos", "usted",
    "ustedes", "y", "ya", "yo",
];

/// One word of a text: where it is (byte offsets) and its term (`None` for a stop word).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub term: Option<String>,
}

/// A word of a text, or a form name written as two words, already made one term.
enum Piece<'a> {
    Word(&'a str),
    Form(String),
}

/// What [`Tokenizer::term_ids`] remembers for one document: each word's term number, and the terms.
#[derive(Default)]
pub struct TermMemo {
    words: std::collections::HashMap<String, Option<u32>>,
    /// Term number → term.
    pub terms: Vec<String>,
    ids: std::collections::HashMap<String, u32>,
}

/// A language's way of turning text into terms. Languages without a stemmer get folding only.
pub struct Tokenizer {
    stemmer: Option<Algorithm>,
    stop: &'static [&'static str],
}

/// Stems with one of the two algorithms Puente uses. Each `Stemmer::create` gets a constant, so only
/// these two of the crate's eighteen algorithms end up in the WebAssembly.
fn stem(algorithm: Algorithm, word: &str) -> String {
    match algorithm {
        Algorithm::Spanish => Stemmer::create(Algorithm::Spanish).stem(word).into_owned(),
        _ => Stemmer::create(Algorithm::English).stem(word).into_owned(),
    }
}

/// Whether `c` is a combining mark (an accent typed as a separate character after its letter).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The lower case of a Greek or Cyrillic capital; any other character as it is. (Latin letters are in
/// the folding table; the full Unicode case tables would add a tenth to the search WebAssembly.)
fn lower_greek_cyrillic(c: char) -> char {
    let shifted = match c {
        '\u{0391}'..='\u{03a9}' | '\u{0410}'..='\u{042f}' => u32::from(c) + 0x20,
        '\u{0400}'..='\u{040f}' => u32::from(c) + 0x50,
        _ => u32::from(c),
    };
    char::from_u32(shifted).unwrap_or(c)
}

/// Lower case, no accents or other marks: `Trámite` → `tramite`, `Straße` → `strasse`.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().filter(|c| !is_combining_mark(*c)) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Ok(i) = FOLDS.binary_search_by_key(&c, |(k, _)| *k) {
            out.push_str(FOLDS[i].1);
        } else {
            out.push(lower_greek_cyrillic(c));
        }
    }
    out
}

impl Tokenizer {
    pub fn new(lang: &str) -> Tokenizer {
        match lang {
            "en" => Tokenizer {
                stemmer: Some(Algorithm::English),
                stop: STOP_EN,
            },
            "es" => Tokenizer {
                stemmer: Some(Algorithm::Spanish),
                stop: STOP_ES,
            },
            _ => Tokenizer {
                stemmer: None,
                stop: &[],
            },
        }
    }

    /// The term of one word (letters and digits only), or `None` for a stop word.
    pub fn term(&self, word: &str) -> Option<String> {
        let folded = fold(word);
        if folded.is_empty() || self.stop.contains(&folded.as_str()) {
            return None;
        }
        if folded.chars().any(|c| c.is_ascii_digit()) {
            return Some(folded);
        }
        let Some(algorithm) = self.stemmer else {
            return Some(folded);
        };
        let stemmed = stem(algorithm, &folded);
        Some(if stemmed.is_empty() { folded } else { stemmed })
    }

    /// Every word of `text`, in order, with form names joined (`I 131` is one word, `i131`).
    pub fn words(&self, text: &str) -> Vec<Word> {
        self.scan(text, |piece| match piece {
            Piece::Word(word) => self.word_term(word),
            Piece::Form(term) => Some(term),
        })
        .into_iter()
        .map(|(start, end, term)| Word { start, end, term })
        .collect()
    }

    /// The term of one word, `None` for a stop word or a single letter.
    fn word_term(&self, word: &str) -> Option<String> {
        self.term(word)
            .filter(|t| t.chars().count() > 1 || t.chars().all(|c| c.is_ascii_digit()))
    }

    /// The words of `text` as byte ranges, each with what `each` gives for it: for a word, or for a form
    /// name written as two words (`I-131` → `Piece::Form("i131")`).
    fn scan<T>(&self, text: &str, mut each: impl FnMut(Piece<'_>) -> T) -> Vec<(usize, usize, T)> {
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            // Combining marks belong to the word they follow (text typed in decomposed form).
            let in_word = c.is_alphanumeric() || (start.is_some() && is_combining_mark(c));
            match (in_word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    runs.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            runs.push((s, text.len()));
        }
        let mut words = Vec::with_capacity(runs.len());
        let mut i = 0;
        while i < runs.len() {
            let (s, e) = runs[i];
            let word = &text[s..e];
            if let Some(&(ns, ne)) = runs.get(i + 1) {
                let gap = &text[e..ns];
                let joinable = gap.chars().count() <= 1
                    && gap.chars().all(|c| c == '-' || c == ' ' || c == '\u{2011}')
                    && text[ns..].starts_with(|c: char| c.is_ascii_digit());
                if joinable {
                    let prefix = fold(word);
                    if FORM_PREFIXES.contains(&prefix.as_str()) {
                        words.push((s, ne, each(Piece::Form(format!("{prefix}{}", fold(&text[ns..ne]))))));
                        i += 2;
                        continue;
                    }
                }
            }
            words.push((s, e, each(Piece::Word(word))));
            i += 1;
        }
        words
    }

    /// The terms of `text` as numbers in `memo`, which remembers each word's term: a document's words
    /// repeat, so each distinct one is folded and stemmed once. Gives the same terms as [`Self::terms`].
    pub fn term_ids(&self, text: &str, memo: &mut TermMemo) -> Vec<u32> {
        let TermMemo { words, terms, ids } = memo;
        let mut intern = |term: String| -> u32 {
            if let Some(&id) = ids.get(&term) {
                return id;
            }
            let id = u32::try_from(terms.len()).unwrap_or(u32::MAX);
            terms.push(term.clone());
            ids.insert(term, id);
            id
        };
        let found = self.scan(text, |piece| match piece {
            Piece::Word(word) => match words.get(word) {
                Some(id) => *id,
                None => {
                    let id = self.word_term(word).map(&mut intern);
                    words.insert(word.to_string(), id);
                    id
                }
            },
            Piece::Form(term) => Some(intern(term)),
        });
        found.into_iter().filter_map(|(_, _, id)| id).collect()
    }

    pub fn terms(&self, text: &str) -> Vec<String> {
        self.words(text).into_iter().filter_map(|w| w.term).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(lang: &str, text: &str) -> Vec<String> {
        Tokenizer::new(lang).terms(text)
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        assert_eq!(terms("es", "Trámite"), terms("es", "tramite"));
        assert_eq!(terms("es", "niño"), terms("es", "nino"));
        assert_eq!(terms("es", "NIÑOS"), terms("es", "ninos"));
        // The same word typed in decomposed form (n + combining tilde).
        assert_eq!(terms("es", "nin\u{303}o"), terms("es", "niño"));
        assert_eq!(fold("Ñandú"), "nandu");
    }

    #[test]
    fn words_share_their_stem() {
        assert_eq!(terms("en", "traveling travels travel"), ["travel", "travel", "travel"]);
        assert_eq!(terms("en", "parole paroled"), ["parol", "parol"]);
        assert_eq!(terms("es", "trámites trámite"), ["tramit", "tramit"]);
        assert_eq!(terms("es", "permisos permiso"), ["permis", "permis"]);
    }

    #[test]
    fn stop_words_have_no_term() {
        assert_eq!(terms("en", "the cost of the parole"), ["cost", "parol"]);
        assert_eq!(terms("es", "cuánto cuesta el parole"), ["cuant", "cuest", "parol"]);
        assert_eq!(terms("es", "para qué sirve"), ["sirv"]);
    }

    #[test]
    fn form_names_are_one_term_however_they_are_written() {
        for written in ["I-131", "i131", "I 131", "Form I-131", "formulario I‑131"] {
            assert!(
                terms("en", written).contains(&"i131".to_string()),
                "{written}: {:?}",
                terms("en", written)
            );
        }
        assert_eq!(terms("en", "I-131A"), ["i131a"]);
        assert_eq!(terms("es", "DS-160 y G-28"), ["ds160", "g28"]);
        // A letter before a number that is not a form name stays apart.
        assert_eq!(terms("en", "a 30 day wait"), ["30", "day", "wait"]);
    }

    #[test]
    fn remembered_terms_are_the_same_terms() {
        for (lang, text) in [
            (
                "en",
                "Travels and travel: Form I-131, i131 and DS 160; the traveling parolee's I-131A.",
            ),
            (
                "es",
                "Los trámites del Formulario I-131 y el trámite de permisos; niños, ninos, años.",
            ),
        ] {
            let tokenizer = Tokenizer::new(lang);
            let mut memo = TermMemo::default();
            // Twice, so the second pass reads every word from the memo.
            for _ in 0..2 {
                let ids = tokenizer.term_ids(text, &mut memo);
                let remembered: Vec<&str> = ids.iter().map(|&i| memo.terms[i as usize].as_str()).collect();
                assert_eq!(remembered, terms(lang, text));
            }
        }
    }

    #[test]
    fn words_keep_their_place_in_the_text() {
        let text = "El Formulario I-131, ¿cuánto?";
        let words = Tokenizer::new("es").words(text);
        let shown: Vec<&str> = words.iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(shown, ["El", "Formulario", "I-131", "cuánto"]);
        assert_eq!(words[0].term, None);
    }

    #[test]
    fn the_folding_table_agrees_with_unicode_decomposition() {
        use unicode_normalization::char::is_combining_mark as unicode_mark;
        use unicode_normalization::UnicodeNormalization;
        assert!(FOLDS.windows(2).all(|w| w[0].0 < w[1].0), "sorted, for binary search");
        for (c, folded) in FOLDS {
            let decomposed: String = c.to_string().nfd().filter(|m| !unicode_mark(*m)).collect();
            if decomposed.chars().count() == 1 && decomposed != c.to_string() {
                assert_eq!(&decomposed.to_lowercase(), folded, "{c}");
            }
        }
        for c in ['\u{0301}', '\u{0303}', '\u{0308}', '\u{20d7}'] {
            assert!(is_combining_mark(c) && unicode_mark(c), "{c:?}");
        }
        assert_eq!(fold("ÁÉÍÓÚÜÑáéíóúüñ"), "aeiouunaeiouun");
        assert_eq!(fold("Straße Œuvre"), "strasse oeuvre");
        assert_eq!(fold("ΠΑΡΟΛ Україна"), "παρολ україна");
    }

    #[test]
    fn other_languages_are_folded_but_not_stemmed() {
        assert_eq!(terms("fr", "Réfugiés"), ["refugies"]);
    }
}
