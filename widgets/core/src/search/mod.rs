//! Site search: the index the generator writes for each language, the ranking a query gets, and the
//! excerpts shown with results. The generator builds the index natively and the search box runs the same
//! code in WebAssembly, with one tokenizer (`tokenize`), so the two always agree.
//!
//! The index lists every section of every page (a "chunk": the text under one heading) and, for every
//! term, the chunks it is in with a weight: a word in the page title counts 8 in the page's first chunk
//! and 2 in the others, in the description 3, in a heading 5, in the body 1 per use (at most 5). The
//! texts themselves are not in the index: each page's are in a small "fragment" file, fetched only to
//! show the excerpts of results.

mod folds;
pub mod tokenize;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use tokenize::{fold, TermMemo, Tokenizer, Word};

/// One language's search index.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Index {
    pub lang: String,
    pub pages: Vec<IndexPage>,
    pub chunks: Vec<Chunk>,
    /// Term → its postings, flattened: `[chunk, weight, chunk, weight, …]`, chunks in increasing order.
    /// Written with each chunk as the step from the one before (`postings_as_steps`).
    #[serde(with = "postings_as_steps")]
    pub terms: BTreeMap<String, Vec<u32>>,
    /// How readers' everyday words map to the site's (editors' data, `content/search/<lang>.yaml`).
    #[serde(default, skip_serializing_if = "Phrasings::is_empty")]
    pub phrasings: Phrasings,
}

/// What a query passes through before it is ranked: words that say nothing about the topic are dropped
/// (`how`, `puedo`), and everyday phrasings become the words the site uses (`dying` → urgent
/// humanitarian reason, `se me vence` → renovar el parole). All as terms, so matching ignores case,
/// accents and endings the way the rest of search does.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Phrasings {
    /// Terms dropped from a query.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// (the terms of a phrasing, the terms it stands for), longest phrasing first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phrases: Vec<(Vec<String>, Vec<String>)>,
}

/// What is wrong with an editor's phrasing, for the generator to report where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhrasingProblem {
    /// The words to replace are all common words (`the`, `de`): they would match every query.
    SayIsOnlyCommonWords,
    /// The words it stands for are all common words: the query would lose its meaning.
    MeansIsOnlyCommonWords,
}

impl Phrasings {
    pub fn is_empty(&self) -> bool {
        self.ignore.is_empty() && self.phrases.is_empty()
    }

    /// Builds the phrasings of `lang` from words as editors write them. `phrases` are (what readers say,
    /// what it means in the site's words).
    pub fn new(lang: &str, ignore: &[String], phrases: &[(String, String)]) -> Phrasings {
        let tokenizer = Tokenizer::new(lang);
        let mut out = Phrasings::default();
        for word in ignore {
            for t in tokenizer.terms(word) {
                if !out.ignore.contains(&t) {
                    out.ignore.push(t);
                }
            }
        }
        out.ignore.sort();
        for (say, means) in phrases {
            let say: Vec<String> = tokenizer
                .terms(say)
                .into_iter()
                .filter(|t| !out.ignore.contains(t))
                .collect();
            let means = tokenizer.terms(means);
            if !say.is_empty() && !means.is_empty() && !out.phrases.iter().any(|(s, _)| *s == say) {
                out.phrases.push((say, means));
            }
        }
        // Longest first, so `se me vence el parole` wins over `parole`; then by the words, for a stable order.
        out.phrases
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
        out
    }

    /// Why the phrasing `say` → `means` of `lang` would not work, if it would not.
    pub fn problem(lang: &str, say: &str, means: &str) -> Option<PhrasingProblem> {
        let tokenizer = Tokenizer::new(lang);
        if tokenizer.terms(say).is_empty() {
            Some(PhrasingProblem::SayIsOnlyCommonWords)
        } else if tokenizer.terms(means).is_empty() {
            Some(PhrasingProblem::MeansIsOnlyCommonWords)
        } else {
            None
        }
    }

