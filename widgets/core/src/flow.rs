//! Question flows, such as the eligibility guide: the model editors write in YAML, the engine (answers
//! so far → the next question or an outcome), validation, and scenario runs.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// A text in every language of the site: language code → text.
pub type Text = BTreeMap<String, String>;

/// A whole flow.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// The first question.
    pub start: String,
    pub questions: BTreeMap<String, Question>,
    pub outcomes: BTreeMap<String, Outcome>,
    /// Sentences that outcomes show depending on the answers that led there, whatever the outcome.
    #[serde(default)]
    pub notices: BTreeMap<String, Notice>,
}

/// Earlier answers: question id → the answer ids that satisfy it (any one of them).
pub type Condition = BTreeMap<String, Vec<String>>;

/// A sentence every outcome shows to readers whose answers match `when`. It lives once, here, so no
/// outcome can forget it; [`validate`] proves that every reader it is for is asked what it depends on.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// Shown on an outcome when every question named here was answered with one of its answers.
    pub when: Condition,
    /// Readers whose answers match this must be asked every question of `when` before any outcome,
    /// except the outcomes in `except` (which say as much in their own words).
    #[serde(default)]
    pub must_ask: Condition,
    #[serde(default)]
    pub except: Vec<String>,
    /// How it is shown: `caution` (the default, a red flag) or `important` (something to act on first).
    #[serde(default)]
    pub kind: NoticeKind,
    pub text: Text,
    /// Pages to offer with it, as paths under each language folder.
    #[serde(default)]
    pub pages: Vec<String>,
}

/// How a notice is shown, as the site's callouts of the same names.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    #[default]
    Caution,
    Important,
}

/// Whether `history` satisfies every part of `condition`.
pub fn matches(condition: &Condition, history: &[(String, String)]) -> bool {
    condition
        .iter()
        .all(|(q, answers)| history.iter().any(|(hq, ha)| hq == q && answers.contains(ha)))
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub text: Text,
    #[serde(default)]
    pub help: Option<Text>,
    pub answers: Vec<Answer>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub id: String,
    pub text: Text,
    /// The word in the address of the step this answer leads to, per language (`si`, `no-lo-se`).
    /// Without one, the id is used, with `_` written `-`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub slug: Text,
    pub next: Next,
}

impl Answer {
    /// This answer's word in the addresses of `lang`.
    pub fn slug(&self, lang: &str) -> String {
        self.slug
            .get(lang)
            .cloned()
            .unwrap_or_else(|| self.id.replace('_', "-"))
    }
}

/// Where an answer leads: always the same node, or the first rule whose earlier answers match.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Next {
    Node(String),
    Rules(Vec<Rule>),
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Earlier answers that must all have been given: question id → answer id. Empty for the default.
    #[serde(default, rename = "if")]
    pub when: BTreeMap<String, String>,
    pub then: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub title: Text,
    pub summary: Text,
    /// Pages about the pathway, as paths under each language folder (`parole/humanitarian.md`).
    #[serde(default)]
    pub pages: Vec<String>,
    #[serde(default)]
    pub forms: Vec<String>,
    /// Evidence to gather, per language.
    #[serde(default)]
    pub evidence: BTreeMap<String, Vec<String>>,
    /// Red flags, per language.
    #[serde(default)]
    pub warnings: BTreeMap<String, Vec<String>>,
}

/// The answers given so far, in order: (question id, answer id).
pub type History = Vec<(String, String)>;

/// Where the reader is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    Question(&'a str),
    Outcome(&'a str),
}

