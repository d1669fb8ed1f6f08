//! `puente check --external`: asks every external address (links and sources) whether it still
//! answers. Politely: one request at a time per host with a pause between them, hosts in parallel, and a
//! cache so an address that answered is asked again only after a week.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use puente_core::date::Date;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;

pub const EXTERNAL: &str = "external";

/// How long a good answer is trusted.
const RECHECK_AFTER_DAYS: i64 = 7;

/// What an address answered, as kept in the cache.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
struct Answer {
    /// The final HTTP status, after redirects.
    status: Option<u16>,
    /// Why there was no answer (network, TLS, timeout).
    error: Option<String>,
    checked: String,
}

impl Answer {
    fn is_good(&self) -> bool {
        self.status.is_some_and(|s| s < 400)
    }
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

fn ask(agent: &ureq::Agent, url: &str, today: Date) -> Answer {
    let status = |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| match r {
        Ok(response) => Ok(response.status().as_u16()),
        Err(e) => Err(e.to_string()),
    };
    // Some servers refuse HEAD; ask for the page itself then.
    let mut result = status(agent.head(url).call());
    if matches!(result, Ok(403 | 405 | 501)) {
        result = status(agent.get(url).call());
    }
    match result {
        Ok(code) => Answer {
            status: Some(code),
            error: None,
            checked: today.to_string(),
        },
        Err(e) => Answer {
            status: None,
            error: Some(e),
            checked: today.to_string(),
        },
    }
}

/// Checks `links` (address → pages using it) and returns a warning for each address that does not answer.
pub fn check(
    links: &BTreeMap<String, BTreeSet<String>>,
    cache_file: &Path,
    today: Date,
    pace: Duration,
) -> Vec<Diagnostic> {
    let mut cache: BTreeMap<String, Answer> = std::fs::read(cache_file)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let fresh =
        |a: &Answer| a.is_good() && Date::parse(&a.checked).is_ok_and(|d| d.days_until(today) < RECHECK_AFTER_DAYS);
    let mut by_host: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for url in links.keys() {
        if !cache.get(url).is_some_and(fresh) {
            by_host.entry(host_of(url)).or_default().push(url);
        }
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(15)))
        .user_agent("puente-link-check (+https://github.com/)")
        .build()
        .into();
    let answers: Vec<(String, Answer)> = std::thread::scope(|scope| {
        let workers: Vec<_> = by_host
            .values()
            .map(|urls| {
                let agent = agent.clone();
                scope.spawn(move || {
                    let mut answers = Vec::new();
                    for (n, url) in urls.iter().enumerate() {
                        if n > 0 {
                            std::thread::sleep(pace);
                        }
                        answers.push((url.to_string(), ask(&agent, url, today)));
                    }
                    answers
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    cache.extend(answers);
    if let Some(parent) = cache_file.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let _ = std::fs::write(cache_file, serde_json::to_vec_pretty(&cache).unwrap_or_default());

    let unreachable = links
        .keys()
        .filter(|u| cache.get(*u).is_some_and(|a| a.status.is_none()))
        .count();
    if unreachable > 3 && unreachable == links.len() {
        return vec![Diagnostic::warning(
            cache_file,
            format!("none of the {unreachable} external addresses could be reached"),
        )
        .with_hint("this computer seems to be offline; run `puente check --external` where there is a network")
        .in_group(EXTERNAL)];
    }
    let mut findings = Vec::new();
    for (url, pages) in links {
        let Some(answer) = cache.get(url) else { continue };
        if answer.is_good() {
            continue;
        }
        let what = match (&answer.status, &answer.error) {
            (Some(code), _) => format!("answers HTTP {code}"),
            (None, Some(e)) => format!("could not be reached ({e})"),
            (None, None) => "could not be reached".to_string(),
        };
        let first = pages.iter().next().cloned().unwrap_or_default();
        let used_on: Vec<&str> = pages.iter().map(String::as_str).collect();
        findings.push(
            Diagnostic::warning(first, format!("{url} {what}"))
                .with_hint(format!(
                    "find the page's new address and update it on: {}",
                    used_on.join(", ")
                ))
                .in_group(EXTERNAL),
        );
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn hosts_are_taken_from_addresses() {
        assert_eq!(host_of("https://www.uscis.gov/i-131?x=1"), "www.uscis.gov");
        assert_eq!(host_of("http://127.0.0.1:8080/a"), "127.0.0.1:8080");
    }
}
