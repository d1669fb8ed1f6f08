//! Whole-site tests: the fixture sites under `tests/sites/` built by the real `puente` binary.

mod common;

use common::{all_files, copy_dir, repo, walk};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `puente` in the repository root (so paths in messages are relative to it).
fn puente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_puente"))
        .args(args)
        .current_dir(repo())
        .output()
        .unwrap()
}

fn build(content: &str, out: &Path) -> Output {
    puente(&["build", "--content", content, "--out", out.to_str().unwrap()])
}

/// Builds an organisation's site folder (`--site`) over the built-in site.
fn build_site(site: &Path, out: &Path) -> Output {
    puente(&[
        "build",
        "--site",
        site.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

fn read(out: &Path, file: &str) -> String {
    fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Every root-relative `href`/`src` in every HTML file points at a file of the build (and every
/// `#anchor` at an id of that page).
fn assert_internal_links_resolve(out: &Path) {
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in walk(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = fs::read_to_string(&file).unwrap();
        for attr in ["href=", "src="] {
            for part in html.split(attr).skip(1) {
                let value = part.trim_start_matches('"');
                let end = value
                    .find(|c: char| c == '"' || c == '>' || (c == ' ' && !part.starts_with('"')))
                    .unwrap_or(value.len());
                let link = &value[..end];
                if !link.starts_with('/') || link.starts_with("//") {
                    continue;
                }
                checked += 1;
                let (path, anchor) = link.split_once('#').map_or((link, None), |(p, a)| (p, Some(a)));
                let target = if path.ends_with('/') {
                    out.join(&path[1..]).join("index.html")
                } else {
                    out.join(&path[1..])
                };
                if !target.is_file() {
                    broken.push(format!("{}: {link}", file.display()));
                } else if let Some(anchor) = anchor {
                    let text = fs::read_to_string(&target).unwrap();
                    if !text.contains(&format!("id={anchor}>"))
                        && !text.contains(&format!("id=\"{anchor}\""))
                        && !text.contains(&format!("id={anchor} "))
                    {
                        broken.push(format!("{}: {link} (no such id)", file.display()));
                    }
                }
            }
        }
    }
    assert!(checked > 0, "no internal links found");
    assert!(broken.is_empty(), "broken internal links:\n{}", broken.join("\n"));
}

#[test]
fn valid_site_builds_both_languages_with_alternates() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let result = build("tests/sites/valid/content", &out);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert_eq!(
        String::from_utf8_lossy(&result.stdout).split(" in ").next(),
        Some("Built 11 pages (6 en, 5 es)")
    );

    let en = read(&out, "en/parole/humanitarian/index.html");
    assert!(en.contains("<html dir=ltr lang=en>"), "{en}");
    assert!(en.contains("<link href=https://example.org/es/permiso/permiso-humanitario/ hreflang=es rel=alternate>"));
    assert!(en.contains("<link href=https://example.org/en/parole/humanitarian/ hreflang=x-default rel=alternate>"));
    assert!(en.contains("<a href=/es/permiso/permiso-humanitario/ hreflang=es lang=es>Español</a>"));
    assert!(en.contains("<time datetime=2026-11-23>November 23, 2026</time>"));
    assert!(en.contains("<div class=\"callout callout-warning\" role=note><p class=callout-title>Warning</p>"));
    assert!(
        en.contains("<a href=/en/parole/#who-decides-2>what parole is</a>"),
        "links to a repeated heading's anchor"
    );
    assert!(
        en.contains("<a aria-current=true href=/en/parole/>Parole</a>"),
        "the nav uses nav_title and marks the section"
    );

    let es = read(&out, "es/permiso/index.html");
    assert!(es.contains("<h2 id=quien-decide>¿Quién decide?</h2>"), "{es}");
    assert!(es.contains("<time datetime=2026-11-23>23 de noviembre de 2026</time>"));
    assert!(es.contains("<a href=/es/permiso/permiso-humanitario/#quien-puede-pedirlo>parole humanitario</a>"));
}

#[test]
fn facts_change_notes_and_feeds_reach_readers_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let result = build("tests/sites/valid/content", &out);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));

    // A fact's words in the page's language; a reported one says so in that language.
    let en = read(&out, "en/parole/humanitarian/index.html");
    assert!(
        en.contains("The form costs $630. A court ruled on January 24, 2026 (reported, not confirmed)."),
        "{en}"
    );
    let es = read(&out, "es/permiso/permiso-humanitario/index.html");
    assert!(
        es.contains(
            "El formulario cuesta $630. Un tribunal decidió el 24 de enero de 2026 (según informes, sin confirmar)."
        ),
        "{es}"
    );
    assert!(!en.contains("{{") && !es.contains("{{"));

    // The newest change note under the title, older ones folded.
    assert!(
        en.contains("<strong>Updated <time datetime=2026-11-23>November 23, 2026</time>:</strong> The form fee is now shown from the facts registry."),
        "{en}"
    );
    assert!(en.contains("<summary>Earlier changes to this page</summary>"));
    assert!(en.contains("<time datetime=2026-01-25>January 25, 2026</time>: A court blocked the end of a program."));
    assert!(es.contains("<strong>Actualizado el <time datetime=2026-11-23>23 de noviembre de 2026</time>:</strong> La tarifa del formulario viene ahora del registro de datos."), "{es}");

    // Every page names its language's feed; each feed is Atom with that language's notes, newest first.
    assert!(
        en.contains(
            "<link title=\"Fixture guide: what changed\" href=/en/changes.xml rel=alternate type=application/atom+xml>"
        ),
        "{en}"
    );
    for (lang, titles) in [
        (
            "en",
            vec![
                "Humanitarian parole: The form fee is now shown from the facts registry.",
                "Humanitarian parole: A court blocked the end of a program.",
            ],
        ),
        (
            "es",
            vec!["Parole humanitario: La tarifa del formulario viene ahora del registro de datos."],
        ),
    ] {
        let xml = read(&out, &format!("{lang}/changes.xml"));
        let feed: atom_syndication::Feed = xml.parse().unwrap_or_else(|e| panic!("{lang} feed: {e}\n{xml}"));
        assert_eq!(feed.lang(), Some(lang));
        let got: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
        assert_eq!(got, titles);
        assert_eq!(feed.updated().to_rfc3339(), "2026-11-23T00:00:00+00:00");
        assert!(feed.entries()[0].links()[0]
            .href()
            .starts_with(&format!("https://example.org/{lang}/")));
    }
}

#[test]
fn a_page_without_translation_switches_to_the_nearest_section_and_warns() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let result = build("tests/sites/valid/content", &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains(
            "warning: this page has no `es` translation (tests/sites/valid/content/es/parole/only-english.md)"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("the language switcher leads to /es/permiso/"));
    let page = read(&out, "en/parole/only-english/index.html");
    assert!(page.contains("<a href=/es/permiso/ hreflang=es lang=es>Español</a> <span class=fallback-note>(not translated yet)</span>"), "{page}");
    assert!(
        !page.contains("hreflang=es rel=alternate"),
        "no alternate for a translation that does not exist"
    );
}

#[test]
fn site_files_sitemap_root_404_and_aliases_are_written() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    assert!(build("tests/sites/valid/content", &out).status.success());
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/en/parole/humanitarian/</loc>"));
    assert!(sitemap.contains(
        "<xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"https://example.org/es/permiso/permiso-humanitario/\"/>"
    ));
    assert!(!sitemap.contains("draft"), "drafts are not published");
    assert!(read(&out, "robots.txt").contains("Sitemap: https://example.org/sitemap.xml"));
    let root = read(&out, "index.html");
    assert!(
        root.contains("<a href=/en/ hreflang=en>")
            && root.contains("<a href=/es/ hreflang=es>")
            && !root.contains("<script")
    );
    assert!(read(&out, "es/404.html").contains("No encontramos esta página"));
    assert!(read(&out, "en/404.html").contains("Page not found"));
    assert!(read(&out, "en/old-humanitarian/index.html").contains("url=/en/parole/humanitarian/"));
    assert!(!out.join("en/help/draft/index.html").exists());
    // The hosting rules: language redirect from `/`, the alias as a real 301, a 404 page per language.
    assert_eq!(
        read(&out, "_redirects"),
        "# Written by `puente build`. Read by Netlify and Cloudflare Pages; see docs/deploy.md.\n\
         /  /es/  302!  Language=es\n\
         /  /en/  302!\n\
         /en/old-humanitarian/  /en/parole/humanitarian/  301!\n\
         /es/*  /es/404.html  404\n\
         /*  /en/404.html  404\n"
    );
    let headers = read(&out, "_headers");
    assert!(headers.starts_with("# Written by `puente build`"));
    assert!(headers.contains(
        "/*\n  Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';"
    ));
    assert!(headers.contains("/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n"));
    assert!(headers.contains("/es/*\n  Cache-Control: public, max-age=300, must-revalidate\n"));
    let assets: Vec<String> = all_files(&out)
        .into_keys()
        .filter(|k| k.starts_with("assets/"))
        .collect();
    assert!(
        assets.iter().any(|a| a.starts_with("assets/site.")
            && a.ends_with(".css")
            && a.len() == "assets/site.0123456789.css".len()),
        "{assets:?}"
    );
    assert_internal_links_resolve(&out);
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert!(build("content", &a).status.success());
    assert!(build("content", &b).status.success());
    let (fa, fb) = (all_files(&a), all_files(&b));
    assert!(fa.len() > 50);
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(bytes == &fb[name], "{name} differs between two builds");
    }
}

