//! A nonprofit's own copy: its colours (checked for WCAG AA contrast), logo, contact details per
//! language, intake link, list of legal-help providers and banner message, from `site.yaml`, and what the
//! theme receives of them.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostics::Diagnostic;

/// Who publishes this copy of the site (`organisation:` in `site.yaml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    #[serde(default)]
    pub email: Option<Spanned<String>>,
    #[serde(default)]
    pub phone: Option<Spanned<String>>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// An SVG or PNG file, as a path from the folder of `site.yaml`.
    #[serde(default)]
    pub logo: Option<Spanned<String>>,
    /// Street address, per language.
    #[serde(default)]
    pub address: Option<Spanned<BTreeMap<String, String>>>,
    /// Opening hours, per language.
    #[serde(default)]
    pub hours: Option<Spanned<BTreeMap<String, String>>>,
    /// Where readers ask for an appointment or start an intake.
    #[serde(default)]
    pub intake_url: Option<Spanned<String>>,
    /// Places that give legal help, listed on the legal-help page.
    #[serde(default)]
    pub providers: Vec<Provider>,
    /// A short message shown at the top of every page (a policy alert), per language.
    #[serde(default)]
    pub banner: Option<Spanned<BTreeMap<String, String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub name: Spanned<String>,
    /// The languages spoken, as readers would write them (`English, Español`).
    #[serde(default)]
    pub languages: Option<String>,
    /// What they help with, per language.
    #[serde(default)]
    pub services: Option<Spanned<BTreeMap<String, String>>>,
    #[serde(default)]
    pub phone: Option<Spanned<String>>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

/// `colors:` in `site.yaml`: the header's background (white text on it) and the colour of links (on the
/// page's white and light-grey backgrounds). Dark mode keeps the theme's own colours.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    #[serde(default)]
    pub primary: Option<Spanned<String>>,
    #[serde(default)]
    pub accent: Option<Spanned<String>>,
}

/// The backgrounds and text the theme puts the colours with (light mode of `site.css`).
const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
const PANEL: [u8; 3] = [0xf3, 0xf4, 0xf5];
const NOTE_BG: [u8; 3] = [0xe7, 0xf2, 0xfa];
/// WCAG 2.2 AA for normal text.
const AA: f64 = 4.5;

