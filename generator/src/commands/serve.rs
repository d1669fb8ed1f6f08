//! `puente serve`: builds into memory, serves the site on loopback, watches the sources, rebuilds after
//! each change and tells open pages to reload (Server-Sent Events). A build error is shown in the page
//! as an overlay while the last good version stays served. The reload script is added to pages only
//! as they are served, never to a build.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use std::collections::BTreeSet;

use crate::diagnostics::Diagnostic;
use crate::files::OutputFile;
use crate::paths::Paths;
use crate::pipeline::{self, Prepared};

const EVENTS: &str = "/__puente/events";
const SCRIPT: &str = "/__puente/live.js";

/// The longest request (its first line and headers) read: a browser's are under 2 KB. Anything longer
/// is answered `431` and closed, so a client cannot make the server hold memory without end.
pub const MAX_REQUEST_BYTES: u64 = 16 * 1024;

/// How long a client may take to send its request, and to take a response: a browser needs
/// milliseconds. A connection that sends nothing is closed after this, not kept for ever.
pub const READ_TIMEOUT: Duration = Duration::from_secs(5);
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// The most connections served at once (each open page keeps one for live reload). Past this a client
/// is answered `503` at once, so idle connections cannot pile up threads.
pub const MAX_CONNECTIONS: usize = 64;