#[test]
fn the_real_site_builds_without_warnings_and_every_link_resolves() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let result = build("content", &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert!(stderr.is_empty(), "the real site has warnings:\n{stderr}");
    for lang in ["en", "es"] {
        let home = read(&out, &format!("{lang}/index.html"));
        assert!(
            home.contains("hreflang=x-default"),
            "{lang} home has hreflang alternates"
        );
    }
    assert_internal_links_resolve(&out);
}

#[test]
fn the_real_site_states_the_december_2026_corrections_and_its_feeds_list_them() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    assert!(build("content", &out).status.success());

    // The registry: at least 40 facts, each used somewhere.
    let listed = puente(&["check", "--facts", "--format", "json"]);
    let registry: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let facts = registry["facts"].as_array().unwrap();
    assert!(facts.len() >= 40, "{} facts", facts.len());
    for fact in facts {
        assert!(
            !fact["used"].as_array().unwrap().is_empty(),
            "{} is used nowhere",
            fact["id"]
        );
    }

    // Family reunification parole: terminated, then blocked by a court; never "ended" as a settled fact.
    let text = |file: &str| {
        let html = read(&out, file);
        let mut plain = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        plain.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let en = text("en/programs/family-reunification/index.html");
    assert!(en.contains("DHS ended all of these programs on December 15, 2025 and said parole under them would end on January 14, 2026. A federal court then blocked those terminations while the case goes on."), "{en}");
    assert!(en.contains("January 24, 2026 (reported, not confirmed)"), "{en}");
    assert!(en.contains("Updated December 2, 2026:"), "{en}");
    let es = text("es/programas/reunificacion-familiar/index.html");
    assert!(es.contains("bloquea las terminaciones mientras sigue el caso"), "{es}");
    assert!(
        es.contains("24 de enero de 2026 (según informes, sin confirmar)"),
        "{es}"
    );
    assert!(es.contains("Actualizado el 2 de diciembre de 2026:"), "{es}");

    // Each language's feed is Atom and carries this correction, linked to the page in that language.
    for (lang, page, words) in [
        (
            "en",
            "/en/programs/family-reunification/",
            "family reunification parole",
        ),
        ("es", "/es/programas/reunificacion-familiar/", "reunificación familiar"),
    ] {
        let feed: atom_syndication::Feed = read(&out, &format!("{lang}/changes.xml")).parse().unwrap();
        assert_eq!(feed.lang(), Some(lang));
        assert!(feed.entries().len() >= 20, "{lang}: {} entries", feed.entries().len());
        let entry = feed
            .entries()
            .iter()
            .find(|e| e.links()[0].href().ends_with(page))
            .unwrap_or_else(|| panic!("{lang}: no entry for {page}"));
        assert_eq!(entry.updated().to_rfc3339(), "2026-12-02T00:00:00+00:00");
        assert!(
            entry.title().as_str().to_lowercase().contains(words),
            "{}",
            entry.title().as_str()
        );
    }
    // The "what changed" page lists the same notes, newest first.
    assert!(read(&out, "en/help/whats-changed/index.html")
        .contains("<h3 id=changes-2026-12-02><time datetime=2026-12-02>December 2, 2026</time></h3>"));
    let changes = text("en/help/whats-changed/index.html");
    assert!(changes.contains("Family reunification parole (CFRP and FRP): A federal court blocked the end of family reunification parole"), "{changes}");
}