impl Flow {
    fn step(&self, id: &str) -> Option<Step<'_>> {
        if let Some((k, _)) = self.questions.get_key_value(id) {
            Some(Step::Question(k))
        } else {
            self.outcomes.get_key_value(id).map(|(k, _)| Step::Outcome(k))
        }
    }

    /// Where `answer` to `question` leads, given the answers so far (the current one included).
    pub fn next<'a>(&'a self, answer: &'a Answer, history: &[(String, String)]) -> Option<&'a str> {
        match &answer.next {
            Next::Node(id) => Some(id),
            Next::Rules(rules) => rules
                .iter()
                .find(|r| {
                    r.when
                        .iter()
                        .all(|(q, a)| history.iter().any(|(hq, ha)| hq == q && ha == a))
                })
                .map(|r| r.then.as_str()),
        }
    }

    /// Follows `answers` (question id, answer id) from the start. Returns where they lead.
    pub fn walk(&self, answers: &[(String, String)]) -> Result<Step<'_>, String> {
        let mut at = self
            .step(&self.start)
            .ok_or_else(|| format!("the start `{}` is not a question", self.start))?;
        for (n, (q, a)) in answers.iter().enumerate() {
            let Step::Question(current) = at else {
                return Err(format!(
                    "answer {} is for `{q}`, but the guide already reached an outcome",
                    n + 1
                ));
            };
            if current != q {
                return Err(format!(
                    "answer {} is for `{q}`, but the question here is `{current}`",
                    n + 1
                ));
            }
            let answer = self.questions[current]
                .answers
                .iter()
                .find(|x| &x.id == a)
                .ok_or_else(|| format!("`{current}` has no answer `{a}`"))?;
            let target = self
                .next(answer, &answers[..=n])
                .ok_or_else(|| format!("no rule of `{current}`/`{a}` matches"))?;
            at = self
                .step(target)
                .ok_or_else(|| format!("`{target}` is neither a question nor an outcome"))?;
        }
        Ok(at)
    }

    /// Runs a scenario: `answers` gives the answer to each question it meets. Returns the outcome reached
    /// and the path taken, or why it stopped (with the path so far).
    pub fn run(&self, answers: &BTreeMap<String, String>) -> Result<(String, Vec<String>), (String, Vec<String>)> {
        let mut history: Vec<(String, String)> = Vec::new();
        let mut path = Vec::new();
        for _ in 0..=self.questions.len() {
            match self.walk(&history) {
                Ok(Step::Outcome(o)) => return Ok((o.to_string(), path)),
                Ok(Step::Question(q)) => {
                    path.push(q.to_string());
                    let Some(a) = answers.get(q) else {
                        return Err((format!("the scenario gives no answer to `{q}`"), path));
                    };
                    history.push((q.to_string(), a.clone()));
                }
                Err(e) => return Err((e, path)),
            }
        }
        Err(("the path goes round in a circle".into(), path))
    }

    /// The address of the state `history` leads to, relative to the page that hosts the flow, in `lang`:
    /// one word per answer, each followed by `/` (`dentro/no/si/`). Unknown answers are left out.
    pub fn path(&self, history: &[(String, String)], lang: &str) -> String {
        let mut path = String::new();
        for (q, a) in history {
            if let Some(answer) = self
                .questions
                .get(q)
                .and_then(|q| q.answers.iter().find(|x| &x.id == a))
            {
                path.push_str(&answer.slug(lang));
                path.push('/');
            }
        }
        path
    }

    /// The notices an outcome reached with `history` shows, in the order of their ids.
    pub fn notices_for<'a>(
        &'a self,
        history: &'a [(String, String)],
    ) -> impl Iterator<Item = (&'a String, &'a Notice)> {
        self.notices.iter().filter(move |(_, n)| matches(&n.when, history))
    }

    /// Every state a reader can be in: the answers given so far, in order, and where they lead.
    /// Stops as soon as a limit is passed: more than [`MAX_STATES`] states, or a path longer than
    /// [`MAX_PATH`] questions. The work is bounded by those limits, however the paths multiply.
    pub fn states(&self) -> Result<Vec<(History, Step<'_>)>, Limit> {
        let mut states = Vec::new();
        let mut stack: Vec<History> = vec![Vec::new()];
        while let Some(history) = stack.pop() {
            if states.len() >= MAX_STATES {
                return Err(Limit::States);
            }
            let step = self.walk(&history).map_err(Limit::Broken)?;
            if let Step::Question(q) = step {
                if history.len() >= MAX_PATH {
                    return Err(Limit::Path(
                        history.into_iter().map(|(q, _)| q).chain([q.to_string()]).collect(),
                    ));
                }
                for answer in self.questions[q].answers.iter().rev() {
                    let mut next = history.clone();
                    next.push((q.to_string(), answer.id.clone()));
                    stack.push(next);
                }
            }
            states.push((history, step));
        }
        Ok(states)
    }
}

/// The most states (sets of answers given so far) a flow may have. Each is a page of the guide in each
/// language, so this bounds the pages a flow adds and the time to check it. The eligibility guide has
/// about 200; a flow with thousands is too large for anyone to review.
pub const MAX_STATES: usize = 5000;

/// The most questions one reader may be asked before an outcome. The eligibility guide asks at most
/// 7; a reader facing more would give up, and every question lengthens each address and page.
pub const MAX_PATH: usize = 40;

/// Why a flow's states could not be listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Limit {
    /// More than [`MAX_STATES`] states.
    States,
    /// A path that asks more than [`MAX_PATH`] questions: the questions asked, in order.
    Path(Vec<String>),
    /// The flow does not work (what [`Flow::walk`] said).
    Broken(String),
}

impl Limit {
    /// Where the problem is, what it is, and how to fix it.
    fn problem(&self) -> Problem {
        match self {
            Limit::States => problem(
                Place::Start,
                format!("the flow has more than {MAX_STATES} different sets of answers, each a page of the guide; flows may have at most {MAX_STATES}"),
                "make it smaller: let answers that need the same next question lead to it, and end paths at an outcome sooner",
            ),
            Limit::Path(questions) => {
                let last = questions.last().cloned().unwrap_or_default();
                let shown = if questions.len() > 6 {
                    format!("{} → … → {}", questions[..3].join(" → "), questions[questions.len() - 2..].join(" → "))
                } else {
                    questions.join(" → ")
                };
                problem(
                    Place::Question(last),
                    format!("a reader can be asked more than {MAX_PATH} questions in a row ({shown}); flows may ask at most {MAX_PATH} before an outcome"),
                    "shorten that path: lead to an outcome sooner, or split the guide in two",
                )
            }
            Limit::Broken(why) => problem(Place::Start, why.clone(), "fix the flow"),
        }
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.problem().message)
    }
}

/// A page an outcome points to, as the site publishes it in one language.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PageLink {
    pub url: String,
    pub title: String,
}

/// What the browser needs to run a flow in one language: the flow with only that language's texts, and
/// the address and title of every page its outcomes name (by their path, `parole/humanitarian.md`). The
/// generator writes it; the WebAssembly widget reads it. One type, so the two cannot drift apart.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub lang: String,
    pub flow: Flow,
    pub pages: BTreeMap<String, PageLink>,
}

/// An answer a reader can choose, in one language.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub text: String,
}

/// An answer already given, in one language.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Answered {
    pub question_id: String,
    pub question: String,
    pub answer_id: String,
    pub answer: String,
}

/// A notice as an outcome shows it, in one language.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct NoticeView {
    pub id: String,
    pub kind: NoticeKind,
    pub text: String,
    pub pages: Vec<PageLink>,
}

/// The step a reader is at, in one language.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StepView {
    Question {
        id: String,
        /// This question's number (1 for the first).
        number: usize,
        /// The most questions this path can have, counting those already answered.
        at_most: usize,
        text: String,
        help: Option<String>,
        answers: Vec<Choice>,
    },
    Outcome {
        id: String,
        title: String,
        summary: String,
        pages: Vec<PageLink>,
        forms: Vec<String>,
        evidence: Vec<String>,
        warnings: Vec<String>,
        /// What this reader's answers add, before anything else.
        notices: Vec<NoticeView>,
    },
}

/// Everything the reader sees at one state of a flow: the step, and the answers that led to it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct View {
    pub answered: Vec<Answered>,
    #[serde(flatten)]
    pub step: StepView,
}

