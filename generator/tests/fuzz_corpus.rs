//! The fuzz targets' checks (`fuzz/checks/`), run on stable Rust in every `cargo test`: every input of
//! the committed corpus (`fuzz/corpus/<target>/`), then mutations of them for a short time (by default 6
//! seconds per target; `PUENTE_FUZZ_SECONDS` changes it). The long runs use cargo-fuzz and libFuzzer on
//! nightly (docs/fuzzing.md); this keeps every `cargo test` trying new inputs against the same checks.
//! A panicking input is written to a file and named in the failure.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use common::{repo, walk};

mod page {
    include!("../../fuzz/checks/page.rs");
}
mod flow {
    include!("../../fuzz/checks/flow.rs");
}
mod calculator {
    include!("../../fuzz/checks/calculator.rs");
}

/// Pieces that matter to the parsers, inserted by the mutator.
const TOKENS: &[&str] = &[
    "---\n",
    "\n---\n",
    "```",
    "```widget\n",
    "{{fact:fee}}",
    "{{",
    "}}",
    "<script>",
    "</script>",
    "<",
    ">",
    "[",
    "](",
    "]: ",
    "#",
    "## ",
    "|",
    "|---|",
    "\n",
    "\r\n",
    "\u{0}",
    "\u{feff}",
    ":",
    ": ",
    "- ",
    "  ",
    "{",
    "}",
    "\"",
    "'",
    "\\",
    "&",
    "&#x3C;",
    "> [!WARNING]\n",
    "title: ",
    "last_reviewed: 2026-02-30\n",
    "sources:\n",
    "*",
    "_",
    "`",
    "ñ",
    "\u{301}",
    "🙂",
    "2026-11-25",
    "9999-99-99",
    "-1",
    "1e309",
    "null",
    "[]",
    "{}",
    "id: ",
    "next: ",
];

/// A small deterministic generator (xorshift), so a failure can be reproduced from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// One to four random edits of `input`: flipped, inserted, deleted or repeated bytes, a token, or a
/// piece of another corpus entry.
fn mutate(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => out.insert(at, rng.next() as u8),
            2 if !out.is_empty() => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 if !out.is_empty() => {
                let from = rng.below(out.len());
                let end = (from + rng.below(128)).min(out.len());
                let piece = out[from..end].to_vec();
                out.splice(at..at, piece);
            }
            4 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
            _ => {
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len());
                let end = (from + rng.below(256)).min(other.len());
                out.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    out
}

/// Runs `check` on the corpus of `target`, then on mutations until `budget` has passed. Returns how many
/// inputs were tried.
fn fuzz(target: &str, check: fn(&[u8]), budget: Duration) -> usize {
    let folder = repo().join("fuzz/corpus").join(target);
    let corpus: Vec<Vec<u8>> = walk(&folder).into_iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(
        corpus.len() >= 3,
        "{target}: the corpus under {} is almost empty",
        folder.display()
    );
    let run = |input: &[u8], what: &str| {
        if catch_unwind(AssertUnwindSafe(|| check(input))).is_err() {
            let saved = std::env::temp_dir().join(format!("puente-fuzz-{target}-crash"));
            std::fs::write(&saved, input).unwrap();
            panic!("{target}: {what} panicked; the input is in {}", saved.display());
        }
    };
    for (n, input) in corpus.iter().enumerate() {
        run(input, &format!("corpus input {n}"));
    }
    let seed = 0x9e37_79b9_7f4a_7c15 ^ target.len() as u64;
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut tried = corpus.len();
    while started.elapsed() < budget {
        let pick = rng.below(corpus.len());
        let input = mutate(&mut rng, &corpus[pick], &corpus);
        run(&input, &format!("mutation {tried} (seed {seed:#x})"));
        tried += 1;
    }
    tried
}

fn budget() -> Duration {
    let seconds = std::env::var("PUENTE_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(6.0);
    Duration::from_secs_f64(seconds)
}

#[test]
fn page_files_never_panic_or_let_a_script_through() {
    let tried = fuzz("page", page::check, budget());
    println!("page: {tried} inputs");
}

#[test]
fn flow_files_never_panic() {
    let tried = fuzz("flow", flow::check, budget());
    println!("flow: {tried} inputs");
}

#[test]
fn calculator_input_never_panics_and_counts_are_never_negative() {
    let tried = fuzz("calculator", calculator::check, budget());
    println!("calculator: {tried} inputs");
}

#[test]
fn the_mutator_changes_its_input() {
    let corpus = vec![b"---\ntitle: x\n---\nbody".to_vec()];
    let mut rng = Rng(1);
    let changed = (0..100)
        .filter(|_| mutate(&mut rng, &corpus[0], &corpus) != corpus[0])
        .count();
    assert!(changed > 90, "only {changed} of 100 mutations changed the input");
}