#[test]
fn no_input_writes_its_own_rules_into_the_host_files() {
    // A --base-url with a line break is refused before anything is read or written.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let refused = puente(&[
        "build",
        "--content",
        "tests/sites/valid/content",
        "--out",
        out.to_str().unwrap(),
        "--base-url",
        "https://example.org\n/*  https://evil.example/  301!",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--base-url must be the site's address"));
    assert!(!out.exists());
    // Every rule the real site writes is one line of plain addresses of this site.
    assert!(build("content", &out).status.success());
    let redirects = read(&out, "_redirects");
    for line in redirects.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert!((3..=4).contains(&fields.len()), "{line}");
        assert!(fields[0].starts_with('/') && !fields[0].starts_with("//"), "{line}");
        assert!(fields[1].starts_with('/') && !fields[1].starts_with("//"), "{line}");
    }
}

#[test]
fn a_build_never_deletes_or_moves_what_puente_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let refused = |out: &Path, expected: &str| {
        let result = build("tests/sites/valid/content", out);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert!(
            !stderr.contains("untouched"),
            "no message about an output folder that was never one: {stderr}"
        );
    };
    // Someone's site folder that happens to have a sitemap.
    let docs = tmp.path().join("docs");
    fs::create_dir_all(docs.join("blog")).unwrap();
    for (file, text) in [
        ("sitemap.xml", "<urlset/>"),
        ("CNAME", "example.org"),
        ("blog/post.html", "<p>mine"),
    ] {
        fs::write(docs.join(file), text).unwrap();
    }
    refused(&docs, "holds 3 files: CNAME, blog/post.html, sitemap.xml");
    assert_eq!(fs::read_to_string(docs.join("blog/post.html")).unwrap(), "<p>mine");
    // A file given as the folder.
    let notes = tmp.path().join("notes.txt");
    fs::write(&notes, "mine").unwrap();
    refused(
        &notes,
        "is a file, not a folder; choose a folder for --out (nothing was changed)",
    );
    assert_eq!(fs::read_to_string(&notes).unwrap(), "mine");
    // An output folder inside the sources would copy itself into each build.
    refused(
        &repo().join("tests/sites/valid/content/public"),
        "is inside the site's sources",
    );
    assert!(!repo().join("tests/sites/valid/content/public").exists());
    // A file added to a build after it was written stops the next build, and is kept.
    let out = tmp.path().join("public");
    assert!(build("tests/sites/valid/content", &out).status.success());
    fs::write(out.join("CNAME"), "guide.example.org").unwrap();
    refused(&out, "holds a file that Puente did not write: CNAME");
    assert_eq!(fs::read_to_string(out.join("CNAME")).unwrap(), "guide.example.org");
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 3, "nothing moved aside: {names:?}");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    assert!(build("tests/sites/valid/content", &out).status.success());
    let before = all_files(&out);

    let broken = tmp.path().join("broken");
    copy_dir(&repo().join("tests/sites/valid/content"), &broken);
    fs::write(broken.join("en/parole/humanitarian.md"), "---\ntitle: [unclosed\n---\n").unwrap();
    let result = build(broken.to_str().unwrap(), &out);
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("en/parole/humanitarian.md:2:"), "{stderr}");
    assert!(stderr.contains("the previous output folder is untouched"));
    assert_eq!(all_files(&out), before, "public/ changed after a failed build");
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        leftovers.iter().all(|n| !n.starts_with('.')),
        "temporary folders left behind: {leftovers:?}"
    );
}