fn pick(text: &Text, lang: &str) -> String {
    text.get(lang).cloned().unwrap_or_default()
}

impl Flow {
    /// The same flow with only the texts of `lang` (what a page in that language needs).
    pub fn in_language(&self, lang: &str) -> Flow {
        let only = |t: &Text| -> Text { t.get(lang).map(|s| (lang.to_string(), s.clone())).into_iter().collect() };
        let only_list = |m: &BTreeMap<String, Vec<String>>| -> BTreeMap<String, Vec<String>> {
            m.get(lang).map(|v| (lang.to_string(), v.clone())).into_iter().collect()
        };
        Flow {
            start: self.start.clone(),
            questions: self
                .questions
                .iter()
                .map(|(id, q)| {
                    let question = Question {
                        text: only(&q.text),
                        help: q.help.as_ref().map(only),
                        answers: q
                            .answers
                            .iter()
                            .map(|a| Answer {
                                id: a.id.clone(),
                                text: only(&a.text),
                                // Every language's words: the language switch needs them.
                                slug: a.slug.clone(),
                                next: a.next.clone(),
                            })
                            .collect(),
                    };
                    (id.clone(), question)
                })
                .collect(),
            outcomes: self
                .outcomes
                .iter()
                .map(|(id, o)| {
                    let outcome = Outcome {
                        title: only(&o.title),
                        summary: only(&o.summary),
                        pages: o.pages.clone(),
                        forms: o.forms.clone(),
                        evidence: only_list(&o.evidence),
                        warnings: only_list(&o.warnings),
                    };
                    (id.clone(), outcome)
                })
                .collect(),
            notices: self
                .notices
                .iter()
                .map(|(id, n)| {
                    let notice = Notice {
                        text: only(&n.text),
                        ..n.clone()
                    };
                    (id.clone(), notice)
                })
                .collect(),
        }
    }

    /// The most questions still ahead of a reader who gave `history`, counting the one they are at
    /// (0 at an outcome). Follows every answer, so it is exact whatever the rules depend on.
    /// At most [`MAX_STATES`] states are visited and [`MAX_PATH`] questions followed, so a flow
    /// [`validate`] would refuse fails here quickly too, instead of taking time that doubles per question.
    pub fn questions_ahead(&self, history: &[(String, String)]) -> Result<usize, String> {
        fn longest(flow: &Flow, history: &mut History, budget: &mut usize) -> Result<usize, String> {
            if history.len() > MAX_PATH {
                return Err(Limit::Path(history.iter().map(|(q, _)| q.clone()).collect()).to_string());
            }
            *budget = budget.checked_sub(1).ok_or_else(|| Limit::States.to_string())?;
            let Step::Question(q) = flow.walk(history)? else {
                return Ok(0);
            };
            let mut most = 0;
            for answer in &flow.questions[q].answers {
                history.push((q.to_string(), answer.id.clone()));
                let ahead = longest(flow, history, budget);
                history.pop();
                most = most.max(ahead?);
            }
            Ok(most + 1)
        }
        longest(self, &mut history.to_vec(), &mut { MAX_STATES })
    }

    /// What a reader who gave `history` sees, in `lang`. `pages` gives the address and title of the
    /// pages outcomes name; a page missing from it is left out.
    pub fn view(
        &self,
        history: &[(String, String)],
        lang: &str,
        pages: &BTreeMap<String, PageLink>,
    ) -> Result<View, String> {
        let step = self.walk(history)?;
        let answered = history
            .iter()
            .map(|(q, a)| {
                let question = &self.questions[q];
                let answer = question
                    .answers
                    .iter()
                    .find(|x| &x.id == a)
                    .map(|x| pick(&x.text, lang));
                Answered {
                    question_id: q.clone(),
                    question: pick(&question.text, lang),
                    answer_id: a.clone(),
                    answer: answer.unwrap_or_default(),
                }
            })
            .collect();
        let step = match step {
            Step::Question(q) => {
                let question = &self.questions[q];
                StepView::Question {
                    id: q.to_string(),
                    number: history.len() + 1,
                    at_most: history.len() + self.questions_ahead(history)?,
                    text: pick(&question.text, lang),
                    help: question.help.as_ref().map(|h| pick(h, lang)),
                    answers: question
                        .answers
                        .iter()
                        .map(|a| Choice {
                            id: a.id.clone(),
                            text: pick(&a.text, lang),
                        })
                        .collect(),
                }
            }
            Step::Outcome(o) => {
                let outcome = &self.outcomes[o];
                StepView::Outcome {
                    id: o.to_string(),
                    title: pick(&outcome.title, lang),
                    summary: pick(&outcome.summary, lang),
                    pages: outcome.pages.iter().filter_map(|p| pages.get(p).cloned()).collect(),
                    forms: outcome.forms.clone(),
                    evidence: outcome.evidence.get(lang).cloned().unwrap_or_default(),
                    warnings: outcome.warnings.get(lang).cloned().unwrap_or_default(),
                    notices: self
                        .notices_for(history)
                        .map(|(id, n)| NoticeView {
                            id: id.clone(),
                            kind: n.kind,
                            text: pick(&n.text, lang),
                            pages: n.pages.iter().filter_map(|p| pages.get(p).cloned()).collect(),
                        })
                        .collect(),
                }
            }
        };
        Ok(View { answered, step })
    }
}

impl Bundle {
    /// What a reader who gave `history` sees, in the bundle's language.
    pub fn view(&self, history: &[(String, String)]) -> Result<View, String> {
        self.flow.view(history, &self.lang, &self.pages)
    }
}

/// Where in the flow file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Start,
    Question(String),
    Answer(String, usize),
    Outcome(String),
    Notice(String),
}

/// A mistake in a flow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    pub message: String,
    pub hint: String,
}

fn problem(place: Place, message: String, hint: &str) -> Problem {
    Problem {
        place,
        message,
        hint: hint.to_string(),
    }
}

