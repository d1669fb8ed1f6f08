//! The editors' commands: `check`'s report on a fixture site, `new` and `translated`, and `serve`
//! rebuilding, reloading and showing errors.

mod common;

use common::{copy_dir, repo, walk};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// 2026-11-26, so "days since last review" never changes.
const TODAY: &str = "1795651200";

fn puente(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_puente"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", TODAY)
        .output()
        .unwrap()
}

/// A copy of a fixture site with the default theme beside it, as `content/` and `themes/default/`.
fn site_copy(fixture: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("tests/sites").join(fixture).join("content"),
        &tmp.path().join("content"),
    );
    copy_dir(&repo().join("themes/default"), &tmp.path().join("themes/default"));
    tmp
}

#[test]
fn check_reports_translations_review_dates_reading_level_and_structure() {
    let result = puente(&repo(), &["check", "--content", "tests/sites/check/content"]);
    let stdout = String::from_utf8_lossy(&result.stdout).into_owned();
    let expected_file = repo().join("tests/sites/check/expected.txt");
    if std::env::var_os("PUENTE_BLESS").is_some() {
        fs::write(&expected_file, &stdout).unwrap();
    }
    assert_eq!(stdout, fs::read_to_string(expected_file).unwrap());
    assert!(result.status.success(), "warnings alone do not fail the check");
}