/// Each folder under `tests/sites/invalid/` holds files that break a copy of the valid site, and
/// `expected.txt`: exactly what `puente build` must print on stderr. Set `PUENTE_BLESS=1` to rewrite the
/// expectations after a deliberate change (then read the diff).
///
/// Optional files of a case: `remove.txt` (files of the valid site to delete), `grow.txt` (lines
/// `PATH BYTES`: text appended to that file until it has that size, for files too big to commit),
/// `append.txt` (lines `PATH COUNT TEXT`: TEXT, where `\n` is a line break, appended COUNT times, for
/// pages too deep or repetitive to commit), `symlinks.txt` (lines `LINK TARGET`, made at test time so the repository holds no link loop), and
/// `exit-code.txt` (when the mistake is only warned about, `0`; otherwise the build must fail with 1).
#[test]
fn invalid_sites_fail_with_their_exact_diagnostics() {
    let cases = repo().join("tests/sites/invalid");
    let bless = std::env::var_os("PUENTE_BLESS").is_some();
    let mut failures = Vec::new();
    let mut count = 0;
    for case in fs::read_dir(&cases)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect::<std::collections::BTreeSet<_>>()
    {
        count += 1;
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join(&name);
        copy_dir(&repo().join("tests/sites/valid/content"), &site);
        if case.join("content").is_dir() {
            copy_dir(&case.join("content"), &site);
        }
        for removed in fs::read_to_string(case.join("remove.txt")).unwrap_or_default().lines() {
            fs::remove_file(site.join(removed)).unwrap();
        }
        for line in fs::read_to_string(case.join("grow.txt")).unwrap_or_default().lines() {
            let (path, size) = line.split_once(' ').unwrap();
            let mut text = fs::read_to_string(site.join(path)).unwrap();
            let size: usize = size.parse().unwrap();
            while text.len() < size {
                text.push_str("Parole is permission to be in the United States for a time.\n");
            }
            fs::write(site.join(path), text).unwrap();
        }
        for line in fs::read_to_string(case.join("append.txt")).unwrap_or_default().lines() {
            let mut parts = line.splitn(3, ' ');
            let (path, count, text) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
            let mut page = fs::read_to_string(site.join(path)).unwrap();
            page.push_str(&text.replace("\\n", "\n").repeat(count.parse().unwrap()));
            fs::write(site.join(path), page).unwrap();
        }
        for line in fs::read_to_string(case.join("symlinks.txt"))
            .unwrap_or_default()
            .lines()
        {
            let (link, target) = line.split_once(' ').unwrap();
            fs::create_dir_all(site.join(link).parent().unwrap()).unwrap();
            std::os::unix::fs::symlink(target, site.join(link)).unwrap();
        }
        let expected_code = fs::read_to_string(case.join("exit-code.txt")).map_or(1, |c| c.trim().parse().unwrap());
        let out = tmp.path().join("public");
        let result = Command::new(env!("CARGO_BIN_EXE_puente"))
            .args([
                "build",
                "--content",
                &name,
                "--theme",
                repo().join("themes/default").to_str().unwrap(),
                "--out",
                "public",
            ])
            .current_dir(tmp.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
        if result.status.code() != Some(expected_code) {
            failures.push(format!(
                "{name}: expected exit code {expected_code}, got {:?}",
                result.status.code()
            ));
        }
        if expected_code != 0 && out.exists() {
            failures.push(format!("{name}: a failed build wrote output"));
        }
        let expected_file = case.join("expected.txt");
        if bless {
            fs::write(&expected_file, &stderr).unwrap();
        } else {
            let expected = fs::read_to_string(&expected_file).unwrap_or_default();
            if stderr != expected {
                failures.push(format!(
                    "{name}: stderr differs.\n--- expected\n{expected}\n--- actual\n{stderr}"
                ));
            }
        }
    }
    assert!(count >= 10, "only {count} invalid cases");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_guide_is_a_page_per_step_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let result = build("tests/sites/guide/content", &out);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));

    let start = read(&out, "en/guide/index.html");
    assert!(
        start.contains("<h2 id=guide-question-where>Where are you now?</h2>"),
        "{start}"
    );
    assert!(start.contains("<a class=guide-answer href=/en/guide/abroad/>Outside the United States</a>"));

    // The same answer leads to different outcomes depending on an earlier answer.
    let abroad = read(&out, "en/guide/abroad/no/index.html");
    assert!(abroad.contains("<h1>Humanitarian parole may fit</h1>"), "{abroad}");
    assert!(abroad.contains("<li>Form I-131</li>"));
    assert!(abroad.contains(
        "<a href=/en/guide/abroad/>Change<span class=visually-hidden>: Do you have a removal order?</span></a>"
    ));
    assert!(read(&out, "en/guide/inside/no/index.html").contains("<h1>Advance parole may fit</h1>"));
    let order = read(&out, "es/guia/inside/yes/index.html");
    assert!(
        order.contains("<h1>Busque ayuda legal ahora</h1>") && order.contains("Salir puede contar como deportación."),
        "{order}"
    );

    // The first step carries the interactive guide: its data per language, read by the same engine.
    assert!(
        start.contains("<p class=guide-progress>Question 1 of at most 2</p>"),
        "{start}"
    );
    for (lang, page) in [("en", &start), ("es", &read(&out, "es/guia/index.html"))] {
        let at = page
            .find("data-flow=/widgets/guide.")
            .expect("the first step names the guide's data");
        let url = page[at + "data-flow=".len()..].split([' ', '>']).next().unwrap();
        assert!(
            url.starts_with(&format!("/widgets/guide.{lang}.")) && url.ends_with(".json"),
            "{url}"
        );
        let bundle: puente_core::flow::Bundle = serde_json::from_str(&read(&out, &url[1..])).unwrap();
        assert_eq!(bundle.lang, lang);
        assert!(
            bundle.flow.questions["where"].text.keys().eq([lang]),
            "only this language's texts"
        );
        let view = bundle
            .view(&[("where".into(), "abroad".into()), ("order".into(), "no".into())])
            .unwrap();
        let puente_core::flow::StepView::Outcome { pages, .. } = view.step else {
            panic!("expected an outcome")
        };
        assert!(
            pages.iter().all(|p| out.join(&p.url[1..]).join("index.html").is_file()),
            "{pages:?}"
        );
        assert!(page.contains("data-glue=/widgets/puente_widgets."), "{page}");
    }
    assert!(
        !abroad.contains("data-flow="),
        "later steps stay plain links: their heading is the step itself"
    );

    // The language switcher keeps the reader's place; search engines find every step.
    assert!(abroad.contains("<a href=/es/guia/abroad/no/ hreflang=es lang=es>Español</a>"));
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/es/guia/inside/yes/</loc>"));
    assert_internal_links_resolve(&out);
}

