use super::*;

fn doc(url: &str, title: &str, sections: &[(&str, &str, &str)]) -> Document {
    Document {
        url: url.into(),
        title: title.into(),
        section: "Parole".into(),
        description: String::new(),
        fragment: format!("{url}f.json"),
        fragment_first: 0,
        weight: 100,
        sections: sections
            .iter()
            .map(|(a, h, t)| (a.to_string(), h.to_string(), t.to_string()))
            .collect(),
    }
}

fn index() -> Index {
    Index::build(
        "en",
        &[
            doc(
                "/en/parole/humanitarian/",
                "Humanitarian parole",
                &[
                    (
                        "",
                        "",
                        "Parole lets a person come to the United States for an urgent reason.",
                    ),
                    (
                        "how-much-does-it-cost",
                        "How much does it cost?",
                        "The filing fee for Form I-131 is separate from the parole fee.",
                    ),
                ],
            ),
            doc(
                "/en/travel/advance-parole/",
                "Advance parole",
                &[
                    ("", "", "Advance parole lets you travel abroad and ask to come back."),
                    (
                        "who-can-travel",
                        "Who can travel with advance parole?",
                        "People with a pending green card application, asylum case or TPS.",
                    ),
                ],
            ),
            doc(
                "/en/help/glossary/",
                "Glossary",
                &[(
                    "immigration-court",
                    "Immigration court",
                    "Where removal proceedings happen.",
                )],
            ),
        ],
    )
}

fn first(query: &str) -> String {
    index()
        .search(query, 5)
        .first()
        .map(|h| h.url.clone())
        .unwrap_or_default()
}

#[test]
fn the_page_about_the_words_ranks_first() {
    assert_eq!(
        first("travel with advance parole"),
        "/en/travel/advance-parole/#who-can-travel"
    );
    assert_eq!(
        first("how much does it cost"),
        "/en/parole/humanitarian/#how-much-does-it-cost"
    );
    assert_eq!(first("humanitarian"), "/en/parole/humanitarian/");
}

#[test]
fn form_numbers_find_their_pages_however_they_are_typed() {
    for q in ["I-131", "i131", "I 131", "form i-131"] {
        assert_eq!(first(q), "/en/parole/humanitarian/#how-much-does-it-cost", "{q}");
    }
}

#[test]
fn short_typos_in_longer_words_are_forgiven() {
    assert_eq!(first("imigration court"), "/en/help/glossary/#immigration-court");
    assert_eq!(first("humanitarain"), "/en/parole/humanitarian/");
    // Short words must match exactly (or as the start of a word being typed).
    assert!(index()
        .search("tps.", 5)
        .iter()
        .all(|h| h.url.starts_with("/en/travel/")));
}

#[test]
fn the_word_being_typed_matches_the_start_of_words() {
    assert_eq!(first("advance par"), "/en/travel/advance-parole/");
    assert_eq!(first("glos"), "/en/help/glossary/#immigration-court");
    // Once the word is finished, it must match whole.
    assert!(index().search("glos ", 5).is_empty());
}

#[test]
fn nothing_is_found_for_stop_words_or_unknown_words() {
    assert!(index().search("the of and", 5).is_empty());
    assert!(index().search("zebra", 5).is_empty());
    assert!(index().search("", 5).is_empty());
}

#[test]
fn hits_name_the_matched_terms_and_the_fragment() {
    let hits = index().search("parole fee", 5);
    assert_eq!(hits[0].fragment, "/en/parole/humanitarian/f.json");
    assert_eq!(hits[0].fragment_index, 1);
    assert!(hits[0].terms.contains(&"fee".to_string()) && hits[0].terms.contains(&"parol".to_string()));
}

#[test]
fn the_index_survives_json() {
    let i = index();
    let back: Index = serde_json::from_str(&serde_json::to_string(&i).unwrap()).unwrap();
    assert_eq!(back, i);
}

