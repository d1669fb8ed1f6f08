//! `puente`: the command-line entry point. Parses arguments, runs a command, prints diagnostics, and
//! turns the outcome into an exit code (0 fine, 1 problems in the site, 2 bad usage).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use puente::commands::{calc, check, editing, external, init, overrides, serve};
use puente::diagnostics::{Diagnostics, Severity};
use puente::load::tree::Tree;
use puente::load::{builtin, config};
use puente::paths::Paths;
use puente::pipeline::Summary;
use puente::{cli, clock, pipeline};

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
            // The folders read as a whole. An organisation's folder may hold the output folder (the
            // usual `puente build --site . --out public` of its own repository): only its `content/` and
            // `theme/` are, and the output folder is skipped when it is read.
            let mut sources: Vec<PathBuf> = [&paths.content, &paths.theme]
                .into_iter()
                .filter(|p| !builtin::is_builtin(p))
                .cloned()
                .collect();
            sources.extend(paths.site.iter().flat_map(|s| [s.join("content"), s.join("theme")]));
            let sources: Vec<&std::path::Path> = sources.iter().map(PathBuf::as_path).collect();
            // Refused before anything is read or written, so the message is true: nothing was changed.
            if let Some(why) = puente::write::output::overlap(&paths.out, &sources)
                .or_else(|| {
                    paths
                        .site
                        .as_ref()
                        .and_then(|s| puente::write::output::overlap_site(&paths.out, s))
                })
                .or_else(|| puente::write::output::refusal(&paths.out))
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
                let paths = paths(
                    cli::SiteArgs {
                        content: None,
                        theme: None,
                        site: Some(dir.clone()),
                    },
                    PathBuf::from("public"),
                );
                // Compared with the Puente files in use: ./content and ./themes/default, or the built-in ones.
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
                        "Next: puente serve --site {}   (then read {}/README.md)",
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
            let paths = paths(site, PathBuf::from("public"));
            let langs = match site_langs(&paths) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let langs: Vec<&str> = langs.0.iter().map(String::as_str).collect();
            match editing::new_page(
                &paths.content,
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
            let paths = paths(site, PathBuf::from("public"));
            let (langs, source) = match site_langs(&paths) {
                Ok(l) => l,
                Err(code) => return code,
            };
            let langs: Vec<&str> = langs.iter().map(String::as_str).collect();
            match editing::mark_translated(&paths.content, &langs, &source, &page) {
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

/// The languages of the site (and its default language), from site.yaml, for the commands that write
/// pages: these need a content folder on disk.
fn site_langs(paths: &Paths) -> Result<(Vec<String>, String), ExitCode> {
    if builtin::is_builtin(&paths.content) {
        eprintln!(
            "error: there is no `content` folder here to add pages to; run this in the folder that holds \
             `content/`, or name it with --content DIR"
        );
        return Err(ExitCode::from(2));
    }
    let tree = Tree::load(paths);
    let file = paths.content.join("site.yaml");
    match config::SiteConfig::load(&tree, &file, &file) {
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
    let tree = Tree::load(paths);
    let outcome = pipeline::render_tree(paths, &tree, None);
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
    all.extend(overrides::check(paths, &tree));
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

/// Where the inputs are: `--content` and `--theme` when given, else `./content` and `./themes/default`
/// when this folder has them (as the Puente repository does), else the guide built into `puente`. An
/// organisation's own `content/` (`puente build --site .` inside its folder) is its layer, not the base.
fn paths(site: cli::SiteArgs, out: PathBuf) -> Paths {
    let real = |p: &std::path::Path| p.canonicalize().ok();
    let own = |sub: &str| site.site.as_ref().and_then(|s| real(&s.join(sub)));
    let or_builtin = |given: Option<PathBuf>, local: &str, builtin: PathBuf| {
        given.unwrap_or_else(|| {
            let here = std::path::Path::new(local);
            let is_own =
                real(here).is_some_and(|r| Some(&r) == own("content").as_ref() || Some(&r) == own("theme").as_ref());
            if here.is_dir() && !is_own {
                PathBuf::from(local)
            } else {
                builtin
            }
        })
    };
    Paths {
        root: PathBuf::from("."),
        content: or_builtin(site.content, "content", builtin::content_root()),
        theme: or_builtin(site.theme, "themes/default", builtin::theme_root()),
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
