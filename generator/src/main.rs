//! `puente`: the command-line entry point. Parses arguments, runs a command, prints diagnostics, and
//! turns the outcome into an exit code (0 fine, 1 problems in the site, 2 bad usage).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use puente::diagnostics::{Diagnostics, Severity};
use puente::pipeline::{Paths, Summary};
use puente::{calc, check, cli, clock, config, editing, external, init, overrides, pipeline, serve};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Build { site, out, base_url } => {
            if let Some(url) = base_url
                .as_deref()
                .filter(|u| !config::is_base_url(u.trim_end_matches('/')))
            {
                eprintln!(
                    "error: --base-url must be the site's address, like `https://puente.example.org`, not {url:?}"
                );
                return ExitCode::from(2);
            }
            let paths = paths(site, out);
            let sources: Vec<&std::path::Path> = [Some(&paths.content), Some(&paths.theme), paths.site.as_ref()]
                .into_iter()
                .flatten()
                .map(|p| p.as_path())
                .collect();
            // Refused before anything is read or written, so the message is true: nothing was changed.
            if let Some(why) =
                puente::output::overlap(&paths.out, &sources).or_else(|| puente::output::refusal(&paths.out))
            {
                eprintln!("error: {why}");
                return ExitCode::from(2);
            }
            let (summary, diagnostics) = pipeline::build(&paths, base_url.as_deref());
            finish(
                summary,
                diagnostics,
                "Built",
                "the build stopped; the previous output folder is untouched",
            )
        }
        cli::Command::Calc { file } => match calc::run(file.as_deref(), clock::today()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        cli::Command::Check {
            site,
            format,
            external,
            facts,
        } => {
            let paths = paths(site, PathBuf::from("public"));
            if facts {
                run_facts(&paths, &format)
            } else {
                run_check(&paths, &format, external)
            }
        }
        cli::Command::Serve { site, port, interface } => {
            let paths = paths(site, PathBuf::from("public"));
            match serve::run(&paths, &interface, port) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(2)
                }
            }
        }
        cli::Command::Overridden { site, files } => {
            let paths = paths(site, PathBuf::from("public"));
            match overrides::record(&paths, &files) {
                Ok(done) => {
                    for file in done {
                        println!("Recorded {file}");
                    }
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(2)
                }
            }
        }
        cli::Command::Init { dir, name } => {
            let name = name.unwrap_or_else(|| {
                dir.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            });
            let recorded = init::init(&dir, &name).inspect(|_| {
                // The folder replaces two files of the theme (a string each): record them as up to date.
                let paths = Paths {
                    root: PathBuf::from("."),
                    content: PathBuf::from("content"),
                    theme: PathBuf::from("themes/default"),
                    site: Some(dir.clone()),
                    out: PathBuf::from("public"),
                };
                // Outside the Puente folder there is nothing to compare with; `check --site` will say so.
                if let Err(message) =
                    overrides::record(&paths, &["theme/i18n/en.yaml".into(), "theme/i18n/es.yaml".into()])
                {
                    eprintln!(
                        "warning: {message}; run `puente init` from the Puente folder to record what it replaces"
                    );
                }
            });
            match recorded {
                Ok(written) => {
                    for file in written {
                        println!("Created {file}");
                    }
                    println!(
                        "Next: cargo run --release -- serve --site {}   (then read {}/README.md)",
                        dir.display(),
                        dir.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(2)
                }
            }
        }
        cli::Command::New {
            site,
            page,
            title,
            translate,
        } => {
            let langs = match site_langs(&site.content) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let langs: Vec<&str> = langs.0.iter().map(String::as_str).collect();
            match editing::new_page(
                &site.content,
                &langs,
                &page,
                title.as_deref(),
                translate.as_deref(),
                clock::today(),
            ) {
                Ok(created) => {
                    for file in created {
                        println!("Created {file}");
                    }
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(2)
                }
            }
        }
        cli::Command::Translated { site, page } => {
            let (langs, source) = match site_langs(&site.content) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let langs: Vec<&str> = langs.iter().map(String::as_str).collect();
            match editing::mark_translated(&site.content, &langs, &source, &page) {
                Ok(message) => {
                    println!("{message}");
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// The languages of the site (and its default language), from site.yaml.
fn site_langs(content: &std::path::Path) -> Result<(Vec<String>, String), ExitCode> {
    let file = content.join("site.yaml");
    match config::SiteConfig::load(&file, &file) {
        Ok(c) => Ok((
            c.codes().map(str::to_string).collect(),
            c.default_language.value.clone(),
        )),
        Err(found) => {
            for d in found {
                eprintln!("{d}");
            }
            Err(ExitCode::FAILURE)
        }
    }
}

/// `puente check --facts`: the registry as a table (or JSON), with the places that use each fact.
fn run_facts(paths: &Paths, format: &str) -> ExitCode {
    let outcome = pipeline::render_site(paths, None);
    let failed = outcome.diagnostics.has_errors();
    for d in outcome
        .diagnostics
        .sorted()
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        eprintln!("{d}");
    }
    let Some((config, site)) = &outcome.site else {
        return ExitCode::FAILURE;
    };
    let langs: Vec<&str> = config.codes().collect();
    let report = if format == "json" {
        site.facts.json(&outcome.fact_uses)
    } else {
        site.facts.table(&outcome.fact_uses, &langs)
    };
    let _ = writeln!(std::io::stdout().lock(), "{report}");
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_check(paths: &Paths, format: &str, external: bool) -> ExitCode {
    let outcome = pipeline::render_site(paths, None);
    let analysis = outcome
        .site
        .as_ref()
        .map(|(config, site)| check::analyze(config, site, clock::today()));
    let mut all = outcome.diagnostics.sorted();
    if let Some(a) = &analysis {
        all.extend(a.findings.iter().cloned());
    }
    if let Some((_, site)) = &outcome.site {
        all.extend(site.facts.findings(&outcome.fact_uses, clock::today()));
    }
    all.extend(overrides::check(paths));
    if let (true, Some(a), Some((config, _))) = (external, &analysis, &outcome.site) {
        let cache = paths.root.join(".puente-cache/external-links.json");
        let pace = std::time::Duration::from_millis(config.checks.external_pace_ms);
        all.extend(external::check(&a.external_links, &cache, clock::today(), pace));
    }
    let report = if format == "json" {
        check::json_report(&all, analysis.as_ref(), &outcome.pages_per_lang)
    } else {
        check::text_report(&all, analysis.as_ref(), &outcome.pages_per_lang)
    };
    // A closed pipe (`puente check | head`) is not an error worth a panic.
    let _ = writeln!(std::io::stdout().lock(), "{report}");
    if all.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn paths(site: cli::SiteArgs, out: PathBuf) -> Paths {
    Paths {
        root: PathBuf::from("."),
        content: site.content,
        theme: site.theme,
        site: site.site,
        out,
    }
}

fn finish(summary: Option<Summary>, diagnostics: Diagnostics, verb: &str, failure: &str) -> ExitCode {
    let errors = diagnostics.count(Severity::Error);
    let warnings = diagnostics.count(Severity::Warning);
    let mut err = std::io::stderr().lock();
    for d in diagnostics.sorted() {
        let _ = writeln!(err, "{d}");
    }
    match summary {
        Some(s) if errors == 0 => {
            let suffix = if warnings > 0 {
                format!(" with {warnings} warning{}", plural(warnings))
            } else {
                String::new()
            };
            let _ = writeln!(std::io::stdout().lock(), "{}{suffix}", s.line(verb));
            ExitCode::SUCCESS
        }
        _ => {
            let _ = writeln!(
                err,
                "error: {errors} error{} and {warnings} warning{}; {failure}",
                plural(errors),
                plural(warnings)
            );
            ExitCode::FAILURE
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