    /// The query's terms after the phrasings: ignored terms dropped, phrasings replaced. Also says
    /// whether the last term is still the query's own last word (which may be half typed).
    pub fn apply(&self, terms: Vec<String>) -> (Vec<String>, bool) {
        let terms: Vec<String> = terms.into_iter().filter(|t| !self.ignore.contains(t)).collect();
        let mut out: Vec<String> = Vec::with_capacity(terms.len());
        let mut last_is_own = false;
        let mut i = 0;
        while i < terms.len() {
            match self.phrases.iter().find(|(say, _)| terms[i..].starts_with(say)) {
                Some((say, means)) => {
                    out.extend(means.iter().cloned());
                    i += say.len();
                    last_is_own = false;
                }
                None => {
                    out.push(terms[i].clone());
                    i += 1;
                    last_is_own = true;
                }
            }
        }
        let own_last = out.last().filter(|_| last_is_own).cloned();
        let mut unique: Vec<String> = Vec::with_capacity(out.len());
        for t in out {
            if !unique.contains(&t) {
                unique.push(t);
            }
        }
        // A repeated term counts once; the last word is still the one being typed only if it stays last.
        let typing_last = own_last.is_some() && unique.last() == own_last.as_ref();
        (unique, typing_last)
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct IndexPage {
    pub url: String,
    pub title: String,
    /// The top-level section the page is in (its own title for a top-level page).
    pub section: String,
    /// The address of the file with the texts of the page's chunks: a JSON list of strings, in order,
    /// shared by a few pages in a row so a large site is not thousands of tiny files.
    pub fragment: String,
    /// Where the page's texts start in that list.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub fragment_first: u32,
    /// The page's first chunk.
    pub first_chunk: u32,
    /// How much the page's matches count, in percent: 100 for most pages, less for pages of short
    /// definitions (the glossary), so that the page about a topic comes before the definition of its name.
    #[serde(default = "full_weight", skip_serializing_if = "is_full_weight")]
    pub weight: u8,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

fn full_weight() -> u8 {
    100
}

fn is_full_weight(w: &u8) -> bool {
    *w == 100
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Chunk {
    pub page: u32,
    /// The heading's id; empty for the text before the first heading.
    pub anchor: String,
    /// The heading's text; empty for the text before the first heading.
    pub heading: String,
}

/// A page, as the generator hands it to the index.
#[derive(Clone, Debug)]
pub struct Document {
    pub url: String,
    pub title: String,
    pub section: String,
    pub description: String,
    pub fragment: String,
    /// Where its texts start in the fragment file (see `IndexPage::fragment_first`).
    pub fragment_first: u32,
    /// How much its matches count, in percent (see `IndexPage::weight`).
    pub weight: u8,
    /// The page's sections in order: (heading id, heading text, text). The first may have no heading.
    pub sections: Vec<(String, String, String)>,
}

const TITLE_WEIGHT: u32 = 8;
const TITLE_WEIGHT_ELSEWHERE: u32 = 2;
const DESCRIPTION_WEIGHT: u32 = 3;
const HEADING_WEIGHT: u32 = 5;
const BODY_CAP: u32 = 5;

impl Index {
    /// Builds the index of `documents` in `lang`.
    pub fn build(lang: &str, documents: &[Document]) -> Index {
        let tokenizer = Tokenizer::new(lang);
        let mut memo = TermMemo::default();
        let weighed: Vec<Vec<Vec<(String, u32)>>> = documents.iter().map(|d| weigh(&tokenizer, d, &mut memo)).collect();
        Index::assemble(lang, documents, weighed)
    }

    /// Puts the index together from `documents` and what `weigh` found in each (the generator weighs
    /// documents in parallel, then assembles).
    pub fn assemble(lang: &str, documents: &[Document], weighed: Vec<Vec<Vec<(String, u32)>>>) -> Index {
        let mut index = Index {
            lang: lang.to_string(),
            ..Index::default()
        };
        // Chunks are numbered in order, so each term's postings come out sorted by chunk.
        let mut postings: std::collections::HashMap<String, Vec<u32>> = std::collections::HashMap::new();
        for (p, (doc, chunks)) in documents.iter().zip(weighed).enumerate() {
            let page = u32::try_from(p).unwrap_or(u32::MAX);
            let first = u32::try_from(index.chunks.len()).unwrap_or(u32::MAX);
            index.pages.push(IndexPage {
                url: doc.url.clone(),
                title: doc.title.clone(),
                section: doc.section.clone(),
                fragment: doc.fragment.clone(),
                fragment_first: doc.fragment_first,
                first_chunk: first,
                weight: doc.weight,
            });
            let headings = doc.sections.iter().map(|(a, h, _)| (a.clone(), h.clone()));
            let headings: Vec<(String, String)> = if doc.sections.is_empty() {
                vec![(String::new(), String::new())]
            } else {
                headings.collect()
            };
            for (n, ((anchor, heading), terms)) in headings.into_iter().zip(chunks).enumerate() {
                let chunk = first + u32::try_from(n).unwrap_or(u32::MAX);
                index.chunks.push(Chunk { page, anchor, heading });
                for (term, weight) in terms {
                    postings.entry(term).or_default().extend([chunk, weight]);
                }
            }
        }
        index.terms = postings.into_iter().collect();
        index
    }

    /// The index terms a query term stands for, with how much each counts: itself; for the last word
    /// while the reader is still typing, the terms it begins; and when it is not in the index, terms one
    /// edit away (two for long words), so `imigration` finds `immigration`.
    fn candidates<'a>(&'a self, term: &'a str, typing: bool) -> Vec<(&'a str, f32)> {
        let mut found: Vec<(&str, f32)> = Vec::new();
        if let Some((t, _)) = self.terms.get_key_value(term) {
            found.push((t, 1.0));
        }
        let length = term.chars().count();
        let numeric = term.chars().any(|c| c.is_ascii_digit());
        if typing && length >= 2 {
            let from = std::ops::Bound::Included(term);
            let range = self.terms.range::<str, _>((from, std::ops::Bound::Unbounded));
            for (t, _) in range.take_while(|(t, _)| t.starts_with(term)) {
                if t != term {
                    found.push((t, 0.7));
                }
            }
        }
        if found.is_empty() && !numeric && length >= 4 {
            let allowed = if length >= 8 { 2 } else { 1 };
            for t in self.terms.keys() {
                if t.chars().any(|c| c.is_ascii_digit()) {
                    continue;
                }
                let other = t.chars().count();
                if other.abs_diff(length) <= allowed && within(term, t, allowed) {
                    found.push((t, 0.6));
                }
            }
        }
        found
    }

    /// The best results for `query`, best first, one per page.
    ///
    /// A section's score is the sum, over the query's terms, of its best-matching index term's weight
    /// times that term's rarity, times the square of the share of the query's terms it has. Then it is
    /// lifted (up to 3×) when its heading is mostly the query's words, and (up to 2×) when its page's title
    /// holds them, and scaled by the page's weight. A page's score is its best section's plus a tenth of
    /// the others' (at most a tenth more). Sections are scored from the most promising (by the first
    /// part) down, at most the 200 best (or 25 per result asked for), and scoring stops early when no
    /// section left could change the results.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let tokenizer = Tokenizer::new(&self.lang);
        let (terms, last_is_own) = self.phrasings.apply(tokenizer.terms(query));
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let n = terms.len();
        // The last word is still being typed unless a space or punctuation follows it (or a phrasing
        // replaced it).
        let typing = last_is_own && query.ends_with(char::is_alphanumeric);
        let candidates: Vec<Vec<(&str, f32)>> = terms
            .iter()
            .enumerate()
            .map(|(qi, t)| self.candidates(t, typing && qi + 1 == n))
            .collect();
        // Which query term an index term stands for, if any.
        let stands_for = |t: &str| candidates.iter().position(|c| c.iter().any(|(x, _)| *x == t));
        let chunk_count = self.chunks.len().max(1) as f32;
        let mut per_term = vec![0.0_f32; self.chunks.len() * n];
        let mut touched: Vec<u32> = Vec::new();
        for (qi, list) in candidates.iter().enumerate() {
            for &(candidate, factor) in list {
                let postings = self.terms.get(candidate).map(Vec::as_slice).unwrap_or_default();
                let idf = (1.0 + chunk_count / (postings.len() / 2).max(1) as f32).ln();
                for pair in postings.chunks_exact(2) {
                    let (chunk, weight) = (pair[0] as usize, pair[1]);
                    let Some(scores) = per_term.get_mut(chunk * n..chunk * n + n) else {
                        continue;
                    };
                    if scores.iter().all(|s| *s == 0.0) {
                        touched.push(pair[0]);
                    }
                    let s = weight as f32 * factor * idf;
                    if s > scores[qi] {
                        scores[qi] = s;
                    }
                }
            }
        }
        let base = |chunk: u32| {
            let scores = &per_term[chunk as usize * n..chunk as usize * n + n];
            let covered = scores.iter().filter(|s| **s > 0.0).count() as f32 / n as f32;
            scores.iter().sum::<f32>() * covered * covered
        };
        let mut order: Vec<(f32, u32)> = touched.into_iter().map(|c| (base(c), c)).collect();
        order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // The share of the query's terms that `named`'s terms stand for, and the share of `named`'s terms
        // that stand for one of the query's.
        let shares = |named: &str| -> (f32, f32) {
            let named_terms = tokenizer.terms(named);
            if named_terms.is_empty() {
                return (0.0, 0.0);
            }
            let hits: Vec<Option<usize>> = named_terms.iter().map(|t| stands_for(t)).collect();
            let of_named = hits.iter().filter(|h| h.is_some()).count() as f32 / named_terms.len() as f32;
            let of_query = (0..n).filter(|qi| hits.contains(&Some(*qi))).count() as f32 / n as f32;
            (of_query, of_named)
        };
        let mut title_lift: BTreeMap<u32, f32> = BTreeMap::new();
        // page → (best section's score, best section, the others' scores)
        let mut pages: BTreeMap<u32, (f32, u32, f32)> = BTreeMap::new();
        // The `limit`-th best page score so far. Page scores only grow, so an old value is a safe
        // (lower) bound; it is refreshed every 64 sections.
        let mut threshold = 0.0_f32;
        // Only the most promising sections are looked at closely (their headings and titles read): on a
        // site where every section matches, that keeps a query fast.
        let closely = 200.max(25 * limit);
        for (done, (base_score, chunk)) in order.into_iter().take(closely).enumerate() {
            if done % 64 == 0 && pages.len() >= limit {
                let mut ranked: Vec<f32> = pages
                    .values()
                    .map(|(best, _, rest)| best + 0.1 * rest.min(*best))
                    .collect();
                ranked.sort_by(|a, b| b.total_cmp(a));
                threshold = ranked[limit - 1];
            }
            // No section left can reach the results: its score is at most 6× its base, plus a tenth.
            if base_score * 6.0 * 1.1 < threshold {
                break;
            }
            let c = &self.chunks[chunk as usize];
            let p = &self.pages[c.page as usize];
            let named = if !c.heading.is_empty() {
                c.heading.as_str()
            } else if p.first_chunk == chunk {
                p.title.as_str()
            } else {
                ""
            };
            let (of_query, of_named) = shares(named);
            let named_share = of_query * of_named;
            let lift = *title_lift.entry(c.page).or_insert_with(|| {
                let in_title = shares(&p.title).0;
                1.0 + in_title * in_title
            });
            let score = base_score * (1.0 + 2.0 * named_share * named_share) * lift * f32::from(p.weight) / 100.0;
            let entry = pages.entry(c.page).or_insert((0.0, chunk, 0.0));
            if score > entry.0 {
                entry.2 += entry.0;
                entry.0 = score;
                entry.1 = chunk;
            } else {
                entry.2 += score;
            }
        }
        let matched: Vec<String> = candidates.iter().flatten().map(|(t, _)| t.to_string()).collect();
        let mut hits: Vec<Hit> = pages
            .into_iter()
            .map(|(page, (best, chunk, rest))| {
                let p = &self.pages[page as usize];
                let c = &self.chunks[chunk as usize];
                let url = if c.anchor.is_empty() {
                    p.url.clone()
                } else {
                    format!("{}#{}", p.url, c.anchor)
                };
                Hit {
                    url,
                    title: p.title.clone(),
                    section: p.section.clone(),
                    heading: c.heading.clone(),
                    fragment: p.fragment.clone(),
                    fragment_index: p.fragment_first + chunk - p.first_chunk,
                    score: best + 0.1 * rest.min(best),
                    terms: matched.clone(),
                }
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.url.cmp(&b.url)));
        hits.truncate(limit);
        hits
    }
}

/// The terms of each chunk of `doc` with their weights, sorted by term: a word in the title counts
/// `TITLE_WEIGHT` in the first chunk and `TITLE_WEIGHT_ELSEWHERE` in the others, in the description
/// `DESCRIPTION_WEIGHT`, in the heading `HEADING_WEIGHT`, in the text 1 per use up to `BODY_CAP`.
/// `memo` remembers the terms of words already seen; one per thread can serve many documents.
pub fn weigh(tokenizer: &Tokenizer, doc: &Document, memo: &mut TermMemo) -> Vec<Vec<(String, u32)>> {
    let distinct = |text: &str, memo: &mut TermMemo| {
        let mut ids = tokenizer.term_ids(text, memo);
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let title = distinct(&doc.title, memo);
    let description = distinct(&doc.description, memo);
    let empty = [(String::new(), String::new(), String::new())];
    let sections = if doc.sections.is_empty() {
        &empty[..]
    } else {
        &doc.sections[..]
    };
    sections
        .iter()
        .enumerate()
        .map(|(n, (_, heading, text))| {
            let mut weights: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
            let title_weight = if n == 0 { TITLE_WEIGHT } else { TITLE_WEIGHT_ELSEWHERE };
            for &t in &title {
                *weights.entry(t).or_default() += title_weight;
            }
            if n == 0 {
                for &t in &description {
                    *weights.entry(t).or_default() += DESCRIPTION_WEIGHT;
                }
            }
            for t in distinct(heading, memo) {
                *weights.entry(t).or_default() += HEADING_WEIGHT;
            }
            let mut counts: std::collections::HashMap<u32, u32> = std::collections::HashMap::new();
            for t in tokenizer.term_ids(text, memo) {
                *counts.entry(t).or_default() += 1;
            }
            for (t, count) in counts {
                *weights.entry(t).or_default() += count.min(BODY_CAP);
            }
            let mut terms: Vec<(String, u32)> = weights
                .into_iter()
                .map(|(t, w)| (memo.terms[t as usize].clone(), w))
                .collect();
            terms.sort_unstable();
            terms
        })
        .collect()
}

/// One result.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Hit {
    /// The page's address, with the best section's anchor.
    pub url: String,
    pub title: String,
    pub section: String,
    /// The best section's heading (empty for the top of the page).
    pub heading: String,
    /// Where the page's texts are, and which of them is the best section's.
    pub fragment: String,
    pub fragment_index: u32,
    /// How well it matched (only for ranking, so not sent to the browser).
    #[serde(skip)]
    pub score: f32,
    /// The index terms that matched, for highlighting.
    pub terms: Vec<String>,
}

/// Whether `a` and `b` are at most `limit` edits apart (insertions, deletions, substitutions).
fn within(a: &str, b: &str, limit: usize) -> bool {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        let mut best = row[0];
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb)).min(row[j] + 1).min(current + 1);
            previous = current;
            best = best.min(row[j + 1]);
        }
        if best > limit {
            return false;
        }
    }
    row[b.len()] <= limit
}