/// A colour setting, and the backgrounds or text it must stand out against.
type ColourUse<'a> = (&'a str, &'a Option<Spanned<String>>, &'a [([u8; 3], &'a str)]);

/// `#1a2b3c` or `#abc` → red, green, blue.
pub fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    let digits: Vec<u8> = hex
        .chars()
        .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
        .collect::<Option<_>>()?;
    match digits[..] {
        [r, g, b] => Some([r * 17, g * 17, b * 17]),
        [r1, r2, g1, g2, b1, b2] => Some([r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2]),
        _ => None,
    }
}

/// WCAG relative luminance.
fn luminance(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Whether `path` names an .svg or .png file below the folder of `site.yaml` (where links lead is
/// checked when it is read).
pub fn is_logo_path(path: &str) -> bool {
    let kind_ok = path.ends_with(".svg") || path.ends_with(".png");
    let inside = !path.starts_with('/') && !path.split(['/', '\\']).any(|s| s == "..");
    kind_ok && inside
}

/// The longest organisation or provider name, in characters (the longest real one is about 60).
pub const MAX_NAME: usize = 120;
/// The longest address, opening hours, banner or list of services, per language, in characters.
pub const MAX_TEXT: usize = 600;

/// Checks the branding settings. `at` places a diagnostic at a value's location in `site.yaml`; `dir` is
/// the folder of `site.yaml`; `langs` are the site's languages.
pub fn validate(
    tree: &crate::load::tree::Tree,
    organisation: &Organisation,
    colors: &Colors,
    file: &Path,
    dir: &Path,
    langs: &[&str],
    at: &dyn Fn(Diagnostic, serde_saphyr::Location) -> Diagnostic,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let uses: [ColourUse<'_>; 2] = [
        ("primary", &colors.primary, &[(WHITE, "the white text of the header")]),
        (
            "accent",
            &colors.accent,
            &[
                (WHITE, "the white page background"),
                (PANEL, "the grey background of boxes"),
                (NOTE_BG, "the blue background of notes"),
            ],
        ),
    ];
    for (name, value, against) in uses {
        let Some(value) = value else { continue };
        let Some(rgb) = parse_hex(&value.value) else {
            problems.push(at(
                Diagnostic::error(file, format!("`colors.{name}` is not a colour: `{}`", value.value))
                    .with_hint("write it in hex, like `#12355b`"),
                value.referenced,
            ));
            continue;
        };
        for (background, what) in against {
            let ratio = contrast(rgb, *background);
            if ratio < AA {
                problems.push(at(
                    Diagnostic::error(
                        file,
                        format!(
                            "`colors.{name}` {} has a contrast ratio of {:.2}:1 with {what}; WCAG AA needs at least 4.5:1",
                            value.value,
                            (ratio * 100.0).floor() / 100.0
                        ),
                    )
                    .with_hint(format!("choose a darker {name} colour")),
                    value.referenced,
                ));
            }
        }
    }
    if let Some(logo) = &organisation.logo {
        let path = &logo.value;
        if !is_logo_path(path) {
            problems.push(at(
                Diagnostic::error(
                    file,
                    format!("`organisation.logo` must be an .svg or .png file in the site folder, not `{path}`"),
                )
                .with_hint("put the file next to site.yaml and write its name, like `logo.svg`"),
                logo.referenced,
            ));
        } else if !tree.is_file(&dir.join(path)) {
            problems.push(at(
                Diagnostic::error(
                    file,
                    format!("`organisation.logo` names `{path}`, which does not exist"),
                )
                .with_hint(format!("put the file at {}", dir.join(path).display())),
                logo.referenced,
            ));
        }
    }
    // Each of these is shown on every page (the name, the banner) or on the help page: a value pasted by
    // mistake would be copied into every page of the site.
    let mut texts: Vec<(String, &str, Option<serde_saphyr::Location>, usize)> =
        vec![("organisation.name".into(), organisation.name.as_str(), None, MAX_NAME)];
    for (key, map) in [
        ("address", &organisation.address),
        ("hours", &organisation.hours),
        ("banner", &organisation.banner),
    ] {
        if let Some(map) = map {
            for (lang, text) in &map.value {
                texts.push((
                    format!("organisation.{key}.{lang}"),
                    text,
                    Some(map.referenced),
                    MAX_TEXT,
                ));
            }
        }
    }
    for (n, p) in organisation.providers.iter().enumerate() {
        texts.push((
            format!("provider {} name", n + 1),
            &p.name.value,
            Some(p.name.referenced),
            MAX_NAME,
        ));
        for text in p.languages.iter().chain(&p.address) {
            texts.push((
                format!("provider {} details", n + 1),
                text,
                Some(p.name.referenced),
                MAX_TEXT,
            ));
        }
        if let Some(services) = &p.services {
            for (lang, text) in &services.value {
                texts.push((
                    format!("provider {} services in `{lang}`", n + 1),
                    text,
                    Some(services.referenced),
                    MAX_TEXT,
                ));
            }
        }
    }
    for (what, text, location, max) in texts {
        let length = text.chars().count();
        if length > max {
            let d = Diagnostic::error(
                file,
                format!("`{what}` is {length} characters long; it may be at most {max}"),
            )
            .with_hint("shorten it; it is shown on the site's pages as it is");
            problems.push(match location {
                Some(l) => at(d, l),
                None => d,
            });
        }
    }
    let mut check_url = |name: &str, value: &Option<Spanned<String>>| {
        if let Some(v) = value {
            if !(v.value.starts_with("https://") || v.value.starts_with("http://"))
                || v.value.contains(char::is_whitespace)
            {
                problems.push(at(
                    Diagnostic::error(file, format!("`{name}` must be a full web address, not `{}`", v.value))
                        .with_hint("write it like `https://example.org/appointments`"),
                    v.referenced,
                ));
            }
        }
    };
    check_url("organisation.url", &organisation.url);
    check_url("organisation.intake_url", &organisation.intake_url);
    for (n, p) in organisation.providers.iter().enumerate() {
        check_url(&format!("organisation.providers[{n}].url"), &p.url);
    }
    if let Some(email) = &organisation.email {
        let e = &email.value;
        let ok = e
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            && !e.contains(char::is_whitespace);
        if !ok {
            problems.push(at(
                Diagnostic::error(file, format!("`organisation.email` is not an email address: `{e}`"))
                    .with_hint("write it like `help@example.org`"),
                email.referenced,
            ));
        }
    }
    let phones = std::iter::once(("organisation.phone".to_string(), &organisation.phone)).chain(
        organisation
            .providers
            .iter()
            .enumerate()
            .map(|(n, p)| (format!("organisation.providers[{n}].phone"), &p.phone)),
    );
    for (name, phone) in phones {
        if let Some(p) = phone {
            let ok = p.value.chars().filter(char::is_ascii_digit).count() >= 3
                && p.value.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
            if !ok {
                problems.push(at(
                    Diagnostic::error(file, format!("`{name}` is not a phone number: `{}`", p.value))
                        .with_hint("use digits, spaces, `+`, `-` and brackets, like `+1 555 010 0100`"),
                    p.referenced,
                ));
            }
        }
    }
    let per_language = [
        ("organisation.address".to_string(), organisation.address.as_ref()),
        ("organisation.hours".to_string(), organisation.hours.as_ref()),
        ("organisation.banner".to_string(), organisation.banner.as_ref()),
    ]
    .into_iter()
    .chain(
        organisation
            .providers
            .iter()
            .enumerate()
            .map(|(n, p)| (format!("organisation.providers[{n}].services"), p.services.as_ref())),
    );
    for (name, texts) in per_language {
        let Some(texts) = texts else { continue };
        for lang in langs {
            if texts.value.get(*lang).is_none_or(|t| t.trim().is_empty()) {
                problems.push(at(
                    Diagnostic::error(file, format!("`{name}` has no text in `{lang}`"))
                        .with_hint(format!("give it in every language of the site, like `{lang}: …`")),
                    texts.referenced,
                ));
            }
        }
        for code in texts.value.keys().filter(|k| !langs.contains(&k.as_str())) {
            problems.push(at(
                Diagnostic::error(
                    file,
                    format!("`{name}` has a text in `{code}`, which is not a language of the site"),
                )
                .with_hint(format!("the languages are: {}", langs.join(", "))),
                texts.referenced,
            ));
        }
    }
    problems
}

/// The stylesheet that puts the colours in place, loaded after the theme's (light mode only: dark mode
/// keeps the theme's colours, which are made for a dark background).
pub fn stylesheet(colors: &Colors) -> Option<String> {
    let mut rules = String::new();
    if let Some(p) = &colors.primary {
        rules.push_str(&format!("--brand-bg:{};", p.value));
    }
    if let Some(a) = &colors.accent {
        rules.push_str(&format!("--link:{0};--link-hover:{0};--note:{0};", a.value));
    }
    (!rules.is_empty()).then(|| format!("@media not all and (prefers-color-scheme:dark){{:root{{{rules}}}}}\n"))
}

/// What the templates receive of the organisation, in one language.
#[derive(Debug, Serialize)]
pub struct OrganisationView<'a> {
    pub name: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub url: Option<&'a str>,
    pub logo_url: Option<&'a str>,
    pub address: Option<&'a str>,
    pub hours: Option<&'a str>,
    pub intake_url: Option<&'a str>,
    pub banner: Option<&'a str>,
    pub providers: Vec<ProviderView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct ProviderView<'a> {
    pub name: &'a str,
    pub languages: Option<&'a str>,
    pub services: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub address: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl Organisation {
    pub fn view<'a>(&'a self, lang: &str, logo_url: Option<&'a str>) -> OrganisationView<'a> {
        let text = |m: &'a Option<Spanned<BTreeMap<String, String>>>| {
            m.as_ref().and_then(|m| m.value.get(lang)).map(String::as_str)
        };
        let value = |v: &'a Option<Spanned<String>>| v.as_ref().map(|v| v.value.as_str());
        OrganisationView {
            name: &self.name,
            email: value(&self.email),
            phone: value(&self.phone),
            url: value(&self.url),
            logo_url,
            address: text(&self.address),
            hours: text(&self.hours),
            intake_url: value(&self.intake_url),
            banner: text(&self.banner),
            providers: self
                .providers
                .iter()
                .map(|p| ProviderView {
                    name: &p.name.value,
                    languages: p.languages.as_deref(),
                    services: text(&p.services),
                    phone: value(&p.phone),
                    address: p.address.as_deref(),
                    url: value(&p.url),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_svg_logos_pass_and_anything_that_runs_or_fetches_is_refused_with_its_place() {
        let ok = r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <title>Logo</title><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>
  <style>.a { fill: url(#g); }</style>
  <rect width="10" height="10" fill="url(#g)" style="stroke: url( '#g' )"/><use xlink:href="#g"/>
  <!-- a comment -->
</svg>"##;
        assert_eq!(check_svg(ok), Ok(()));
        let refused = [
            (r#"<svg><script>alert(1)</script></svg>"#, "`<script>`"),
            (r#"<svg><SCRIPT>alert(1)</SCRIPT></svg>"#, "`<SCRIPT>`"),
            (
                r#"<svg xmlns:s="http://www.w3.org/2000/svg"><s:script/></svg>"#,
                "`<script>`",
            ),
            (r#"<svg onload="alert(1)"/>"#, "event handler (`onload`)"),
            (r#"<svg><g ONCLICK="x()"/></svg>"#, "event handler (`ONCLICK`)"),
            (
                r#"<svg><foreignObject><p>x</p></foreignObject></svg>"#,
                "`<foreignObject>`",
            ),
            (
                r#"<svg><a href="javascript:alert(1)"><rect/></a></svg>"#,
                "refers to `javascript:alert(1)`",
            ),
            (
                r#"<svg><a href="&#106;avascript:x"><rect/></a></svg>"#,
                "refers to `javascript:x`",
            ),
            (
                r#"<svg><image xlink:href="https://tracker.example/p.png"/></svg>"#,
                "refers to `https://tracker.example/p.png`",
            ),
            (r#"<svg><use href="other.svg#a"/></svg>"#, "refers to `other.svg#a`"),
            (
                r#"<svg><rect style="fill: url(https://x.example/a)"/></svg>"#,
                "`style` fetches",
            ),
            (
                r#"<svg><style>@import "https://x.example/a.css";</style></svg>"#,
                "`<style>` fetches",
            ),
            (
                r#"<svg><style><![CDATA[rect { fill: url(//x.example/a) }]]></style></svg>"#,
                "`<style>` fetches",
            ),
            (
                r#"<svg><style>rect { fill: u&#114;l(//x) }</style></svg>"#,
                "escaped character",
            ),
            (r#"<svg><set attributeName="href" to="javascript:x"/></svg>"#, "`<set>`"),
            (r#"<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>"#, "`<!DOCTYPE>`"),
            (
                r#"<?xml-stylesheet href="https://x.example/a.css"?><svg/>"#,
                "processing instruction",
            ),
            (r#"<html><svg/></html>"#, "outer element is `<html>`"),
            (r#"<svg><g></svg>"#, "not well-formed"),
            (r#"<svg><g>"#, "never closed"),
        ];
        for (svg, expected) in refused {
            let (offset, message) = check_svg(svg).expect_err(svg);
            assert!(message.contains(expected), "{svg}: {message}");
            assert!(offset <= svg.len(), "{svg}");
        }
        assert_eq!(
            check_svg("<svg>\n<g onclick=\"x\"/></svg>").unwrap_err().0,
            6,
            "the offset is the element's"
        );
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast([0, 0, 0], WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
        // The theme's own colours pass.
        assert!(contrast(parse_hex("#12355b").unwrap(), WHITE) >= AA);
        assert!(contrast(parse_hex("#005ea2").unwrap(), PANEL) >= AA);
        // #767676 is the lightest grey that passes on white; #777777 is not.
        assert!(contrast(parse_hex("#767676").unwrap(), WHITE) >= AA);
        assert!(contrast(parse_hex("#777").unwrap(), WHITE) < AA);
    }

    #[test]
    fn hex_colours_are_read_in_both_lengths() {
        assert_eq!(parse_hex("#fff"), Some(WHITE));
        assert_eq!(parse_hex("#12355b"), Some([0x12, 0x35, 0x5b]));
        assert_eq!(parse_hex("12355b"), None);
        assert_eq!(parse_hex("#12345"), None);
        assert_eq!(parse_hex("#ggg"), None);
    }
}

/// The eight bytes every PNG file begins with.
const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Elements a logo may not hold: they run code, embed other documents, or move (and an animation can
/// turn a link into `javascript:`).
const SVG_REFUSED_ELEMENTS: [&str; 11] = [
    "script",
    "foreignObject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "animate",
    "animateMotion",
    "animateTransform",
    "set",
];

/// Checks that an SVG logo is safe to publish on any host, even one that sends no Content-Security-Policy
/// (GitHub Pages): well-formed, an `<svg>` at its root, and nothing that runs or fetches — no script,
/// event handler, embedded document, animation, DTD, or reference to anything but a part of itself.
/// Returns the byte offset and the reason of the first problem.
pub fn check_svg(text: &str) -> Result<(), (usize, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let external = |value: &str| {
        let value = value.trim();
        !value.is_empty() && !value.starts_with('#')
    };
    // `url(…)` or `@import` that points anywhere but inside the file.
    let style_fetches = |css: &str| {
        let lower = css.to_ascii_lowercase();
        lower.contains("@import")
            || lower.match_indices("url(").any(|(i, _)| {
                let inside = lower[i + 4..].trim_start().trim_start_matches(['"', '\'']);
                !inside.starts_with('#')
            })
    };
    let mut depth = 0usize;
    let mut in_style = false;
    loop {
        let at = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                return Err((
                    reader.error_position() as usize,
                    format!("the logo is not well-formed SVG: {e}"),
                ))
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if depth == 0 && name != "svg" {
                    return Err((at, format!("the logo's outer element is `<{name}>`, not `<svg>`")));
                }
                if SVG_REFUSED_ELEMENTS.iter().any(|r| r.eq_ignore_ascii_case(&name)) {
                    return Err((
                        at,
                        format!("the logo holds a `<{name}>` element, which could run code or fetch something"),
                    ));
                }
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| (at, format!("the logo is not well-formed SVG: {e}")))?;
                    let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
                    let local = key.rsplit(':').next().unwrap_or(&key).to_ascii_lowercase();
                    let value = attr
                        .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, reader.decoder())
                        .map_err(|e| (at, format!("the logo is not well-formed SVG: {e}")))?;
                    if local.starts_with("on") {
                        return Err((at, format!("the logo has an event handler (`{key}`), which runs code")));
                    }
                    if (local == "href" || local == "src") && external(&value) {
                        return Err((
                            at,
                            format!("the logo refers to `{}` outside itself (`{key}`)", value.trim()),
                        ));
                    }
                    if style_fetches(&value) {
                        return Err((
                            at,
                            format!("the logo's `{key}` fetches something from outside the file"),
                        ));
                    }
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                    in_style = name == "style";
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                in_style = false;
            }
            Event::Text(ref t) if in_style && style_fetches(&String::from_utf8_lossy(t.as_ref())) => {
                return Err((
                    at,
                    "the logo's `<style>` fetches something from outside the file".into(),
                ));
            }
            Event::CData(ref t) if in_style && style_fetches(&String::from_utf8_lossy(t.as_ref())) => {
                return Err((
                    at,
                    "the logo's `<style>` fetches something from outside the file".into(),
                ));
            }
            Event::GeneralRef(_) if in_style => {
                return Err((
                    at,
                    "the logo's `<style>` uses an escaped character, which could hide a fetch".into(),
                ));
            }
            Event::DocType(_) => {
                return Err((
                    at,
                    "the logo has a `<!DOCTYPE>`, whose entities could expand or fetch; logos need none".into(),
                ));
            }
            Event::PI(_) => {
                return Err((
                    at,
                    "the logo has a processing instruction (`<?…?>`), which can load a stylesheet".into(),
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err((
            text.len(),
            "the logo is not well-formed SVG: an element is never closed".into(),
        ));
    }
    Ok(())
}

/// Reads and checks the logo `organisation.logo` names (`dir` is the folder of `site.yaml`, which it
/// must stay inside). Problems are placed in the logo file, or at the setting when it cannot be read.
/// `file` is `site.yaml` as shown in messages.
pub fn read_logo(
    tree: &crate::load::tree::Tree,
    logo: &Spanned<String>,
    file: &Path,
    dir: &Path,
    at: &dyn Fn(Diagnostic, serde_saphyr::Location) -> Diagnostic,
) -> Result<Vec<u8>, Diagnostic> {
    let path = dir.join(&logo.value);
    let shown = file.parent().unwrap_or(Path::new("")).join(&logo.value);
    let max = crate::load::source::MAX_DATA_BYTES;
    let bytes = tree.read_inside(dir, &path, &shown, max).map_err(|u| {
        u.into_diagnostic(|e| {
            at(
                Diagnostic::error(file, format!("cannot read the logo `{}`: {e}", logo.value)),
                logo.referenced,
            )
        })
    })?;
    if logo.value.ends_with(".png") {
        if !bytes.starts_with(PNG_SIGNATURE) {
            return Err(
                Diagnostic::error(&shown, "this file is named .png but is not a PNG image")
                    .with_hint("export the logo again as PNG, or as SVG"),
            );
        }
        return Ok(bytes);
    }
    let text = crate::load::source::decode(&shown, &bytes)?;
    if let Err((offset, message)) = check_svg(&text) {
        return Err(Diagnostic::error(&shown, message)
            .at_offset(&text, offset)
            .with_hint("export the logo again as plain SVG (in Inkscape: Save as → Plain SVG), with no scripts, links or embedded files"));
    }
    Ok(bytes)
}

/// The files the branding adds to the site: the colours' stylesheet and the logo, with content-hashed
/// names.
#[derive(Debug, Default)]
pub struct BrandAssets {
    pub css_url: Option<String>,
    pub logo_url: Option<String>,
    /// Output path → bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

impl BrandAssets {
    /// `logo` is the logo's file as `SiteConfig::load` read and checked it.
    pub fn new(organisation: &Organisation, colors: &Colors, logo: Option<&[u8]>) -> BrandAssets {
        let mut assets = BrandAssets::default();
        if let Some(css) = stylesheet(colors) {
            let path = format!("assets/brand.{}.css", crate::files::short_hash(css.as_bytes(), 10));
            assets.css_url = Some(format!("/{path}"));
            assets.files.push((path, css.into_bytes()));
        }
        if let (Some(logo), Some(bytes)) = (&organisation.logo, logo) {
            let ext = if logo.value.ends_with(".png") { "png" } else { "svg" };
            let path = format!("assets/logo.{}.{ext}", crate::files::short_hash(bytes, 10));
            assets.logo_url = Some(format!("/{path}"));
            assets.files.push((path, bytes.to_vec()));
        }
        assets
    }
}
