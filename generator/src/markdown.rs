//! Markdown → HTML with pulldown-cmark: readable heading ids, callouts from GitHub alerts, tables that
//! scroll on phones, internal links rewritten by the caller, and raw HTML shown as text.

use puente_core::anchor::{anchor, AnchorSet};
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A heading of a page body, with the id it gets in the HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// The words a callout or table is announced with, in the page's language.
#[derive(Clone, Copy, Debug)]
pub struct Labels<'a> {
    pub note: &'a str,
    pub tip: &'a str,
    pub important: &'a str,
    pub warning: &'a str,
    pub caution: &'a str,
    pub table: &'a str,
}

/// Something in the body that was rendered, but that the editor should hear about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Byte offset in the body.
    pub offset: usize,
    pub is_error: bool,
    pub message: String,
    pub hint: String,
}

/// A ```` ```widget ```` block: where it is and the YAML inside. Its HTML replaces [`widget_placeholder`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetBlock {
    /// Byte offset of the block's first YAML line in the body.
    pub offset: usize,
    pub yaml: String,
}

impl WidgetBlock {
    /// The widget's name, read from its `name:` line (the full YAML is checked when it is rendered).
    pub fn name(&self) -> Option<&str> {
        self.yaml
            .lines()
            .find_map(|l| l.trim().strip_prefix("name:"))
            .map(|n| n.trim().trim_matches(['"', '\'']))
    }
}

/// The names of the widgets `body` places, in order.
pub fn widget_names(body: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut in_widget = false;
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => in_widget = lang.trim() == "widget",
            Event::Text(text) if in_widget => {
                let block = WidgetBlock {
                    offset: 0,
                    yaml: text.to_string(),
                };
                names.extend(block.name().map(str::to_string));
            }
            Event::End(TagEnd::CodeBlock) => in_widget = false,
            _ => {}
        }
    }
    names
}

/// The marker left in the HTML where widget block `index` goes. Raw HTML in pages is escaped, so a page
/// cannot fake it.
pub fn widget_placeholder(index: usize) -> String {
    format!("<!--puente-widget-{index}-->")
}

/// A rendered body.
#[derive(Debug)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub notes: Vec<Note>,
    pub widgets: Vec<WidgetBlock>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// The headings of a body, with their ids, in order. [`render`] gives the same ids.
pub fn headings(body: &str) -> Vec<Heading> {
    let events: Vec<Event<'_>> = Parser::new_ext(body, options()).collect();
    collect_headings(&events)
}

fn collect_headings(events: &[Event<'_>]) -> Vec<Heading> {
    let mut ids = AnchorSet::new();
    let mut found = Vec::new();
    let mut current: Option<(u8, Option<String>, String)> = None;
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((level_number(*level), id.as_ref().map(|i| i.to_string()), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = current.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = current.take() {
                    let wanted = explicit.unwrap_or_else(|| anchor(&text));
                    let id = ids.unique(&wanted, "section");
                    found.push(Heading {
                        level,
                        text: text.trim().to_string(),
                        id,
                    });
                }
            }
            _ => {}
        }
    }
    found
}

