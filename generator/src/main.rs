//! `puente`: the command-line entry point. Parses arguments, runs a command, prints diagnostics, and
//! turns the outcome into an exit code (0 fine, 1 problems in the site, 2 bad usage).

mod calc;
mod cli;
mod config;
mod content;
mod diagnostics;
mod i18n;
mod links;
mod markdown;
mod output;
mod pipeline;
mod render;
mod site;
mod theme;
mod widget_blocks;
mod widgets;
mod yaml;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use diagnostics::{Diagnostics, Severity};
use pipeline::{Paths, Summary};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Build { site, out, base_url } => {
            let paths = paths(site, out);
            if pipeline::is_inside(&paths.content, &paths.out) || pipeline::is_inside(&paths.theme, &paths.out) {
                eprintln!(
                    "error: the output folder {} holds the site's own sources; choose another --out",
                    paths.out.display()
                );
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
        cli::Command::Calc { file } => match calc::run(file.as_deref(), calc::today()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        cli::Command::Check { site } => {
            let paths = paths(site, PathBuf::from("public"));
            let (summary, diagnostics) = pipeline::check(&paths);
            finish(summary, diagnostics, "Checked", "the check found problems")
        }
    }
}

fn paths(site: cli::SiteArgs, out: PathBuf) -> Paths {
    Paths {
        root: PathBuf::from("."),
        content: site.content,
        theme: site.theme,
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
            println!("{}{suffix}", s.line(verb));
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