#[test]
fn a_branded_copy_shows_the_organisation_in_both_languages() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("clinic");
    copy_dir(&repo().join("tests/sites/valid/content"), &site);
    copy_dir(&repo().join("tests/sites/branded/content"), &site);
    let out = tmp.path().join("public");
    let result = build(site.to_str().unwrap(), &out);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let en = read(&out, "en/index.html");
    let es = read(&out, "es/index.html");
    // The colours, in a stylesheet of their own (the CSP allows no inline style), light mode only.
    let css_at = en.find("href=/assets/brand.").expect("the brand stylesheet is linked") + "href=".len();
    let css = read(&out, en[css_at + 1..].split([' ', '>']).next().unwrap());
    assert!(
        css.contains("--brand-bg:#3b1f5c") && css.contains("--link:#0b5e3b"),
        "{css}"
    );
    assert!(
        css.starts_with("@media not all and (prefers-color-scheme:dark)"),
        "{css}"
    );
    // The logo, copied with a hashed name; decorative next to the site's name.
    let logo_at = en.find("src=/assets/logo.").expect("the logo is shown") + "src=".len();
    let logo = en[logo_at + 1..].split([' ', '>']).next().unwrap();
    assert!(logo.ends_with(".svg") && out.join(logo).is_file(), "{logo}");
    assert!(
        en.contains(&format!("<img alt class=brand-logo height=40 src=/{logo} width=40>")),
        "the logo is decorative (empty alt): the site's name follows it"
    );
    // Banner, contact details and intake link, in each language.
    assert!(en.contains("Policy alert: read what changed in 2026 before you travel."));
    assert!(es.contains("Alerta: lea qué cambió en 2026 antes de viajar."));
    assert!(en.contains("Monday to Thursday, 9 a.m. to 5 p.m.") && es.contains("De lunes a jueves"));
    assert!(
        en.contains("href=https://clinic.example.org/appointments>Ask for an appointment</a>"),
        "{en}"
    );
    assert!(es.contains("href=https://clinic.example.org/appointments>Pida una cita</a>"));
    assert!(en.contains("href=mailto:intake@clinic.example.org"));
    // Providers on the legal-help page only.
    let help_en = read(&out, "en/help/legal-help/index.html");
    let help_es = read(&out, "es/ayuda/ayuda-legal/index.html");
    assert!(help_en.contains("Legal help listed by Example Legal Clinic"));
    assert!(help_en.contains("Free consultations; parole and asylum cases."));
    assert!(help_es.contains("Ayuda legal recomendada por Example Legal Clinic"));
    assert!(help_es.contains("Consultas gratis; casos de parole y asilo."));
    assert!(!en.contains("Springfield Immigrant Rights Project"));
    assert_internal_links_resolve(&out);
}