#[test]
fn check_speaks_json_for_ci() {
    let result = puente(
        &repo(),
        &["check", "--content", "tests/sites/check/content", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_slice(&result.stdout).unwrap();
    assert_eq!(report["errors"], 0);
    assert_eq!(report["pages"]["en"], 4);
    let groups: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["group"].as_str().unwrap())
        .collect();
    for group in ["translations", "freshness", "facts", "readability", "structure"] {
        assert!(groups.contains(&group), "{group} missing from {groups:?}");
    }
    assert_eq!(
        report["external_links"]["https://www.uscis.gov/forms"][0],
        "tests/sites/check/content/en/help/_index.md"
    );
}

#[test]
fn check_facts_prints_the_registry_with_the_pages_that_use_each_fact() {
    let result = puente(&repo(), &["check", "--facts", "--content", "tests/sites/check/content"]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let table = String::from_utf8_lossy(&result.stdout).into_owned();
    assert!(
        table.starts_with("3 facts in tests/sites/check/content/facts.yaml\n"),
        "{table}"
    );
    assert!(
        table.contains(
            "\nform-fee  [confirmed]  as of 2026-01-05  review by 2026-10-01\n  en: $630\n  es: $630\n  source: USCIS, Form I-131 <https://www.uscis.gov/i-131>\n  used: /en/, /es/\n"
        ),
        "{table}"
    );
    assert!(table.contains("\ncourt-ruling  [reported]  as of 2026-11-01  review by 2027-02-01\n  en: January 24, 2026\n  es: 24 de enero de 2026\n"), "{table}");
    assert!(table.contains("\nold-program  [confirmed]  as of 2026-11-01  review by 2027-06-01\n  en: $580\n  es: $580\n  source: Federal Register <https://www.federalregister.gov/>\n  used: nowhere\n"), "{table}");
    let json = puente(
        &repo(),
        &[
            "check",
            "--facts",
            "--format",
            "json",
            "--content",
            "tests/sites/check/content",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["facts"][1]["id"], "form-fee");
    assert_eq!(json["facts"][1]["used"], serde_json::json!(["/en/", "/es/"]));
}

#[test]
fn check_fails_on_build_errors() {
    let tmp = site_copy("valid");
    fs::write(
        tmp.path().join("content/en/parole/only-english.md"),
        "---\ntitle: x\n---\n",
    )
    .unwrap();
    let result = puente(tmp.path(), &["check"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stdout).contains("== Problems: 1 error"));
}

#[test]
fn new_creates_a_draft_and_its_translation_stub_that_check_counts() {
    let tmp = site_copy("valid");
    let result = puente(tmp.path(), &["new", "en/parole/new-topic.md", "--translate", "es"]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let page = fs::read_to_string(tmp.path().join("content/en/parole/new-topic.md")).unwrap();
    assert!(
        page.starts_with("---\ntitle: \"New topic\"\ndescription: \"\"\nlast_reviewed: 2026-11-26\n"),
        "{page}"
    );
    let stub = fs::read_to_string(tmp.path().join("content/es/parole/new-topic.md")).unwrap();
    assert!(stub.contains("needs_translation: true\ntranslated_from: "), "{stub}");
    assert!(
        puente(tmp.path(), &["build"]).status.success(),
        "a new draft does not break the build"
    );

    // Published, the stub is counted by check; once the source changes, the translation is stale.
    let publish = |text: &str| {
        text.replace("draft: true\n", "")
            .replace("description: \"\"", "description: New.")
            .replace(
                "sources: []",
                "sources:\n  - title: USCIS\n    url: https://www.uscis.gov/",
            )
    };
    fs::write(tmp.path().join("content/es/parole/new-topic.md"), publish(&stub)).unwrap();
    fs::write(
        tmp.path().join("content/en/parole/new-topic.md"),
        publish(&page) + "The source text, written later.\n",
    )
    .unwrap();
    let report = String::from_utf8_lossy(&puente(tmp.path(), &["check"]).stdout).into_owned();
    assert!(report.contains("== Problems: none =="), "{report}");
    assert!(report.contains("this page still needs to be translated"), "{report}");
    assert!(
        !report.contains("the translation is stale"),
        "an untranslated stub is reported once: {report}"
    );

    let marked = puente(tmp.path(), &["translated", "es/parole/new-topic.md"]);
    assert!(marked.status.success(), "{}", String::from_utf8_lossy(&marked.stderr));
    let report = String::from_utf8_lossy(&puente(tmp.path(), &["check"]).stdout).into_owned();
    assert!(!report.contains("needs to be translated"), "{report}");
    assert!(!report.contains("the translation is stale"), "{report}");

    // The source changes again: now the translation is stale.
    let source = tmp.path().join("content/en/parole/new-topic.md");
    fs::write(&source, fs::read_to_string(&source).unwrap() + "A new paragraph.\n").unwrap();
    let report = String::from_utf8_lossy(&puente(tmp.path(), &["check"]).stdout).into_owned();
    assert!(
        report.contains("the translation is stale: content/en/parole/new-topic.md changed"),
        "{report}"
    );
}

#[test]
fn new_refuses_paths_outside_the_languages() {
    let tmp = site_copy("valid");
    let result = puente(tmp.path(), &["new", "fr/x.md"]);
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains("`fr` is not a language of this site"));
}

/// A running `puente serve` on a free port, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_serve(dir: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_puente"))
        .args(["serve", "--port", "0"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("serve stopped").unwrap();
        if let Some(rest) = line.strip_prefix("Serving http://127.0.0.1:") {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}

fn get(port: u16, path: &str) -> (String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    (
        String::from_utf8_lossy(&response[..split]).into_owned(),
        response[split + 4..].to_vec(),
    )
}

/// Reads Server-Sent Events until one satisfies `wanted`, returning its data.
fn next_state(events: &mut BufReader<TcpStream>, wanted: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        if events.read_line(&mut line).unwrap_or(0) == 0 {
            continue;
        }
        if let Some(data) = line.strip_prefix("data: ") {
            let value: serde_json::Value = serde_json::from_str(data.trim()).unwrap();
            if wanted(&value) {
                return value;
            }
        }
    }
    panic!("no matching event in time");
}

#[test]
fn serve_reloads_after_an_edit_shows_errors_and_matches_a_full_build() {
    let tmp = site_copy("valid");
    let server = start_serve(tmp.path());
    let (head, body) = get(server.port, "/en/parole/");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let body = String::from_utf8(body).unwrap();
    assert!(
        body.contains("<script src=/__puente/live.js defer></script></body>"),
        "pages get the reload script"
    );

    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    write!(stream, "GET /__puente/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut events = BufReader::new(stream);
    let first = next_state(&mut events, |_| true);
    let version = first["version"].as_u64().unwrap();

    // An edit: a reload event, and the new text served.
    let page = tmp.path().join("content/en/parole/humanitarian.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replace("Anyone.", "Anyone at all, edited.")).unwrap();
    next_state(&mut events, |s| {
        s["version"].as_u64().unwrap() > version && s["error"].is_null()
    });
    let (_, body) = get(server.port, "/en/parole/humanitarian/");
    assert!(String::from_utf8(body).unwrap().contains("Anyone at all, edited."));

    // A mistake: an error event with file:line, and the last good page still served.
    fs::write(&page, text.replace("title: \"Humanitarian parole\"", "titel: oops")).unwrap();
    let error = next_state(&mut events, |s| !s["error"].is_null());
    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .contains("content/en/parole/humanitarian.md:2:1"),
        "{error}"
    );
    let (head, body) = get(server.port, "/en/parole/humanitarian/");
    assert!(head.starts_with("HTTP/1.1 200") && String::from_utf8(body).unwrap().contains("edited"));

    // Fixed: the overlay clears (a good state).
    fs::write(&page, &text).unwrap();
    next_state(&mut events, |s| s["error"].is_null());

    // A fact changes in the registry: the pages that use it show the new words in both languages.
    let facts = tmp.path().join("content/facts.yaml");
    let registry = fs::read_to_string(&facts).unwrap();
    fs::write(&facts, registry.replace("\"$630\"", "\"$700\"")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let shows = |path: &str, words: &str| String::from_utf8(get(server.port, path).1).unwrap().contains(words);
    while !(shows("/en/parole/humanitarian/", "The form costs $700.")
        && shows("/es/permiso/permiso-humanitario/", "El formulario cuesta $700."))
    {
        assert!(Instant::now() < deadline, "the fact's new words were never served");
        std::thread::sleep(Duration::from_millis(100));
    }
    // A page that names a fact the registry does not have: an error at its line and column.
    fs::write(&page, text.replace("{{fact:form-fee}}", "{{fact:form-fe}}")).unwrap();
    let error = next_state(&mut events, |s| !s["error"].is_null());
    let message = error["error"].as_str().unwrap();
    assert!(
        message.contains("unknown fact `form-fe`") && message.contains("content/en/parole/humanitarian.md:22:28"),
        "{error}"
    );
    fs::write(&page, &text).unwrap();
    next_state(&mut events, |s| s["error"].is_null());
    // A page nested thousands deep (it once overflowed the stack and killed `serve`): an error, and
    // the server goes on.
    fs::write(&page, format!("{text}\n\n{} deep\n", ">".repeat(3000))).unwrap();
    let error = next_state(&mut events, |s| !s["error"].is_null());
    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .contains("nests more than 32 levels deep"),
        "{error}"
    );
    assert!(get(server.port, "/en/").0.starts_with("HTTP/1.1 200"));
    fs::write(&page, &text).unwrap();
    next_state(&mut events, |s| s["error"].is_null());

    // What is served equals a full build.
    let out = tmp.path().join("public");
    assert!(puente(tmp.path(), &["build"]).status.success());
    let mut compared = 0;
    for file in walk(&out) {
        let rel = file.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
        if rel == puente::write::output::MARKER {
            // The build's list of what it wrote, for the next build: not a page of the site.
            continue;
        }
        let (_, served) = get(server.port, &format!("/{rel}"));
        let built = fs::read(&file).unwrap();
        let served = if rel.ends_with(".html") {
            String::from_utf8(served)
                .unwrap()
                .replace("<script src=/__puente/live.js defer></script>", "")
                .into_bytes()
        } else {
            served
        };
        assert!(served == built, "{rel} served differs from the build");
        compared += 1;
    }
    assert!(compared > 10);
}

#[test]
fn serve_bounds_what_a_client_can_hold_and_redirects_only_within_the_site() {
    use puente::commands::serve::{MAX_CONNECTIONS, MAX_REQUEST_BYTES, READ_TIMEOUT};
    let tmp = site_copy("valid");
    let server = start_serve(tmp.path());
    let response = |stream: &mut TcpStream| {
        let mut text = Vec::new();
        let _ = stream.read_to_end(&mut text);
        String::from_utf8_lossy(&text).into_owned()
    };
    // A request line that never ends: refused once it passes the limit, not buffered for ever.
    let mut long = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let chunk = vec![b'a'; 4096];
    for _ in 0..(MAX_REQUEST_BYTES as usize / chunk.len() + 2) {
        if long.write_all(&chunk).is_err() {
            break;
        }
    }
    assert!(response(&mut long).starts_with("HTTP/1.1 431"));
    // Only the build is served: nothing above it on disk, however the path is written.
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/content/site.yaml",
        "/en/../../content/site.yaml",
        "/%2F%2Fetc/passwd",
    ] {
        let (head, body) = get(server.port, path);
        assert!(head.starts_with("HTTP/1.1 404"), "{path}: {head}");
        assert!(!String::from_utf8_lossy(&body).contains("base_url"), "{path}");
    }
    // `//en` is this site's /en/, never the host `en`.
    let (head, _) = get(server.port, "//en");
    assert!(head.contains("\r\nLocation: /en/\r\n"), "{head}");
    // Idle connections up to the cap are held; the next client is told at once, not queued.
    let t0 = Instant::now();
    let idle: Vec<TcpStream> = (0..MAX_CONNECTIONS)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut over = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(over, "GET /en/ HTTP/1.1\r\n\r\n").unwrap();
    assert!(response(&mut over).starts_with("HTTP/1.1 503"));
    // Idle ones are closed after the read timeout, and the server answers again.
    std::thread::sleep(READ_TIMEOUT + Duration::from_millis(700));
    let (head, _) = get(server.port, "/en/");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(t0.elapsed() < READ_TIMEOUT * 3);
    drop(idle);
}

#[test]
fn serve_survives_a_thousand_rapid_edits_a_deleted_page_and_a_renamed_one() {
    let tmp = site_copy("valid");
    let server = start_serve(tmp.path());
    let page = tmp.path().join("content/en/parole/humanitarian.md");
    let text = fs::read_to_string(&page).unwrap();
    // 1,000 saves as fast as the disk takes them, some of them broken half-way through a save.
    for n in 0..1000 {
        let edited = text.replace("Anyone.", &format!("Anyone, edit {n}."));
        if n % 100 == 50 {
            fs::write(&page, &edited[..edited.len() / 3]).unwrap();
        }
        fs::write(&page, edited).unwrap();
    }
    // The last save wins: no stale page once serve has caught up.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (head, body) = get(server.port, "/en/parole/humanitarian/");
        if head.starts_with("HTTP/1.1 200") && String::from_utf8_lossy(&body).contains("Anyone, edit 999.") {
            break;
        }
        assert!(Instant::now() < deadline, "serve still shows an old page: {head}");
        std::thread::sleep(Duration::from_millis(100));
    }

    // A renamed page moves to its new address, and a deleted one disappears (404).
    let status = |path: &str| get(server.port, path).0.lines().next().unwrap_or_default().to_string();
    let wait_for = |what: &str, ok: &dyn Fn() -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !ok() {
            assert!(Instant::now() < deadline, "serve did not catch up: {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let parole = tmp.path().join("content/en/parole");
    fs::rename(parole.join("only-english.md"), parole.join("moved.md")).unwrap();
    wait_for("a renamed page", &|| {
        status("/en/parole/only-english/").contains(" 404") && status("/en/parole/moved/").contains(" 200")
    });
    fs::remove_file(parole.join("moved.md")).unwrap();
    wait_for("a deleted page", &|| status("/en/parole/moved/").contains(" 404"));

    // Deleting a page others link to is a mistake: serve says so (and keeps the last good site).
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
    write!(stream, "GET /__puente/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut events = BufReader::new(stream);
    fs::remove_file(tmp.path().join("content/es/parole/humanitarian.md")).unwrap();
    let error = next_state(&mut events, |s| !s["error"].is_null());
    assert!(
        error["error"].as_str().unwrap().contains("link to a missing page"),
        "{error}"
    );
    let (head, _) = get(server.port, "/en/");
    assert!(head.starts_with("HTTP/1.1 200"), "serve is still alive");
}

#[test]
fn serve_explains_a_port_in_use() {
    let tmp = site_copy("valid");
    let server = start_serve(tmp.path());
    let result = puente(tmp.path(), &["serve", "--port", &server.port.to_string()]);
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains(&format!("port {} is already in use", server.port)));
}

/// A tiny web server for link checks: `/ok` answers 200, `/no-head` refuses HEAD but answers GET,
/// anything else 404. Returns its port.
fn link_server() -> u16 {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut request = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            reader.read_line(&mut request).unwrap();
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 2 {
                line.clear();
            }
            let status = match (request.split_whitespace().next(), request.split_whitespace().nth(1)) {
                (_, Some("/ok")) => "200 OK",
                (Some("HEAD"), Some("/no-head")) => "405 Method Not Allowed",
                (_, Some("/no-head")) => "200 OK",
                _ => "404 Not Found",
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    port
}

#[test]
fn check_external_reports_addresses_that_do_not_answer_and_caches_good_ones() {
    let port = link_server();
    let tmp = site_copy("valid");
    let site = tmp.path().join("content/site.yaml");
    fs::write(
        &site,
        fs::read_to_string(&site).unwrap() + "checks:\n  external_pace_ms: 10\n",
    )
    .unwrap();
    let page = tmp.path().join("content/en/parole/only-english.md");
    let links = format!(
        "\n[fine](http://127.0.0.1:{port}/ok), [old server](http://127.0.0.1:{port}/no-head), [moved](http://127.0.0.1:{port}/gone)\n"
    );
    fs::write(&page, fs::read_to_string(&page).unwrap() + &links).unwrap();
    // The fixture's sources point to uscis.gov; point them here, so the test needs no network.
    for file in walk(&tmp.path().join("content")) {
        let text = fs::read_to_string(&file).unwrap();
        fs::write(
            &file,
            text.replace("https://www.uscis.gov/", &format!("http://127.0.0.1:{port}/ok")),
        )
        .unwrap();
    }
    let report = String::from_utf8_lossy(&puente(tmp.path(), &["check", "--external"]).stdout).into_owned();
    assert!(
        report.contains("== External addresses that do not answer: 1 warning =="),
        "{report}"
    );
    assert!(
        report.contains(&format!("warning: http://127.0.0.1:{port}/gone answers HTTP 404")),
        "{report}"
    );
    assert!(
        !report.contains("/ok answers") && !report.contains("/no-head answers"),
        "{report}"
    );
    let cache = fs::read_to_string(tmp.path().join(".puente-cache/external-links.json")).unwrap();
    assert!(cache.contains(&format!("http://127.0.0.1:{port}/ok")), "{cache}");
}
