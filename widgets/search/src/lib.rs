//! The search box's WebAssembly: thin wasm-bindgen wrappers over `puente_core::search`, the same code the
//! generator built the index with. Values cross the boundary as JSON text.

use puente_core::search::{excerpt, Index};
use wasm_bindgen::prelude::*;

/// One language's search index, read once.
#[wasm_bindgen]
pub struct Search {
    index: Index,
}

#[wasm_bindgen]
impl Search {
    /// Reads the index the generator wrote (`puente_core::search::Index` as JSON).
    #[wasm_bindgen(constructor)]
    pub fn new(index_json: &str) -> Result<Search, String> {
        serde_json::from_str(index_json)
            .map(|index| Search { index })
            .map_err(|e| format!("the search index cannot be read: {e}"))
    }

    /// The best `limit` results for `query`, best first: a JSON list of `puente_core::search::Hit`.
    pub fn query(&self, query: &str, limit: usize) -> String {
        serde_json::to_string(&self.index.search(query, limit)).unwrap_or_else(|_| "[]".into())
    }

    /// A short excerpt of `text` with the words whose term is in `terms` (a JSON list) marked: a JSON
    /// list of `{text, mark}`.
    pub fn excerpt(&self, text: &str, terms: &str, words: usize) -> String {
        let terms: Vec<String> = serde_json::from_str(terms).unwrap_or_default();
        serde_json::to_string(&excerpt(&self.index.lang, text, &terms, words)).unwrap_or_else(|_| "[]".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use puente_core::search::Document;

    fn search() -> Search {
        let doc = Document {
            url: "/es/viajes/".into(),
            title: "Permiso de viaje".into(),
            section: "Viajes".into(),
            description: String::new(),
            fragment: "/f.json".into(),
            fragment_first: 0,
            weight: 100,
            sections: vec![("".into(), "".into(), "El trámite del permiso de viaje.".into())],
        };
        let index = Index::build("es", &[doc]);
        Search::new(&serde_json::to_string(&index).unwrap()).unwrap()
    }

    #[test]
    fn queries_answer_with_hits_as_json() {
        let hits: serde_json::Value = serde_json::from_str(&search().query("tramite", 5)).unwrap();
        assert_eq!(hits[0]["url"], "/es/viajes/");
        assert_eq!(hits[0]["terms"][0], "tramit");
    }

    #[test]
    fn excerpts_mark_words() {
        let pieces: serde_json::Value =
            serde_json::from_str(&search().excerpt("El trámite.", r#"["tramit"]"#, 10)).unwrap();
        assert_eq!(pieces[1], serde_json::json!({"text": "trámite", "mark": true}));
    }

    #[test]
    fn a_bad_index_is_reported() {
        assert!(Search::new("[]")
            .err()
            .unwrap()
            .starts_with("the search index cannot be read"));
    }
}