/// The plain text of `body` split at its headings, for the search index: (heading id, heading text,
/// text under it). The text before the first heading comes first, with an empty id and heading. Widget
/// blocks, HTML comments and callout markers (`[!NOTE]`) are left out; heading ids are the ones the page
/// is rendered with.
pub fn sections(body: &str) -> Vec<(String, String, String)> {
    let events: Vec<Event<'_>> = Parser::new_ext(body, options()).collect();
    let headings = collect_headings(&events);
    let mut next_heading = headings.into_iter();
    let mut found = vec![(String::new(), String::new(), String::new())];
    let mut in_heading = false;
    let mut in_widget = false;
    for event in &events {
        let text = &mut found.last_mut().expect("starts with one section").2;
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                let h = next_heading.next().unwrap_or(Heading {
                    level: 0,
                    text: String::new(),
                    id: String::new(),
                });
                found.push((h.id, h.text, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if lang.trim() == "widget" => in_widget = true,
            Event::End(TagEnd::CodeBlock) if in_widget => in_widget = false,
            Event::Text(t) | Event::Code(t) if !in_heading && !in_widget => {
                let t = t.trim_start_matches("[!NOTE]").trim_start_matches("[!TIP]");
                let t = t.trim_start_matches("[!IMPORTANT]").trim_start_matches("[!WARNING]");
                text.push_str(t.trim_start_matches("[!CAUTION]"));
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock)
                if !text.ends_with(' ') && !text.is_empty() =>
            {
                text.push(' ');
            }
            _ => {}
        }
    }
    for section in &mut found {
        section.2 = section.2.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if found[0].2.is_empty() && found.len() > 1 {
        found.remove(0);
    }
    found
}

/// How deeply Markdown may nest: lists in lists, quotes in quotes, emphasis in emphasis, counted as
/// elements open at one point. A page that needs a tenth of this is already hard to read; the limit is
/// there because a page nesting thousands deep (pasted or hostile) would otherwise exhaust the stack of
/// the HTML minifier and abort the build.
pub const MAX_NESTING: usize = 32;

/// Renders `body`. `link` receives each link's destination and byte offset and returns the address to
/// use (it reports problems itself).
pub fn render(body: &str, labels: Labels<'_>, link: &mut dyn FnMut(&str, usize) -> String) -> Rendered {
    let parsed: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(body, options()).into_offset_iter().collect();
    let plain: Vec<Event<'_>> = parsed.iter().map(|(e, _)| e.clone()).collect();
    let headings = collect_headings(&plain);
    let mut next_heading = headings.iter();
    let mut notes = Vec::new();
    let mut widgets: Vec<WidgetBlock> = Vec::new();
    let mut in_widget: Option<WidgetBlock> = None;
    let mut in_comment = false;
    let mut out: Vec<Event<'_>> = Vec::with_capacity(parsed.len());
    let mut depth = 0usize;
    let mut too_deep = false;
    for (event, range) in parsed {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING && !too_deep {
            too_deep = true;
            notes.push(Note {
                offset: range.start,
                is_error: true,
                message: format!(
                    "the text nests more than {MAX_NESTING} levels deep here (lists in lists, quotes in quotes, or emphasis in emphasis)"
                ),
                hint: "flatten it: a list or quote a few levels deep is already hard to follow; split it into short sections with `##` headings".into(),
            });
        }
        if let Some(block) = in_widget.as_mut() {
            match event {
                Event::Text(text) => {
                    if block.yaml.is_empty() {
                        block.offset = range.start;
                    }
                    block.yaml.push_str(&text);
                }
                Event::End(TagEnd::CodeBlock) => {
                    out.push(Event::Html(widget_placeholder(widgets.len()).into()));
                    widgets.extend(in_widget.take());
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref lang))) if lang.trim() == "widget" => {
                in_widget = Some(WidgetBlock {
                    offset: range.start,
                    yaml: String::new(),
                });
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let id = next_heading.next().map_or("", |h| h.id.as_str());
                let n = if level == HeadingLevel::H1 {
                    notes.push(Note {
                        offset: range.start,
                        is_error: false,
                        message: "a level-1 heading (`#`) in the text is shown as level 2".into(),
                        hint: "the title is the page's only level-1 heading; start sections with `##`".into(),
                    });
                    2
                } else {
                    level_number(level)
                };
                out.push(Event::Html(format!("<h{n} id=\"{}\">", escape(id)).into()));
            }
            Event::End(TagEnd::Heading(level)) => {
                let n = level_number(level).max(2);
                out.push(Event::Html(format!("</h{n}>").into()));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = callout(kind, labels);
                out.push(Event::Html(
                    format!(
                        "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{}</p>",
                        escape(label)
                    )
                    .into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => out.push(Event::Html("</div>".into())),
            Event::Start(Tag::Table(alignments)) => {
                out.push(Event::Html(
                    format!(
                        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
                        escape(labels.table)
                    )
                    .into(),
                ));
                out.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html("</div>".into()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = link(&dest_url, range.start);
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::from(dest),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image { .. }) => {
                notes.push(Note {
                    offset: range.start,
                    is_error: true,
                    message: "images are not supported in pages".into(),
                    hint: "describe the picture in words; an image from another site would also reveal readers to it"
                        .into(),
                });
            }
            Event::End(TagEnd::Image) => {}
            Event::Html(html) | Event::InlineHtml(html) if in_comment || html.trim_start().starts_with("<!--") => {
                // An editor's note, possibly over several lines: never shown to readers.
                in_comment = !html.contains("-->");
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if !html.trim().is_empty() {
                    notes.push(Note {
                        offset: range.start,
                        is_error: false,
                        message: "raw HTML is shown as text".into(),
                        hint: "write Markdown instead; HTML in pages is never run, so no script can enter the site"
                            .into(),
                    });
                }
                out.push(Event::Text(html));
            }
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            other => out.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    if too_deep {
        // The page is refused; what is shown meanwhile (the error overlay of `serve`) stays flat.
        out = vec![
            Event::Start(Tag::Paragraph),
            Event::Text(body.into()),
            Event::End(TagEnd::Paragraph),
        ];
    }
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    // A block that held only an editor's comment leaves an empty paragraph.
    let html = html.replace("<p></p>\n", "");
    Rendered {
        html,
        headings,
        notes,
        widgets,
    }
}

fn callout(kind: BlockQuoteKind, labels: Labels<'_>) -> (&'static str, &str) {
    match kind {
        BlockQuoteKind::Note => ("note", labels.note),
        BlockQuoteKind::Tip => ("tip", labels.tip),
        BlockQuoteKind::Important => ("important", labels.important),
        BlockQuoteKind::Warning => ("warning", labels.warning),
        BlockQuoteKind::Caution => ("caution", labels.caution),
    }
}

/// Escapes text for an HTML attribute or element.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABELS: Labels<'static> = Labels {
        note: "Note",
        tip: "Tip",
        important: "Important",
        warning: "Warning",
        caution: "Caution",
        table: "Table",
    };

    fn html(body: &str) -> String {
        render(body, LABELS, &mut |d, _| d.to_string()).html
    }

    #[test]
    fn spanish_headings_get_readable_unique_ids() {
        let body = "## ¿Qué es el parole?\n\n## Tarifas\n\n## Tarifas\n\n### Custom {#mine}\n";
        let ids: Vec<_> = headings(body).into_iter().map(|h| h.id).collect();
        assert_eq!(ids, ["que-es-el-parole", "tarifas", "tarifas-2", "mine"]);
        assert!(html(body).contains("<h2 id=\"que-es-el-parole\">¿Qué es el parole?</h2>"));
    }

    #[test]
    fn alerts_become_labelled_callouts() {
        let out = html("> [!WARNING]\n> Leaving ends parole.\n");
        assert_eq!(
            out,
            "<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Warning</p>\n<p>Leaving ends parole.</p>\n</div>"
        );
    }

    #[test]
    fn raw_html_is_shown_as_text_and_reported() {
        let r = render("<script>alert(1)</script>\n\nHi <b>x</b>\n", LABELS, &mut |d, _| {
            d.to_string()
        });
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"));
        assert!(!r.html.contains("<b>"));
        assert_eq!(r.notes.len(), 3);
    }

    #[test]
    fn html_comments_are_editors_notes_and_vanish() {
        let r = render(
            "Text <!-- check the fee -->\n\n<!-- a block note -->\n",
            LABELS,
            &mut |d, _| d.to_string(),
        );
        assert_eq!(r.html, "<p>Text </p>\n");
        assert!(r.notes.is_empty());
    }

    #[test]
    fn links_are_rewritten_by_the_caller_with_their_offsets() {
        let mut seen = Vec::new();
        let out = render("See [fees](fees.md#cost).\n", LABELS, &mut |d, at| {
            seen.push((d.to_string(), at));
            "/en/fees/#cost".to_string()
        });
        assert_eq!(seen, [("fees.md#cost".to_string(), 4)]);
        assert!(out.html.contains("<a href=\"/en/fees/#cost\">fees</a>"));
    }

    #[test]
    fn tables_scroll_in_a_focusable_labelled_region() {
        let out = html("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(
            out.starts_with("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\"><table>")
        );
        assert!(out.ends_with("</table>\n</div>"));
    }

    #[test]
    fn widget_blocks_leave_a_placeholder_and_their_yaml() {
        let r = render(
            "Before\n\n```widget\nname: unlawful-presence\n```\n\nAfter\n",
            LABELS,
            &mut |d, _| d.to_string(),
        );
        assert_eq!(
            r.widgets,
            [WidgetBlock {
                offset: 18,
                yaml: "name: unlawful-presence\n".into()
            }]
        );
        assert_eq!(r.html, "<p>Before</p>\n<!--puente-widget-0-->\n<p>After</p>\n");
    }

    #[test]
    fn nesting_past_the_limit_is_an_error_at_its_place_and_renders_flat() {
        for body in [
            format!("Intro\n\n{} deep", "> ".repeat(3000)),
            format!("Intro\n\n{}x", "- ".repeat(10_000)),
            format!("Intro\n\n{}x", "1. ".repeat(10_000)),
            format!("Intro\n\n{}a{}", "*".repeat(20_000), "*".repeat(20_000)),
        ] {
            let rendered = render(&body, LABELS, &mut |d, _| d.to_string());
            let errors: Vec<_> = rendered.notes.iter().filter(|n| n.is_error).collect();
            assert_eq!(errors.len(), 1, "{:?}", rendered.notes);
            assert!(errors[0].message.contains("more than 32 levels deep"));
            assert!(errors[0].offset >= "Intro\n\n".len());
            assert!(!rendered.html.contains("<blockquote>") && !rendered.html.contains("<li>"));
        }
        let fine = format!("{}x", "> ".repeat(MAX_NESTING - 1));
        assert!(render(&fine, LABELS, &mut |d, _| d.to_string()).notes.is_empty());
    }

    #[test]
    fn footnotes_and_strikethrough_render() {
        let out = html("Text[^1] ~~old~~\n\n[^1]: Source.\n");
        assert!(out.contains("<del>old</del>"));
        assert!(out.contains("footnote-definition"));
    }

    #[test]
    fn sections_split_plain_text_at_headings_with_the_rendered_ids() {
        let body = "Intro *text*.\n\n## Cost\n\n> [!NOTE]\n> The fee is $630.\n\n```widget\nname: x\n```\n\n## Cost\n\n- one\n- two\n";
        assert_eq!(
            sections(body),
            [
                ("".to_string(), "".to_string(), "Intro text.".to_string()),
                ("cost".to_string(), "Cost".to_string(), "The fee is $630.".to_string()),
                ("cost-2".to_string(), "Cost".to_string(), "one two".to_string()),
            ]
        );
    }

    #[test]
    fn widget_names_come_from_the_blocks_only() {
        let body =
            "The eligibility guide is below.\n\n```widget\nname: eligibility\n```\n\n```yaml\nname: other\n```\n";
        assert_eq!(widget_names(body), ["eligibility"]);
    }
}