#[test]
fn a_site_folder_replaces_pages_templates_strings_and_colours_of_the_built_in_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let result = puente(&[
        "build",
        "--site",
        "tests/sites/nonprofit",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    // A page replaced in both languages, at the built-in page's address.
    assert!(read(&out, "en/help/about/index.html").contains("<h1>About this copy of the guide</h1>"));
    assert!(read(&out, "es/ayuda/acerca-de/index.html").contains("<h1>Acerca de esta copia de la guía</h1>"));
    // Every other page is Puente's.
    assert!(read(&out, "en/parole/humanitarian/index.html").contains("Riverside Immigration Clinic"));
    // A string replaced, on every page; the other strings are the theme's.
    let page = read(&out, "es/parole/index.html");
    assert!(page.contains("Hable con la clínica Riverside o con otra persona de confianza"));
    assert!(page.contains("Ir al contenido principal"));
    // A template replaced.
    assert!(read(&out, "en/404.html").contains("if you were looking for a clinic page, write to us."));
    assert!(read(&out, "es/404.html").contains("si busca una página de la clínica, escríbanos."));
    // The colours.
    let home = read(&out, "en/index.html");
    let css_at = home.find("href=/assets/brand.").unwrap() + "href=/".len();
    let css = read(&out, home[css_at..].split([' ', '>']).next().unwrap());
    assert!(css.contains("--brand-bg:#5c1f2e"), "{css}");
    assert_internal_links_resolve(&out);
}

#[test]
fn a_site_folder_may_only_replace_strings_the_theme_has() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("clinic");
    copy_dir(&repo().join("tests/sites/nonprofit"), &site);
    fs::write(site.join("theme/i18n/en.yaml"), "help_titel: Talk to us\n").unwrap();
    let out = tmp.path().join("public");
    let result = build_site(&site, &out);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("error: `help_titel` is not an interface string of the theme"),
        "{stderr}"
    );
    assert!(stderr.contains("en.yaml:1:1"), "placed at the key: {stderr}");
    assert!(stderr.contains("did you mean `help_title`?"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn a_site_folder_publishes_and_reads_nothing_outside_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let secret = tmp.path().join("secret");
    fs::create_dir_all(secret.join("static")).unwrap();
    fs::write(secret.join("static/passwords.txt"), "hunter2").unwrap();
    fs::write(secret.join("token"), "s3cret-token: 1").unwrap();
    let refused = |site: &Path| {
        let out = tmp.path().join("public");
        let result = build_site(site, &out);
        assert_eq!(result.status.code(), Some(1));
        assert!(!out.exists());
        let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
        assert!(
            !stderr.contains("hunter2") && !stderr.contains("s3cret-token"),
            "{stderr}"
        );
        stderr
    };
    // Files that link out: a static file, a template, the interface strings.
    let site = tmp.path().join("clinic");
    copy_dir(&repo().join("tests/sites/nonprofit"), &site);
    fs::create_dir_all(site.join("theme/static")).unwrap();
    std::os::unix::fs::symlink(
        secret.join("static/passwords.txt"),
        site.join("theme/static/passwords.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(secret.join("token"), site.join("theme/templates/footer.html")).unwrap();
    fs::remove_file(site.join("theme/i18n/es.yaml")).unwrap();
    std::os::unix::fs::symlink(secret.join("token"), site.join("theme/i18n/es.yaml")).unwrap();
    let stderr = refused(&site);
    for file in [
        "theme/static/passwords.txt",
        "theme/templates/footer.html",
        "theme/i18n/es.yaml",
    ] {
        assert!(
            stderr.contains(&format!("{file}\n")) && stderr.contains("outside"),
            "{file}: {stderr}"
        );
    }
    assert_eq!(
        stderr.matches("Puente only reads files inside the folder").count(),
        3,
        "{stderr}"
    );
    // A whole layer folder that links out.
    let site = tmp.path().join("clinic2");
    copy_dir(&repo().join("tests/sites/nonprofit"), &site);
    fs::remove_dir_all(site.join("theme")).unwrap();
    std::os::unix::fs::symlink(&secret, site.join("theme")).unwrap();
    let stderr = refused(&site);
    assert!(
        stderr.contains("clinic2/theme\n")
            && stderr.contains("this folder is a link to")
            && stderr.contains("outside the site folder"),
        "{stderr}"
    );
}

#[test]
fn init_makes_a_site_folder_that_builds_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("clinica");
    let made = puente(&["init", site.to_str().unwrap(), "--name", "Clínica \"Esperanza\""]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    for file in ["site.yaml", "README.md", "theme/i18n/en.yaml", "theme/i18n/es.yaml"] {
        assert!(site.join(file).is_file(), "{file}");
    }
    let out = tmp.path().join("public");
    let built = build_site(&site, &out);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    assert!(
        String::from_utf8_lossy(&built.stderr).is_empty(),
        "no warnings: {}",
        String::from_utf8_lossy(&built.stderr)
    );
    let home = read(&out, "es/index.html");
    assert!(
        home.contains("Esta copia la publica Clínica &quot;Esperanza&quot;")
            || home.contains("Esta copia la publica Clínica \"Esperanza\""),
        "{home}"
    );
    // What it replaces of the theme is recorded as up to date.
    let checked = puente(&["check", "--site", site.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&checked.stdout);
    assert!(
        report.starts_with("Checked ") && !report.contains("Replaced files of Puente"),
        "{report}"
    );
    // Running it again over the same folder is refused, so nothing is overwritten.
    let again = puente(&["init", site.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn check_says_when_a_replaced_puente_file_has_changed_since() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("theme");
    copy_dir(&repo().join("themes/default"), &theme);
    let site = tmp.path().join("clinic");
    copy_dir(&repo().join("tests/sites/nonprofit"), &site);
    let _ = fs::remove_file(site.join("overrides.yaml"));
    let content = tmp.path().join("content");
    copy_dir(&repo().join("content"), &content);
    let args = |cmd: &'static str| -> Vec<String> {
        vec![
            cmd.into(),
            "--content".into(),
            content.to_string_lossy().into(),
            "--theme".into(),
            theme.to_string_lossy().into(),
            "--site".into(),
            site.to_string_lossy().into(),
        ]
    };
    let run = |extra: &[&str], cmd: &'static str| {
        let mut all = args(cmd);
        all.extend(extra.iter().map(|s| s.to_string()));
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        puente(&refs)
    };
    let report = |out: Output| String::from_utf8_lossy(&out.stdout).into_owned();
    // Not recorded yet: each replaced file is listed.
    let first = report(run(&[], "check"));
    assert!(first.contains("== Replaced files of Puente: 5 warnings =="), "{first}");
    assert!(first.contains("this file replaces Puente's"), "{first}");
    // Recorded: nothing to say.
    let files = [
        "content/en/help/about.md",
        "content/es/help/about.md",
        "theme/i18n/en.yaml",
        "theme/i18n/es.yaml",
        "theme/templates/404.html",
    ];
    assert!(run(&files, "overridden").status.success());
    let recorded = report(run(&[], "check"));
    assert!(
        recorded.starts_with("Checked ") && !recorded.contains("Replaced files of Puente"),
        "{recorded}"
    );
    // Puente's template changes, and a string the folder does not replace changes: only the template is
    // reported.
    let template = theme.join("templates/404.html");
    fs::write(
        &template,
        fs::read_to_string(&template)
            .unwrap()
            .replace("<h1>", "<h1 class=changed>"),
    )
    .unwrap();
    let strings = theme.join("i18n/en.yaml");
    fs::write(
        &strings,
        fs::read_to_string(&strings)
            .unwrap()
            .replace("Page not found", "No such page"),
    )
    .unwrap();
    let later = report(run(&[], "check"));
    assert!(later.contains("== Replaced files of Puente: 1 warning =="), "{later}");
    assert!(
        later.contains("templates/404.html changed since this copy was made"),
        "{later}"
    );
    // Puente's page gets a change note after the copy was last reviewed: the warning says what changed.
    let about = content.join("en/help/about.md");
    let text = fs::read_to_string(&about).unwrap();
    let reviewed = text
        .lines()
        .find(|l| l.starts_with("last_reviewed:"))
        .unwrap()
        .to_string();
    let noted = text.replacen(&reviewed, "last_reviewed: 2099-01-02", 1).replacen(
        "\n---\n",
        "\nchanges:\n  - date: 2099-01-02\n    note: The parole fee went up.\n---\n",
        1,
    );
    fs::write(&about, noted).unwrap();
    let noted = report(run(&[], "check"));
    assert!(
        noted.contains(
            "help/about.md changed since this copy was made; its change notes since this copy was last reviewed (2026-11-25): 2099-01-02: The parole fee went up."
        ),
        "{noted}"
    );
}

/// `puente build` in this repository needs no Rust toolchain: with `CARGO=/bin/false` and an empty PATH
/// it builds the site, widgets included; in an empty folder it builds the guide it carries.
#[test]
fn the_build_runs_no_cargo_and_matches_the_built_in_guide() {
    let tmp = tempfile::tempdir().unwrap();
    let here = tmp.path().join("here");
    let result = Command::new(env!("CARGO_BIN_EXE_puente"))
        .args(["build", "--out"])
        .arg(&here)
        .current_dir(repo())
        .env("CARGO", "/bin/false")
        .env("PATH", "")
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert!(fs::read_dir(here.join("widgets")).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".wasm")));
    // In an empty folder, the guide built into the binary.
    let empty = tmp.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    let result = Command::new(env!("CARGO_BIN_EXE_puente"))
        .args(["build"])
        .current_dir(&empty)
        .env("PATH", "")
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert!(empty.join("public/es/index.html").is_file());
}