fn check_text(problems: &mut Vec<Problem>, place: &Place, what: &str, text: &Text, langs: &[&str]) {
    for lang in langs {
        if text.get(*lang).is_none_or(|t| t.trim().is_empty()) {
            problems.push(problem(
                place.clone(),
                format!("{what} has no text in `{lang}`"),
                "give every text in every language of the site",
            ));
        }
    }
}

/// Checks a flow: references, reachability, cycles, defaults and texts in every language.
pub fn validate(flow: &Flow, langs: &[&str]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let known = |id: &str| flow.questions.contains_key(id) || flow.outcomes.contains_key(id);
    if !flow.questions.contains_key(&flow.start) {
        problems.push(problem(
            Place::Start,
            format!("the start `{}` is not a question", flow.start),
            "name the first question's id",
        ));
    }
    for id in flow.questions.keys().filter(|id| flow.outcomes.contains_key(*id)) {
        problems.push(problem(
            Place::Outcome(id.clone()),
            format!("`{id}` is both a question and an outcome"),
            "give them different ids",
        ));
    }
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (qid, q) in &flow.questions {
        let place = Place::Question(qid.clone());
        check_text(&mut problems, &place, "the question", &q.text, langs);
        if let Some(help) = &q.help {
            check_text(&mut problems, &place, "the help", help, langs);
        }
        if q.answers.len() < 2 {
            problems.push(problem(
                place.clone(),
                format!("`{qid}` has fewer than two answers"),
                "a question needs at least two answers",
            ));
        }
        for lang in langs {
            let mut slugs = BTreeSet::new();
            for (i, a) in q.answers.iter().enumerate() {
                let slug = a.slug(lang);
                if !slugs.insert(slug.clone()) {
                    problems.push(problem(
                        Place::Answer(qid.clone(), i),
                        format!("two answers of `{qid}` have the `{lang}` address word `{slug}`"),
                        "give each answer its own `slug` in that language",
                    ));
                }
            }
        }
        let mut seen = BTreeSet::new();
        for (i, a) in q.answers.iter().enumerate() {
            let place = Place::Answer(qid.clone(), i);
            if !seen.insert(a.id.as_str()) {
                problems.push(problem(
                    place.clone(),
                    format!("`{qid}` has two answers `{}`", a.id),
                    "give each answer its own id",
                ));
            }
            check_text(&mut problems, &place, &format!("answer `{}`", a.id), &a.text, langs);
            for (lang, slug) in &a.slug {
                let ok = !slug.is_empty()
                    && slug
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !ok {
                    problems.push(problem(
                        place.clone(),
                        format!(
                            "the `{lang}` slug of answer `{}` is `{slug}`, which cannot be part of an address",
                            a.id
                        ),
                        "use lowercase letters a to z, digits and `-`, like `no-lo-se`",
                    ));
                }
            }
            let targets: Vec<&str> = match &a.next {
                Next::Node(id) => vec![id],
                Next::Rules(rules) => {
                    if rules.last().is_none_or(|r| !r.when.is_empty()) {
                        problems.push(problem(
                            place.clone(),
                            format!(
                                "the rules of answer `{}` have no default, so some paths lead nowhere",
                                a.id
                            ),
                            "end the list with a rule that has only `then:`",
                        ));
                    }
                    for r in rules {
                        for (cq, ca) in &r.when {
                            let ok = flow
                                .questions
                                .get(cq)
                                .is_some_and(|q| q.answers.iter().any(|x| &x.id == ca));
                            if !ok {
                                problems.push(problem(
                                    place.clone(),
                                    format!("a rule of answer `{}` asks for `{cq}: {ca}`, which is not a question and answer of this flow", a.id),
                                    "check the ids in `if:`",
                                ));
                            }
                        }
                    }
                    rules.iter().map(|r| r.then.as_str()).collect()
                }
            };
            for t in targets {
                if known(t) {
                    edges.entry(qid.as_str()).or_default().push(t);
                } else {
                    let mut hint = "use the id of a question or an outcome".to_string();
                    if let Some(close) =
                        closest(t, flow.questions.keys().chain(flow.outcomes.keys()).map(String::as_str))
                    {
                        hint = format!("did you mean `{close}`?");
                    }
                    problems.push(Problem {
                        place: place.clone(),
                        message: format!(
                            "answer `{}` leads to `{t}`, which is neither a question nor an outcome",
                            a.id
                        ),
                        hint,
                    });
                }
            }
        }
    }
    for (oid, o) in &flow.outcomes {
        let place = Place::Outcome(oid.clone());
        check_text(&mut problems, &place, "the title", &o.title, langs);
        check_text(&mut problems, &place, "the summary", &o.summary, langs);
        for (what, lists) in [("the evidence list", &o.evidence), ("the warnings", &o.warnings)] {
            if !lists.is_empty() {
                for lang in langs {
                    if !lists.contains_key(*lang) {
                        problems.push(problem(
                            place.clone(),
                            format!("{what} has no `{lang}` version"),
                            "give every list in every language",
                        ));
                    }
                }
            }
        }
    }
    let answer_exists = |q: &str, a: &str| {
        flow.questions
            .get(q)
            .is_some_and(|q| q.answers.iter().any(|x| x.id == a))
    };
    for (nid, notice) in &flow.notices {
        let place = Place::Notice(nid.clone());
        check_text(&mut problems, &place, "the notice", &notice.text, langs);
        if notice.when.is_empty() {
            problems.push(problem(
                place.clone(),
                format!("the notice `{nid}` has an empty `when`, so it would be shown on every outcome"),
                "name the answers it is for; a sentence for everyone belongs in the theme",
            ));
        }
        for (what, condition) in [("when", &notice.when), ("must_ask", &notice.must_ask)] {
            for (q, answers) in condition {
                if !flow.questions.contains_key(q) {
                    let hint = closest(q, flow.questions.keys().map(String::as_str)).map_or_else(
                        || "use the id of a question".to_string(),
                        |c| format!("did you mean `{c}`?"),
                    );
                    problems.push(Problem {
                        place: place.clone(),
                        message: format!("the `{what}` of notice `{nid}` names `{q}`, which is not a question"),
                        hint,
                    });
                    continue;
                }
                if answers.is_empty() {
                    problems.push(problem(
                        place.clone(),
                        format!("the `{what}` of notice `{nid}` gives no answer for `{q}`"),
                        "list the answers, like `[\"yes\", not_sure]`",
                    ));
                }
                for a in answers.iter().filter(|a| !answer_exists(q, a)) {
                    problems.push(problem(
                        place.clone(),
                        format!("the `{what}` of notice `{nid}` names `{q}: {a}`, but `{q}` has no answer `{a}`"),
                        "check the answer ids",
                    ));
                }
            }
        }
        for o in notice.except.iter().filter(|o| !flow.outcomes.contains_key(*o)) {
            problems.push(problem(
                place.clone(),
                format!("the notice `{nid}` lists `{o}` under `except`, which is not an outcome"),
                "list outcome ids",
            ));
        }
    }
    // Reachability from the start.
    let mut reached = BTreeSet::new();
    let mut todo = vec![flow.start.as_str()];
    while let Some(n) = todo.pop() {
        if reached.insert(n) {
            todo.extend(edges.get(n).into_iter().flatten().copied());
        }
    }
    for id in flow.questions.keys() {
        if !reached.contains(id.as_str()) {
            problems.push(problem(
                Place::Question(id.clone()),
                format!("no answer leads to the question `{id}`"),
                "link it from an answer, or delete it",
            ));
        }
    }
    for id in flow.outcomes.keys() {
        if !reached.contains(id.as_str()) {
            problems.push(problem(
                Place::Outcome(id.clone()),
                format!("no answer leads to the outcome `{id}`"),
                "link it from an answer, or delete it",
            ));
        }
    }
    // Cycles: a question that can lead back to itself.
    fn visit<'a>(
        n: &'a str,
        edges: &BTreeMap<&'a str, Vec<&'a str>>,
        state: &mut BTreeMap<&'a str, u8>,
        found: &mut Vec<(&'a str, &'a str)>,
    ) {
        state.insert(n, 1);
        for &t in edges.get(n).into_iter().flatten() {
            match state.get(t) {
                Some(1) => found.push((n, t)),
                Some(_) => {}
                None => visit(t, edges, state, found),
            }
        }
        state.insert(n, 2);
    }
    let mut state = BTreeMap::new();
    let mut cycles = Vec::new();
    for n in edges.keys() {
        if !state.contains_key(n) {
            visit(n, &edges, &mut state, &mut cycles);
        }
    }
    cycles.sort_unstable();
    cycles.dedup();
    for (from, to) in cycles {
        problems.push(problem(
            Place::Question(from.to_string()),
            format!("`{from}` leads back to `{to}`, so the guide can go round in a circle"),
            "every path must move forward to an outcome",
        ));
    }
    if problems.is_empty() {
        match flow.states() {
            Ok(states) => problems.extend(check_notices(flow, &states)),
            Err(limit) => problems.push(limit.problem()),
        }
    }
    problems
}