/// What is being served now.
#[derive(Default)]
struct State {
    /// Output path (`en/index.html`) → bytes, exactly as `puente build` would write them.
    files: HashMap<String, Arc<Vec<u8>>>,
    /// Bumped after every rebuild, good or bad.
    version: u64,
    /// The last build's problems, when it failed.
    error: Option<String>,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

/// A build kept in memory with what it learned, so that an edit to a page's text re-renders only that
/// page and the pages linking to it. Anything else (a new page, a changed title or address, the theme,
/// the settings) rebuilds everything.
struct Live {
    /// Every input, read; an edit re-reads only the files that changed.
    tree: crate::load::tree::Tree,
    prepared: Prepared,
    anchors: Vec<Vec<String>>,
    links_to: Vec<Vec<usize>>,
    /// `linked_from[i]`: the pages that link to page `i`.
    linked_from: Vec<BTreeSet<usize>>,
    /// Output paths of each page (the page and its aliases).
    page_files: Vec<Vec<String>>,
    page_problems: Vec<Vec<Diagnostic>>,
    /// Problems not tied to one page's rendering (loading, settings, site files).
    other_problems: Vec<Diagnostic>,
    /// Pages re-rendered while the site had errors, whose new output is not served yet.
    pending: BTreeSet<usize>,
    files: HashMap<String, Arc<Vec<u8>>>,
}

fn problems_text(problems: Vec<Diagnostic>) -> String {
    let mut all = crate::diagnostics::Diagnostics::new();
    all.extend(problems);
    all.sorted()
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn has_errors(problems: &[Diagnostic]) -> bool {
    problems
        .iter()
        .any(|d| d.severity == crate::diagnostics::Severity::Error)
}

fn minified(file: OutputFile) -> (String, Arc<Vec<u8>>) {
    let bytes = if file.is_html {
        crate::write::output::minify_html(&file.bytes)
    } else {
        file.bytes
    };
    (file.path, Arc::new(bytes))
}

impl Live {
    /// A full build into memory. `Err` holds every problem as text.
    fn build(paths: &Paths) -> Result<Live, String> {
        let mut diagnostics = crate::diagnostics::Diagnostics::new();
        let tree = crate::load::tree::Tree::load(paths);
        let Some((config, site)) = pipeline::load(paths, &tree, &mut diagnostics) else {
            return Err(problems_text(diagnostics.sorted()));
        };
        let Ok(prepared) = pipeline::prepare(paths, &tree, config, site, None, &mut diagnostics) else {
            return Err(problems_text(diagnostics.sorted()));
        };
        let anchors = crate::render::anchors(&prepared.site);
        let all: Vec<usize> = (0..prepared.site.pages.len()).collect();
        let outputs = prepared.renderer().render_pages(&all, &anchors);
        let site_files = prepared.site_files(&mut diagnostics);
        let other_problems = diagnostics.sorted();
        let mut live = Live {
            anchors,
            links_to: vec![Vec::new(); all.len()],
            linked_from: vec![BTreeSet::new(); all.len()],
            page_files: vec![Vec::new(); all.len()],
            page_problems: vec![Vec::new(); all.len()],
            other_problems,
            pending: BTreeSet::new(),
            files: HashMap::new(),
            prepared,
            tree,
        };
        let mut files = live.record(&all, outputs);
        files.extend(site_files);
        if has_errors(&live.other_problems) || live.page_problems.iter().any(|p| has_errors(p)) {
            return Err(live.all_problems());
        }
        live.files = files.into_par_iter().map(minified).collect();
        Ok(live)
    }

    /// Stores what rendering `which` gave and returns their files.
    fn record(&mut self, which: &[usize], outputs: Vec<crate::render::PageOutput>) -> Vec<OutputFile> {
        let mut files = Vec::new();
        for (&i, output) in which.iter().zip(outputs) {
            for &t in &self.links_to[i] {
                self.linked_from[t].remove(&i);
            }
            for &t in &output.links_to {
                self.linked_from[t].insert(i);
            }
            self.links_to[i] = output.links_to;
            self.page_files[i] = output.files.iter().map(|f| f.path.clone()).collect();
            self.page_problems[i] = output.problems;
            files.extend(output.files);
        }
        files
    }

    fn all_problems(&self) -> String {
        problems_text(
            self.other_problems
                .iter()
                .chain(self.page_problems.iter().flatten())
                .cloned()
                .collect(),
        )
    }

    /// Applies edits to the text of existing pages. `None` when the change needs a full rebuild.
    fn update(&mut self, paths: &Paths, changed: &[PathBuf]) -> Option<Result<(), String>> {
        // With an organisation's folder laid over the content, a file may replace another: rebuild all.
        if paths.site.is_some() {
            return None;
        }
        let content = std::fs::canonicalize(&paths.content).ok()?;
        let mut edited = Vec::new();
        for path in changed {
            let rel_to_content = path.strip_prefix(&content).ok()?;
            let mut parts = rel_to_content.components();
            let lang = parts.next()?.as_os_str().to_string_lossy().into_owned();
            let rel = parts
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if !rel.ends_with(".md") || !path.is_file() {
                return None;
            }
            let i = self.prepared.site.find(&lang, &rel)?;
            let shown = self.prepared.site.pages[i].file.clone();
            let file = paths.content.join(&lang).join(&rel);
            self.tree.reload(&file);
            match crate::load::content::load_page(&self.tree, lang, rel, &file, shown) {
                Ok(mut page) if page.same_place_as(&self.prepared.site.pages[i]) => {
                    let problems = page.expand_facts(&self.prepared.site.facts);
                    if !problems.is_empty() {
                        return Some(Err(problems_text(problems)));
                    }
                    edited.push((i, page));
                }
                Ok(_) => return None,
                Err(problems) => return Some(Err(problems_text(problems))),
            }
        }
        let mut affected: BTreeSet<usize> = std::mem::take(&mut self.pending);
        for (i, page) in edited {
            self.anchors[i] = crate::render::page_anchors(&page);
            self.prepared.site.pages[i] = page;
            affected.insert(i);
            affected.extend(self.linked_from[i].iter().copied());
        }
        let which: Vec<usize> = affected.into_iter().collect();
        let outputs = self.prepared.renderer().render_pages(&which, &self.anchors);
        let old: Vec<String> = which.iter().flat_map(|&i| self.page_files[i].clone()).collect();
        let files = self.record(&which, outputs);
        if has_errors(&self.other_problems) || self.page_problems.iter().any(|p| has_errors(p)) {
            self.pending.extend(which);
            return Some(Err(self.all_problems()));
        }
        for path in old {
            self.files.remove(&path);
        }
        let sitemap = OutputFile {
            path: "sitemap.xml".into(),
            bytes: self.prepared.renderer().sitemap().into_bytes(),
            is_html: false,
        };
        let fresh: Vec<(String, Arc<Vec<u8>>)> = files
            .into_par_iter()
            .chain(rayon::iter::once(sitemap))
            .map(minified)
            .collect();
        self.files.extend(fresh);
        Some(Ok(()))
    }
}

/// Runs until the process is stopped (Ctrl-C). Nothing is written to disk.
pub fn run(paths: &Paths, interface: &str, port: u16) -> Result<(), String> {
    let listener = TcpListener::bind((interface, port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!("port {port} is already in use (is another `puente serve` running?); stop it or choose another port with `--port {}`", port.wrapping_add(1))
        } else {
            format!("cannot listen on {interface}:{port}: {e}")
        }
    })?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let shared: Shared = Arc::new((Mutex::new(State::default()), Condvar::new()));
    let started = Instant::now();
    let mut live = Live::build(paths);
    publish(
        &shared,
        live.as_ref().map(|l| l.files.clone()).map_err(Clone::clone),
        started,
        "Built",
    );
    let watched: Vec<String> = [Some(&paths.content), Some(&paths.theme), paths.site.as_ref()]
        .into_iter()
        .flatten()
        .filter(|d| !crate::load::builtin::is_builtin(d))
        .map(|d| d.display().to_string())
        .collect();
    if watched.is_empty() {
        println!("Serving http://{address}/ — the guide built into puente. Press Ctrl-C to stop.");
    } else {
        println!(
            "Serving http://{address}/ — edits to {} reload open pages. Press Ctrl-C to stop.",
            watched.join(", ")
        );
    }

    let watcher_state = Arc::clone(&shared);
    let watch_paths = paths.clone();
    let _watcher = watch(paths, move |changed| {
        let started = Instant::now();
        let quick = match &mut live {
            Ok(current) => current.update(&watch_paths, changed),
            Err(_) => None,
        };
        let (result, verb) = match quick {
            Some(Ok(())) => (
                Ok(live.as_ref().map(|l| l.files.clone()).unwrap_or_default()),
                "Updated",
            ),
            Some(Err(text)) => (Err(text), "Updated"),
            None => {
                live = Live::build(&watch_paths);
                (live.as_ref().map(|l| l.files.clone()).map_err(Clone::clone), "Rebuilt")
            }
        };
        publish(&watcher_state, result, started, verb);
    })?;

    let open = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for mut stream in listener.incoming().flatten() {
        use std::sync::atomic::Ordering;
        let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
            let _ = send(
                &mut stream,
                "503 Service Unavailable",
                "text/plain",
                b"too many connections; try again",
                false,
            );
            continue;
        }
        let shared = Arc::clone(&shared);
        let open = Arc::clone(&open);
        std::thread::spawn(move || {
            let _ = respond(stream, &shared);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Ok(())
}

fn publish(shared: &Shared, result: Result<HashMap<String, Arc<Vec<u8>>>, String>, started: Instant, verb: &str) {
    let (lock, changed) = &**shared;
    let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
    match result {
        Ok(files) => {
            state.files = files;
            state.error = None;
            println!(
                "{verb} in {:.0} ms; reloading open pages",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        Err(text) => {
            eprintln!("{text}");
            eprintln!("The build failed; the last good version is still served, with the error shown on the page.");
            state.error = Some(text);
        }
    }
    state.version += 1;
    changed.notify_all();
}

/// Watches the site's sources and calls `rebuild(changed)` after each burst of changes.
fn watch(
    paths: &Paths,
    mut rebuild: impl FnMut(&[PathBuf]) + Send + 'static,
) -> Result<notify::RecommendedWatcher, String> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
    let mut watched: Vec<PathBuf> = vec![paths.content.clone(), paths.theme.clone()];
    watched.extend(paths.site.clone());
    // The built-in layer is inside the binary: nothing there can change.
    for dir in watched.iter().filter(|d| !crate::load::builtin::is_builtin(d)) {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    }
    std::thread::spawn(move || {
        let relevant = |event: &notify::Event| {
            !matches!(event.kind, notify::EventKind::Access(_)) && event.paths.iter().any(|p| !is_noise(p))
        };
        while let Ok(first) = rx.recv() {
            let mut events: Vec<notify::Event> = first.into_iter().collect();
            // Editors save in several steps; take what arrives together as one change.
            while let Ok(more) = rx.recv_timeout(Duration::from_millis(5)) {
                events.extend(more);
            }
            let events: Vec<&notify::Event> = events.iter().filter(|e| relevant(e)).collect();
            if events.is_empty() {
                continue;
            }
            let mut changed: Vec<PathBuf> = events
                .iter()
                .flat_map(|e| e.paths.iter().cloned())
                .filter(|p| !is_noise(p))
                .collect();
            changed.sort();
            changed.dedup();
            rebuild(&changed);
        }
    });
    Ok(watcher)
}

/// Editor swap and backup files, which are not part of the site.
fn is_noise(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// Reads a request's first line and headers, at most [`MAX_REQUEST_BYTES`] of them. `None` when the
/// request is longer than that.
fn read_request(stream: &TcpStream) -> std::io::Result<Option<String>> {
    use std::io::Read;
    let mut reader = BufReader::new(stream.try_clone()?.take(MAX_REQUEST_BYTES));
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    if !request_line.ends_with('\n') {
        return Ok(None);
    }
    // Read (and ignore) the headers.
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || !line.ends_with('\n') {
            return Ok(None);
        }
        if line.trim_end().is_empty() {
            return Ok(Some(request_line));
        }
    }
}

fn respond(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    let mut stream = stream;
    let Some(request_line) = read_request(&stream)? else {
        return send(
            &mut stream,
            "431 Request Header Fields Too Large",
            "text/plain",
            b"the request is too long or incomplete",
            false,
        );
    };
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return send(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"only GET is served",
            method == "HEAD",
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    match path.as_str() {
        EVENTS => events(stream, shared),
        SCRIPT => send(
            &mut stream,
            "200 OK",
            "text/javascript; charset=utf-8",
            LIVE_SCRIPT.as_bytes(),
            method == "HEAD",
        ),
        _ => serve_file(&mut stream, shared, &path, method == "HEAD"),
    }
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = path.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// What a request for a path finds.
enum Lookup {
    File(Arc<Vec<u8>>),
    /// A folder asked for without its final `/`.
    Folder,
    Missing(Option<Arc<Vec<u8>>>),
}

fn serve_file(stream: &mut TcpStream, shared: &Shared, path: &str, head: bool) -> std::io::Result<()> {
    let key = path.trim_start_matches('/');
    let key = if key.is_empty() || key.ends_with('/') {
        format!("{key}index.html")
    } else {
        key.to_string()
    };
    let found = {
        let state = shared.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(bytes) = state.files.get(&key) {
            Lookup::File(Arc::clone(bytes))
        } else if state.files.contains_key(&format!("{key}/index.html")) {
            Lookup::Folder
        } else {
            let lang = if key.starts_with("es/") { "es" } else { "en" };
            Lookup::Missing(state.files.get(&format!("{lang}/404.html")).cloned())
        }
    };
    match found {
        Lookup::File(bytes) => {
            let kind = content_type(&key);
            send(stream, "200 OK", kind, &with_live_script(&bytes, kind), head)
        }
        Lookup::Folder => {
            // From the key, not the request: `//en` must not become the address of another host.
            let header = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: /{key}/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            stream.write_all(header.as_bytes())
        }
        Lookup::Missing(page) => {
            let body = page.map_or_else(
                || b"<!doctype html><title>Not found</title><body><p>Not found.</p></body>".to_vec(),
                |p| p.to_vec(),
            );
            send(
                stream,
                "404 Not Found",
                "text/html; charset=utf-8",
                &with_live_script(&body, "text/html"),
                head,
            )
        }
    }
}

/// Adds the reload script to an HTML page (serve mode only).
fn with_live_script(bytes: &[u8], kind: &str) -> Vec<u8> {
    if !kind.starts_with("text/html") {
        return bytes.to_vec();
    }
    let tag = format!("<script src={SCRIPT} defer></script>");
    let text = String::from_utf8_lossy(bytes);
    match text.rfind("</body>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

fn send(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8], head: bool) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Server-Sent Events: the current state at once, then one event per rebuild.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n")?;
    let (lock, changed) = &**shared;
    let mut seen = None;
    loop {
        let message = {
            let state = lock.lock().unwrap_or_else(|e| e.into_inner());
            let (state, _) = changed
                .wait_timeout_while(state, Duration::from_secs(15), |s| Some(s.version) == seen)
                .unwrap_or_else(|e| e.into_inner());
            if Some(state.version) == seen {
                None
            } else {
                seen = Some(state.version);
                Some(serde_json::json!({ "version": state.version, "error": state.error }).to_string())
            }
        };
        match message {
            Some(data) => stream.write_all(format!("event: state\ndata: {data}\n\n").as_bytes())?,
            None => stream.write_all(b": keep-alive\n\n")?,
        }
        stream.flush()?;
    }
}

/// Reloads the page after a good rebuild; shows the errors over the page after a bad one.
const LIVE_SCRIPT: &str = r#"(function () {
  var first = null, box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.id = "puente-error-overlay";
      box.style.cssText = "position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(11,12,12,.94);color:#fff;padding:2rem;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "puente serve: the build failed. Fix the file and save; this page reloads by itself.\n\n" + text;
  }
  var source = new EventSource("/__puente/events");
  source.addEventListener("state", function (e) {
    var state = JSON.parse(e.data);
    if (state.error) { show(state.error); first = first === null ? state.version : first; return; }
    if (first === null) { first = state.version; return; }
    if (state.version !== first || box) { location.reload(); }
  });
})();
"#;