#[test]
fn postings_are_written_as_steps_and_read_back_as_chunks() {
    let mut i = Index::default();
    i.terms.insert("parol".into(), vec![3, 8, 10, 1, 412, 2]);
    // Out of order too: reading must undo writing whatever the numbers.
    i.terms.insert("odd".into(), vec![7, 1, 2, 5, u32::MAX, 1]);
    let json = serde_json::to_string(&i).unwrap();
    assert!(json.contains(r#""parol":[3,8,7,1,402,2]"#), "{json}");
    let back: Index = serde_json::from_str(&json).unwrap();
    assert_eq!(back.terms, i.terms);
}

proptest::proptest! {
    #[test]
    fn any_postings_survive_json(terms in proptest::collection::btree_map("[a-z]{1,6}", proptest::collection::vec(proptest::num::u32::ANY, 0..12), 0..8)) {
        let i = Index { terms, ..Index::default() };
        let back: Index = serde_json::from_str(&serde_json::to_string(&i).unwrap()).unwrap();
        proptest::prop_assert_eq!(back.terms, i.terms);
    }
}

#[test]
fn edit_distance_is_bounded() {
    assert!(within("imigr", "immigr", 1));
    assert!(!within("parol", "permis", 2));
    assert!(within("humanitarain", "humanitarian", 2));
}

#[test]
fn excerpts_mark_matched_words_near_the_best_place() {
    let text = "One two three four five six seven eight. The parole fee is paid when parole is granted, nine ten.";
    let pieces = excerpt("en", text, &["parol".to_string(), "fee".to_string()], 8);
    let marked: Vec<&str> = pieces.iter().filter(|p| p.mark).map(|p| p.text.as_str()).collect();
    assert_eq!(marked, ["parole", "fee", "parole"]);
    let joined: String = pieces.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(joined, "… eight. The parole fee is paid when parole …");
}

#[test]
fn a_short_text_is_shown_whole() {
    let pieces = excerpt("es", "El trámite cuesta $630.", &["tramit".to_string()], 30);
    assert_eq!(
        pieces,
        [
            Piece {
                text: "El ".into(),
                mark: false
            },
            Piece {
                text: "trámite".into(),
                mark: true
            },
            Piece {
                text: " cuesta $630.".into(),
                mark: false
            },
        ]
    );
}

#[test]
fn a_page_sharing_a_fragment_file_points_past_the_pages_before_it() {
    let mut shared = doc(
        "/en/b/",
        "Second page",
        &[("", "", "Intro."), ("fees", "Fees", "The parole fee.")],
    );
    shared.fragment_first = 4;
    let index = Index::build("en", &[shared]);
    let hits = index.search("fee", 5);
    assert_eq!(
        hits[0].fragment_index, 5,
        "its second text, after the 4 of the pages before it"
    );
}

#[test]
fn phrasings_turn_everyday_words_into_the_sites() {
    let p = Phrasings::new(
        "es",
        &["puedo".into(), "quiero".into()],
        &[
            ("se me vence".into(), "renovar el parole".into()),
            ("sin papeles".into(), "presencia ilegal".into()),
            ("vence".into(), "fecha".into()),
        ],
    );
    let tokenizer = Tokenizer::new("es");
    let run = |q: &str| p.apply(tokenizer.terms(q));
    // The longest phrasing wins, ignored words go, and the query's own words stay.
    assert_eq!(run("Se me vence el parole").0, tokenizer.terms("renovar parole"));
    assert_eq!(
        run("cuántos días llevo sin papeles").0,
        tokenizer.terms("cuántos días llevo presencia ilegal")
    );
    assert_eq!(run("puedo quiero").0, Vec::<String>::new());
    // The word being typed is the reader's own only when no phrasing replaced it.
    assert!(run("renovar par").1);
    assert!(!run("estoy sin papeles").1);
    assert_eq!(
        Phrasings::problem("es", "de la", "ayuda"),
        Some(PhrasingProblem::SayIsOnlyCommonWords)
    );
    assert_eq!(Phrasings::problem("es", "abogado gratis", "ayuda legal"), None);
}

#[test]
fn a_phrasing_brings_the_page_about_the_subject_first() {
    let mut idx = index();
    let before = idx.search("my brother is dying", 3);
    assert!(
        before.iter().all(|h| h.url != "/en/parole/humanitarian/"),
        "no word of it is on the page"
    );
    idx.phrasings = Phrasings::new("en", &["brother".into()], &[("dying".into(), "urgent reason".into())]);
    let after = idx.search("my brother is dying", 3);
    assert_eq!(after.first().map(|h| h.url.as_str()), Some("/en/parole/humanitarian/"));
    // The index keeps the phrasings, so the browser reads them as the generator wrote them.
    let json = serde_json::to_string(&idx).unwrap();
    assert_eq!(serde_json::from_str::<Index>(&json).unwrap().phrasings, idx.phrasings);
}