/// Proves, over every path through a valid flow, that each notice reaches the readers it is for: it is
/// shown on some outcome, and every reader matching its `must_ask` was asked each question of its `when`
/// before reaching an outcome (other than its `except`ions).
pub fn check_notices(flow: &Flow, states: &[(History, Step<'_>)]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (nid, notice) in &flow.notices {
        let place = Place::Notice(nid.clone());
        let mut shown = false;
        let mut missed: BTreeMap<(&str, &str), &History> = BTreeMap::new();
        for (history, step) in states {
            let Step::Outcome(o) = step else { continue };
            shown |= matches(&notice.when, history);
            if notice.except.iter().any(|e| e == o) || notice.must_ask.is_empty() || !matches(&notice.must_ask, history)
            {
                continue;
            }
            for q in notice.when.keys() {
                if !history.iter().any(|(hq, _)| hq == q) {
                    missed.entry((o, q.as_str())).or_insert(history);
                }
            }
        }
        // A reader who is never asked cannot be shown it either: one cause, one message.
        if !shown && missed.is_empty() {
            problems.push(problem(
                place.clone(),
                format!("the notice `{nid}` is never shown: no path to an outcome gives the answers of its `when`"),
                "check its `when` against the flow",
            ));
        }
        for ((o, q), history) in missed {
            let path: Vec<String> = history.iter().map(|(q, a)| format!("{q}: {a}")).collect();
            problems.push(problem(
                place.clone(),
                format!(
                    "a reader the notice `{nid}` is for reaches `{o}` without being asked `{q}` (answers: {}), so it cannot be shown to them",
                    path.join(", ")
                ),
                &format!("ask `{q}` on that path, or add `{o}` to the notice's `except` if that outcome already says it in its own words"),
            ));
        }
    }
    problems
}

fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, for "did you mean" hints.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb)).min(row[j] + 1).min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Text {
        [
            ("en".to_string(), s.to_string()),
            ("es".to_string(), format!("{s} (es)")),
        ]
        .into()
    }

    fn flow() -> Flow {
        let answer = |id: &str, next: Next| Answer {
            id: id.into(),
            text: text(id),
            slug: Text::new(),
            next,
        };
        let outcome = |t: &str| Outcome {
            title: text(t),
            summary: text(t),
            pages: vec![],
            forms: vec![],
            evidence: BTreeMap::new(),
            warnings: BTreeMap::new(),
        };
        Flow {
            start: "where".into(),
            questions: [
                (
                    "where".to_string(),
                    Question {
                        text: text("Where?"),
                        help: None,
                        answers: vec![
                            answer("abroad", Next::Node("order".into())),
                            answer("inside", Next::Node("order".into())),
                        ],
                    },
                ),
                (
                    "order".to_string(),
                    Question {
                        text: text("Removal order?"),
                        help: None,
                        answers: vec![
                            answer("yes", Next::Node("get_help".into())),
                            answer(
                                "no",
                                Next::Rules(vec![
                                    Rule {
                                        when: [("where".to_string(), "abroad".to_string())].into(),
                                        then: "humanitarian".into(),
                                    },
                                    Rule {
                                        when: BTreeMap::new(),
                                        then: "advance_parole".into(),
                                    },
                                ]),
                            ),
                        ],
                    },
                ),
            ]
            .into(),
            outcomes: [
                ("get_help".to_string(), outcome("Help")),
                ("humanitarian".to_string(), outcome("HP")),
                ("advance_parole".to_string(), outcome("AP")),
            ]
            .into(),
            notices: BTreeMap::new(),
        }
    }

    fn condition(list: &[(&str, &[&str])]) -> Condition {
        list.iter()
            .map(|(q, answers)| (q.to_string(), answers.iter().map(|a| a.to_string()).collect()))
            .collect()
    }

    /// A notice for readers inside the US who said "no" to a removal order.
    fn with_notice(f: &mut Flow, must_ask: Condition, except: &[&str]) {
        f.notices.insert(
            "leaving".into(),
            Notice {
                when: condition(&[("where", &["inside"]), ("order", &["no"])]),
                must_ask,
                except: except.iter().map(|e| e.to_string()).collect(),
                kind: NoticeKind::Caution,
                text: text("Leaving could start a bar."),
                pages: vec![],
            },
        );
    }

    #[test]
    fn a_notice_is_shown_on_every_outcome_its_answers_reach_and_only_there() {
        let mut f = flow();
        with_notice(&mut f, Condition::new(), &[]);
        assert_eq!(validate(&f, &["en", "es"]), []);
        let notices = |answers: &[(&str, &str)]| match f.view(&pairs(answers), "es", &BTreeMap::new()).unwrap().step {
            StepView::Outcome { notices, .. } => notices.into_iter().map(|n| n.text).collect::<Vec<_>>(),
            other => panic!("expected an outcome, got {other:?}"),
        };
        assert_eq!(
            notices(&[("where", "inside"), ("order", "no")]),
            ["Leaving could start a bar. (es)"]
        );
        assert!(notices(&[("where", "abroad"), ("order", "no")]).is_empty());
        assert!(notices(&[("where", "inside"), ("order", "yes")]).is_empty());
    }

    #[test]
    fn the_build_proves_every_reader_a_notice_is_for_is_asked_what_it_depends_on() {
        let mut f = flow();
        // Everyone inside must be asked `order`: true on every path of this flow.
        with_notice(&mut f, condition(&[("where", &["inside"])]), &[]);
        assert_eq!(validate(&f, &["en", "es"]), []);
        // Now a shortcut skips `order` for readers inside.
        f.questions.get_mut("where").unwrap().answers[1].next = Next::Node("advance_parole".into());
        let problems = validate(&f, &["en", "es"]);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages.contains(&"a reader the notice `leaving` is for reaches `advance_parole` without being asked `order` (answers: where: inside), so it cannot be shown to them"),
            "{messages:?}"
        );
        assert!(
            !messages.iter().any(|m| m.contains("is never shown")),
            "one cause, one message: {messages:?}"
        );
        assert_eq!(problems[0].place, Place::Notice("leaving".into()));
        // Without `must_ask`, the same notice is simply never shown, and that is a problem too.
        with_notice(&mut f, Condition::new(), &[]);
        let messages: Vec<String> = validate(&f, &["en", "es"]).into_iter().map(|p| p.message).collect();
        assert_eq!(
            messages,
            ["the notice `leaving` is never shown: no path to an outcome gives the answers of its `when`"]
        );
        // A reader at the border goes straight to `get_help`, which says it in its own words: excepted.
        let mut f = flow();
        let border = Answer {
            id: "border".into(),
            text: text("border"),
            slug: Text::new(),
            next: Next::Node("get_help".into()),
        };
        f.questions.get_mut("where").unwrap().answers.push(border);
        with_notice(&mut f, condition(&[("where", &["inside", "border"])]), &[]);
        assert_eq!(validate(&f, &["en", "es"]).len(), 1);
        with_notice(&mut f, condition(&[("where", &["inside", "border"])]), &["get_help"]);
        assert_eq!(validate(&f, &["en", "es"]), []);
    }

    #[test]
    fn notices_with_unknown_ids_are_located_problems() {
        let mut f = flow();
        f.notices.insert(
            "n".into(),
            Notice {
                when: condition(&[("wher", &["inside"]), ("order", &["maybe"])]),
                must_ask: Condition::new(),
                except: vec!["nowhere".into()],
                kind: NoticeKind::Important,
                text: text("x"),
                pages: vec![],
            },
        );
        let messages: Vec<String> = validate(&f, &["en", "es"])
            .into_iter()
            .map(|p| format!("{} / {}", p.message, p.hint))
            .collect();
        assert_eq!(
            messages,
            [
                "the `when` of notice `n` names `order: maybe`, but `order` has no answer `maybe` / check the answer ids",
                "the `when` of notice `n` names `wher`, which is not a question / did you mean `where`?",
                "the notice `n` lists `nowhere` under `except`, which is not an outcome / list outcome ids",
            ]
        );
    }

    #[test]
    fn addresses_use_each_languages_words() {
        let mut f = flow();
        f.questions.get_mut("where").unwrap().answers[1].slug = [("es".to_string(), "dentro".to_string())].into();
        let h = pairs(&[("where", "inside"), ("order", "no")]);
        assert_eq!(f.path(&h, "en"), "inside/no/");
        assert_eq!(f.path(&h, "es"), "dentro/no/");
        assert_eq!(
            f.in_language("en").path(&h, "es"),
            "dentro/no/",
            "a bundle keeps every language's words"
        );
        f.questions.get_mut("where").unwrap().answers[1].slug =
            [("es".to_string(), "Dentro del país".to_string())].into();
        f.questions.get_mut("order").unwrap().answers[1].slug = [("es".to_string(), "yes".to_string())].into();
        let messages: Vec<String> = validate(&f, &["en", "es"]).into_iter().map(|p| p.message).collect();
        assert!(
            messages.contains(
                &"the `es` slug of answer `inside` is `Dentro del país`, which cannot be part of an address"
                    .to_string()
            ),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"two answers of `order` have the `es` address word `yes`".to_string()),
            "{messages:?}"
        );
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(q, a)| (q.to_string(), a.to_string())).collect()
    }

    #[test]
    fn the_next_step_can_depend_on_earlier_answers() {
        let f = flow();
        assert_eq!(f.walk(&[]).unwrap(), Step::Question("where"));
        assert_eq!(
            f.walk(&pairs(&[("where", "abroad"), ("order", "no")])).unwrap(),
            Step::Outcome("humanitarian")
        );
        assert_eq!(
            f.walk(&pairs(&[("where", "inside"), ("order", "no")])).unwrap(),
            Step::Outcome("advance_parole")
        );
        assert!(f
            .walk(&pairs(&[("order", "no")]))
            .unwrap_err()
            .contains("the question here is `where`"));
    }

    #[test]
    fn scenarios_report_where_the_path_went() {
        let f = flow();
        let answers: BTreeMap<String, String> = [("where".to_string(), "inside".to_string())].into();
        let (message, path) = f.run(&answers).unwrap_err();
        assert_eq!(message, "the scenario gives no answer to `order`");
        assert_eq!(path, ["where", "order"]);
    }

    #[test]
    fn every_state_is_listed_once() {
        let f = flow();
        let states = f.states().unwrap();
        assert_eq!(states.len(), 7, "start, 2 order questions, 4 outcomes");
    }

    #[test]
    fn a_valid_flow_has_no_problems() {
        assert_eq!(validate(&flow(), &["en", "es"]), []);
    }

    #[test]
    fn validation_finds_unknown_nodes_cycles_unreachable_and_missing_texts() {
        let mut f = flow();
        f.questions.get_mut("order").unwrap().answers[0].next = Next::Node("get_hlp".into());
        f.questions.get_mut("order").unwrap().answers[1].next = Next::Node("where".into());
        f.questions.get_mut("where").unwrap().text.remove("es");
        let messages: Vec<String> = validate(&f, &["en", "es"])
            .into_iter()
            .map(|p| format!("{} / {}", p.message, p.hint))
            .collect();
        assert!(
            messages.contains(
                &"the question has no text in `es` / give every text in every language of the site".to_string()
            ),
            "{messages:?}"
        );
        assert!(messages.contains(&"answer `yes` leads to `get_hlp`, which is neither a question nor an outcome / did you mean `get_help`?".to_string()), "{messages:?}");
        assert_eq!(
            messages
                .iter()
                .filter(|m| m.contains("so the guide can go round in a circle"))
                .count(),
            1,
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("no answer leads to the outcome `humanitarian`")),
            "{messages:?}"
        );
    }

    #[test]
    fn rules_need_a_default() {
        let mut f = flow();
        if let Next::Rules(rules) = &mut f.questions.get_mut("order").unwrap().answers[1].next {
            rules.pop();
        }
        assert!(validate(&f, &["en", "es"])
            .iter()
            .any(|p| p.message.contains("have no default")));
    }

    /// `n` questions in a row; the first answer always leads on, the second too when `both_on`
    /// (so paths double per question), otherwise it ends the guide.
    fn chain(n: usize, both_on: bool) -> Flow {
        let next = |i: usize| {
            Next::Node(if i + 1 < n {
                format!("q{}", i + 1)
            } else {
                "done".into()
            })
        };
        let questions = (0..n)
            .map(|i| {
                let answer = |id: &str, next: Next| Answer {
                    id: id.into(),
                    text: text(id),
                    slug: Text::new(),
                    next,
                };
                let second = if both_on { next(i) } else { Next::Node("done".into()) };
                let q = Question {
                    text: text("Q?"),
                    help: None,
                    answers: vec![answer("yes", next(i)), answer("no", second)],
                };
                (format!("q{i}"), q)
            })
            .collect();
        let done = Outcome {
            title: text("Done"),
            summary: text("Done"),
            pages: vec![],
            forms: vec![],
            evidence: BTreeMap::new(),
            warnings: BTreeMap::new(),
        };
        Flow {
            start: "q0".into(),
            questions,
            outcomes: [("done".to_string(), done)].into(),
            notices: BTreeMap::new(),
        }
    }

    #[test]
    fn flows_whose_paths_double_per_question_are_refused_at_once() {
        for n in [14, 24, 40] {
            let f = chain(n, true);
            let t0 = std::time::Instant::now();
            let problems = validate(&f, &["en", "es"]);
            assert_eq!(problems.len(), 1, "{n}: {problems:?}");
            assert!(
                problems[0].message.contains("flows may have at most 5000"),
                "{}",
                problems[0].message
            );
            assert_eq!(problems[0].place, Place::Start);
            assert!(f.questions_ahead(&[]).unwrap_err().contains("at most 5000"));
            assert!(
                t0.elapsed() < std::time::Duration::from_secs(1),
                "{n}: {:?}",
                t0.elapsed()
            );
        }
        // Over both limits: the path is found first, as the walk goes deep first.
        let problems = validate(&chain(200, true), &["en"]);
        assert!(problems.len() == 1 && problems[0].message.contains("flows may ask at most 40"));
        // 12 questions: 2^13 - 1 states, over the limit; 11: 4095 states, within it.
        assert!(validate(&chain(12, true), &["en"]).len() == 1);
        assert!(validate(&chain(11, true), &["en"]).is_empty());
        assert_eq!(chain(11, true).questions_ahead(&[]), Ok(11));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A flow of `targets.len()` questions; question `i`'s answers lead to the questions or outcomes
        /// their numbers pick among those after it (so it never goes round in a circle).
        fn forward_flow(targets: &[Vec<u16>]) -> Flow {
            let n = targets.len();
            let mut f = chain(n, true);
            for (i, answers) in targets.iter().enumerate() {
                let later = n - i; // questions after i, plus the outcome
                f.questions.get_mut(&format!("q{i}")).unwrap().answers = answers
                    .iter()
                    .enumerate()
                    .map(|(k, pick)| {
                        let step = 1 + usize::from(*pick) % later;
                        let to = if i + step >= n {
                            "done".to_string()
                        } else {
                            format!("q{}", i + step)
                        };
                        Answer {
                            id: format!("a{k}"),
                            text: text("A"),
                            slug: Text::new(),
                            next: Next::Node(to),
                        }
                    })
                    .collect();
            }
            f
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            /// Whatever its shape, a flow is judged quickly; one that passes has at most the limits, and
            /// the longest path `questions_ahead` gives is the longest a reader can really take.
            #[test]
            fn flow_analysis_is_bounded_and_exact(targets in prop::collection::vec(prop::collection::vec(any::<u16>(), 2..4), 1..70)) {
                let f = forward_flow(&targets);
                let t0 = std::time::Instant::now();
                let problems = validate(&f, &["en"]);
                let ahead = f.questions_ahead(&[]);
                prop_assert!(t0.elapsed() < std::time::Duration::from_secs(2), "{:?}", t0.elapsed());
                let unreachable = problems.iter().any(|p| p.message.starts_with("no answer leads to"));
                match f.states() {
                    Ok(states) => {
                        prop_assert!(problems.is_empty() || unreachable, "{problems:?}");
                        prop_assert!(states.len() <= MAX_STATES);
                        let longest = states.iter().filter(|(_, s)| matches!(s, Step::Outcome(_))).map(|(h, _)| h.len()).max();
                        prop_assert_eq!(ahead.ok(), longest);
                    }
                    Err(limit) => {
                        if !unreachable {
                            prop_assert_eq!(problems.len(), 1);
                            prop_assert_eq!(&problems[0].message, &limit.to_string());
                        }
                        prop_assert!(ahead.is_err());
                    }
                }
            }
        }
    }

    #[test]
    fn paths_longer_than_the_limit_are_refused_where_they_pass_it() {
        let t0 = std::time::Instant::now();
        let f = chain(1000, false);
        let problems = validate(&f, &["en"]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].place, Place::Question(format!("q{MAX_PATH}")));
        assert!(
            problems[0]
                .message
                .contains("more than 40 questions in a row (q0 → q1 → q2 → … → q39 → q40)"),
            "{}",
            problems[0].message
        );
        assert!(f.questions_ahead(&[]).unwrap_err().contains("more than 40 questions"));
        assert!(t0.elapsed() < std::time::Duration::from_secs(1), "{:?}", t0.elapsed());
        assert!(validate(&chain(MAX_PATH, false), &["en"]).is_empty());
        assert_eq!(chain(MAX_PATH, false).questions_ahead(&[]), Ok(MAX_PATH));
    }

    #[test]
    fn questions_ahead_counts_the_longest_path_from_here() {
        let f = flow();
        assert_eq!(f.questions_ahead(&[]).unwrap(), 2);
        assert_eq!(f.questions_ahead(&pairs(&[("where", "abroad")])).unwrap(), 1);
        assert_eq!(
            f.questions_ahead(&pairs(&[("where", "abroad"), ("order", "no")]))
                .unwrap(),
            0
        );
    }

    #[test]
    fn a_view_gives_the_step_and_the_answers_so_far_in_one_language() {
        let f = flow();
        let pages: BTreeMap<String, PageLink> = BTreeMap::new();
        let v = f.view(&pairs(&[("where", "inside")]), "es", &pages).unwrap();
        assert_eq!(
            v.answered,
            [Answered {
                question_id: "where".into(),
                question: "Where? (es)".into(),
                answer_id: "inside".into(),
                answer: "inside (es)".into(),
            }]
        );
        let StepView::Question {
            number,
            at_most,
            answers,
            ..
        } = &v.step
        else {
            panic!("expected a question, got {v:?}");
        };
        assert_eq!((*number, *at_most), (2, 2));
        assert_eq!(answers[1].text, "no (es)");
        let json = serde_json::to_value(&v).unwrap();
        assert_eq!(json["kind"], "question");
        assert_eq!(json["id"], "order");
    }

    #[test]
    fn an_outcome_view_resolves_its_pages_and_keeps_only_known_ones() {
        let mut f = flow();
        f.outcomes.get_mut("humanitarian").unwrap().pages = vec!["parole/humanitarian.md".into(), "gone.md".into()];
        let link = PageLink {
            url: "/en/parole/humanitarian/".into(),
            title: "Humanitarian parole".into(),
        };
        let pages: BTreeMap<String, PageLink> = [("parole/humanitarian.md".to_string(), link.clone())].into();
        let bundle = Bundle {
            lang: "en".into(),
            flow: f.in_language("en"),
            pages,
        };
        let v = bundle.view(&pairs(&[("where", "abroad"), ("order", "no")])).unwrap();
        assert!(matches!(&v.step, StepView::Outcome { pages, title, .. } if *pages == [link.clone()] && title == "HP"));
    }

    #[test]
    fn a_flow_in_one_language_keeps_its_structure_and_drops_other_texts() {
        let f = flow();
        let en = f.in_language("en");
        assert!(!en.questions["where"].text.contains_key("es"));
        assert_eq!(validate(&en, &["en"]), []);
        assert_eq!(en.states().unwrap().len(), f.states().unwrap().len());
        let json = serde_json::to_string(&Bundle {
            lang: "en".into(),
            flow: en,
            pages: BTreeMap::new(),
        })
        .unwrap();
        let back: Bundle = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back.view(&[]).unwrap().step,
            f.view(&[], "en", &BTreeMap::new()).unwrap().step
        );
    }
}