/// A piece of an excerpt: text, and whether it is a matched word.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub mark: bool,
}

/// A short excerpt of `text` (about `words` words) around where the most `terms` are, with the words
/// whose term is one of `terms` marked.
pub fn excerpt(lang: &str, text: &str, terms: &[String], words: usize) -> Vec<Piece> {
    let all = Tokenizer::new(lang).words(text);
    if all.is_empty() {
        return Vec::new();
    }
    let hit = |w: &Word| w.term.as_ref().is_some_and(|t| terms.contains(t));
    // The window of `words` words with the most hits; the earliest wins ties.
    let size = words.min(all.len()).max(1);
    let mut count = all[..size].iter().filter(|w| hit(w)).count();
    let (mut best, mut best_count) = (0, count);
    for start in 1..=all.len() - size {
        count = count + usize::from(hit(&all[start + size - 1])) - usize::from(hit(&all[start - 1]));
        if count > best_count {
            (best, best_count) = (start, count);
        }
    }
    // Start up to three words before the first hit, for context, without losing a hit at the end.
    let first_hit = best + all[best..best + size].iter().position(hit).unwrap_or(0);
    let last_hit = best + all[best..best + size].iter().rposition(hit).unwrap_or(0);
    let start = first_hit
        .saturating_sub(3)
        .max((last_hit + 1).saturating_sub(size))
        .min(all.len() - size);
    let window = &all[start..start + size];
    let mut pieces = Vec::new();
    let from = if start == 0 { 0 } else { window[0].start };
    let to = if start + size == all.len() {
        text.len()
    } else {
        window[size - 1].end
    };
    let mut at = from;
    if start > 0 {
        pieces.push(Piece {
            text: "… ".into(),
            mark: false,
        });
    }
    for w in window.iter().filter(|w| hit(w)) {
        if w.start > at {
            pieces.push(Piece {
                text: text[at..w.start].to_string(),
                mark: false,
            });
        }
        pieces.push(Piece {
            text: text[w.start..w.end].to_string(),
            mark: true,
        });
        at = w.end;
    }
    if to > at {
        pieces.push(Piece {
            text: text[at..to].to_string(),
            mark: false,
        });
    }
    if to < text.len() {
        pieces.push(Piece {
            text: " …".into(),
            mark: false,
        });
    }
    pieces
}

