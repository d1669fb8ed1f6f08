//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Puente builds the bilingual parole guide from Markdown.
#[derive(Debug, Parser)]
#[command(name = "puente", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site.
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Publish address to use instead of `base_url` in site.yaml (e.g. a preview deploy's address).
        #[arg(long)]
        base_url: Option<String>,
    },
    /// The unlawful-presence calculator: reads JSON (a file, or standard input), prints JSON.
    /// The schema is in docs/calculator.md.
    Calc {
        /// The input file; standard input when absent or `-`.
        file: Option<PathBuf>,
    },
    /// Run every check of a build without writing anything.
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
}

/// Where the site's inputs are.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The content folder: site.yaml and one folder per language.
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    /// The theme folder: templates/, static/ and i18n/.
    #[arg(long, default_value = "themes/default")]
    pub theme: PathBuf,
}
