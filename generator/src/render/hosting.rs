//! `_headers` and `_redirects`: the rules static hosts such as Netlify and Cloudflare Pages read from the
//! published folder. The security headers every page needs, caching that fits content-hashed file names,
//! the language redirect from `/`, old addresses (`aliases`) and the 404 page of each language.

use crate::load::config::SiteConfig;
use crate::resolve::site::Site;

/// The Content-Security-Policy of every page: everything from this site only, no inline script or style,
/// WebAssembly allowed to compile (the widgets), no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests";

/// Headers sent with every response.
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()",
    ),
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
];

/// Files whose names carry a hash of their content never change: browsers may keep them for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Pages change when editors publish: browsers check again after five minutes.
const SHORT: &str = "public, max-age=300, must-revalidate";

/// `_headers`. Rules do not overlap, so no host has to merge two `Cache-Control` values.
pub fn headers(config: &SiteConfig) -> String {
    let mut out =
        String::from("# Written by `puente build`. Read by Netlify and Cloudflare Pages; see docs/deploy.md.\n");
    out.push_str("/*\n");
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    for path in ["/assets/*", "/widgets/*"] {
        out.push_str(&format!("{path}\n  Cache-Control: {IMMUTABLE}\n"));
    }
    let mut short: Vec<String> = vec![
        "/".into(),
        "/index.html".into(),
        "/sitemap.xml".into(),
        "/robots.txt".into(),
    ];
    short.extend(config.codes().map(|code| format!("/{code}/*")));
    for path in short {
        out.push_str(&format!("{path}\n  Cache-Control: {SHORT}\n"));
    }
    out
}

/// `_redirects`: the language redirect from `/` (each other language by the reader's browser, then the
/// default language), every alias, and each language's 404 page. `!` forces a rule where a file exists
/// (the root page, the alias pages); hosts without language rules skip those lines and serve the root
/// page, which offers every language.
pub fn redirects(config: &SiteConfig, site: &Site) -> String {
    let default = config.default_language.value.as_str();
    let mut out =
        String::from("# Written by `puente build`. Read by Netlify and Cloudflare Pages; see docs/deploy.md.\n");
    for code in config.codes().filter(|c| *c != default) {
        out.push_str(&format!("/  /{code}/  302!  Language={code}\n"));
    }
    out.push_str(&format!("/  /{default}/  302!\n"));
    let mut aliases: Vec<(String, String)> = site
        .pages
        .iter()
        .zip(&site.urls)
        .flat_map(|(page, url)| page.front.aliases.iter().map(move |a| (a.value.clone(), url.clone())))
        .collect();
    aliases.sort();
    for (from, to) in aliases {
        out.push_str(&format!("{from}  {to}  301!\n"));
    }
    for code in config.codes().filter(|c| *c != default) {
        out.push_str(&format!("/{code}/*  /{code}/404.html  404\n"));
    }
    out.push_str(&format!("/*  /{default}/404.html  404\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_this_site_and_webassembly() {
        assert!(CONTENT_SECURITY_POLICY.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval';"));
        for needed in [
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ] {
            assert!(CONTENT_SECURITY_POLICY.contains(needed), "{needed}");
        }
        assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
    }
}