/// How the postings are written: each chunk number as the step from the term's previous chunk (the
/// first from 0), weights as they are. Steps are mostly one digit where chunk numbers have three, which
/// takes about 15% off the gzipped index the search page downloads. Wrapping arithmetic makes reading
/// undo writing exactly, whatever the order.
mod postings_as_steps {
    use std::collections::BTreeMap;

    use serde::ser::{SerializeMap, SerializeSeq};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    struct Steps<'a>(&'a [u32]);

    impl Serialize for Steps<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(self.0.len()))?;
            let mut previous = 0u32;
            for (i, &n) in self.0.iter().enumerate() {
                if i % 2 == 0 {
                    seq.serialize_element(&n.wrapping_sub(previous))?;
                    previous = n;
                } else {
                    seq.serialize_element(&n)?;
                }
            }
            seq.end()
        }
    }

    pub fn serialize<S: Serializer>(terms: &BTreeMap<String, Vec<u32>>, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(terms.len()))?;
        for (term, postings) in terms {
            map.serialize_entry(term, &Steps(postings))?;
        }
        map.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Vec<u32>>, D::Error> {
        let mut terms = BTreeMap::<String, Vec<u32>>::deserialize(d)?;
        for postings in terms.values_mut() {
            let mut previous = 0u32;
            for chunk in postings.iter_mut().step_by(2) {
                previous = previous.wrapping_add(*chunk);
                *chunk = previous;
            }
        }
        Ok(terms)
    }
}

#[cfg(test)]
mod tests;
