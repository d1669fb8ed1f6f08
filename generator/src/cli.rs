//! The command line.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Puente builds the bilingual parole guide from Markdown.
#[derive(Debug, Parser)]
#[command(
    name = "puente",
    version = concat!(env!("CARGO_PKG_VERSION"), " ", env!("PUENTE_VERSION_NOTE")),
    about
)]
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
    /// Run every check of a build without writing anything, plus translations, review dates, reading
    /// level and page structure.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// `text` (grouped, for people) or `json` (for CI).
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
        /// Also ask every external address whether it still answers (needs a network; answers are cached
        /// for a week in .puente-cache/).
        #[arg(long)]
        external: bool,
        /// Print the facts registry instead: each fact's words, status, dates, sources and the pages that
        /// use it.
        #[arg(long)]
        facts: bool,
    },
    /// Build, serve both languages at http://127.0.0.1:1111/ and reload open pages after every edit.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The interface to listen on (loopback by default, so only this computer can see the site).
        #[arg(long, default_value = "127.0.0.1")]
        interface: String,
    },
    /// Create a new page as a draft, e.g. `puente new en/parole/new-topic.md --translate es`.
    New {
        #[command(flatten)]
        site: SiteArgs,
        /// The page, as `<language>/<path>.md` under the content folder.
        page: String,
        /// The page's title (default: from the file name).
        #[arg(long)]
        title: Option<String>,
        /// Also create its translation stub in this language, marked as needing translation.
        #[arg(long)]
        translate: Option<String>,
    },
    /// Create an organisation's site folder, to build with `--site DIR`: its settings, an example of
    /// changing interface strings, and a README.
    Init {
        /// The folder to create.
        dir: PathBuf,
        /// The organisation's name (default: the folder's name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Record that files of an organisation's folder are up to date with the Puente files they replace,
    /// e.g. `puente overridden --site clinic content/en/help/about.md` (`check --site` lists the others).
    Overridden {
        #[command(flatten)]
        site: SiteArgs,
        /// The files, as paths inside the organisation's folder.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Record that a translation is up to date with its source page, e.g. `puente translated es/parole/x.md`.
    Translated {
        #[command(flatten)]
        site: SiteArgs,
        /// The translated page, as `<language>/<path>.md`.
        page: String,
    },
}

/// Where the site's inputs are.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The content folder: site.yaml and one folder per language [default: ./content when it exists,
    /// else the guide built into puente].
    #[arg(long)]
    pub content: Option<PathBuf>,
    /// The theme folder: templates/, static/ and i18n/ [default: ./themes/default when it exists, else the
    /// theme built into puente].
    #[arg(long)]
    pub theme: Option<PathBuf>,
    /// An organisation's site folder (made by `puente init`): its site.yaml, and pages under content/
    /// and theme files under theme/ that replace the built-in ones of the same path.
    #[arg(long)]
    pub site: Option<PathBuf>,
}
