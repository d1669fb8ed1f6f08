#!/usr/bin/env python3
"""Writes a deterministic bilingual site of N page pairs over 20 sections, for benchmarks: as a Puente
content folder and, with --hugo, the same pages as a Hugo site.

Usage: tests/bench/corpus.py --pages 5000 DIR [--hugo HUGO_DIR]
       tests/bench/corpus.py --pages 5000 --hugo HUGO_DIR        (the Hugo site only)

Pages: a home page, help/_index.md and help/legal-help.md, and 20 sections (section-0 … section-19, each an
_index.md) sharing the N pages (section-S/page-P.md), in English and Spanish (Spanish slugs seccion-S and
pagina-P). Each page has about 1,000 words: six `## Section N` (`## Sección N`) headings, paragraphs,
a list, a table, a blockquote, links to another page's headings (`page-P.md#section-N`), to another
section and to an external site, and valid front matter. The text is drawn from a vocabulary per language
of common and domain words plus 3,000 made-up words, with a Zipf-like distribution (the k-th word is
about 1/k as frequent as the first), so word frequencies look like real text. Same N, same files, byte
for byte.

DIR gets content/ (site.yaml, en/, es/); build it with `puente build --content DIR/content`.

HUGO_DIR gets hugo.toml (two languages, content/en and content/es, pages paired by path as in Puente;
no RSS or taxonomies; minified output), small templates in layouts/ (base layout with the section nav
and translation links, section list, page with table of contents and pager, home, A–Z, 404),
static/site.css (the default theme's stylesheet) and the same pages under content/. The page bodies are
the same text; only the internal links differ: Hugo does not resolve links to .md files, so they are
written as `{{< relref "page-P.md#section-N" >}}`, which Hugo resolves and checks at build time as Puente
checks its links. Front matter gains date and lastmod (from last_reviewed), weights are shifted by one
(Hugo sorts weight 0 last) and Spanish sections get a `url:` (Hugo ignores `slug:` on sections). Hugo
also gets an a-z.md per language, as Puente makes an A–Z page per language without one. Build it with
`hugo --source HUGO_DIR --destination OUT`.
"""
import argparse
import bisect
import itertools
import os
import random
import re

SECTIONS = 20
PSEUDO_WORDS = 3000
REVIEWED = "2026-11-25"

# The most frequent words first: common words, then the subject's words, then made-up words.
WORDS_EN = ("the of and to a in is that for it as with be on not this are by or from at have an they which "
            "you can if your may will their more any other must also when who has was there what about after "
            "before some these them only all "
            "parole permission travel document form evidence sponsor request decision officer border "
            "family medical emergency status application review support letter country program date "
            "reason case time office court judge notice record").split()
WORDS_ES = ("de la que el en y a los se del las un por con no una su para es al lo como más o pero sus le ha "
            "si sin sobre este ya entre cuando todo esta ser son dos también fue puede hay desde muy todos "
            "durante antes otros debe usted "
            "parole permiso viaje documento formulario prueba patrocinador solicitud decisión oficial "
            "frontera familia médica emergencia estatus aplicación revisión apoyo carta país programa "
            "fecha razón caso tiempo oficina corte juez aviso registro").split()

SYLLABLES_EN = ([o + v + c for o in ("b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v",
                                      "w", "br", "cl", "dr", "gr", "pl", "pr", "st", "tr", "sh", "ch", "th", "")
                 for v in ("a", "e", "i", "o", "u", "ea", "ou", "ai")
                 for c in ("", "", "", "n", "r", "s", "t", "l", "nd", "st", "ck")])
SYLLABLES_ES = ([o + v + c for o in ("b", "c", "d", "f", "g", "j", "l", "ll", "m", "n", "ñ", "p", "r", "s",
                                      "t", "v", "z", "ch", "br", "cr", "dr", "gr", "pl", "pr", "tr", "qu", "")
                 for v in ("a", "e", "i", "o", "u", "a", "e", "o", "á", "é", "í", "ó", "ú", "ia", "ie", "ue", "io")
                 for c in ("", "", "", "", "n", "s", "r", "l")])


def vocabulary(real, syllables, seed):
    """The real words, then PSEUDO_WORDS made-up ones of one to four syllables (with one accented vowel at
    most), and the cumulative Zipf weights to draw them with."""
    rng = random.Random(seed)
    words = list(real)
    seen = set(words)
    accented = str.maketrans("áéíóú", "aeiou")
    while len(words) < len(real) + PSEUDO_WORDS:
        word = "".join(rng.choice(syllables) for _ in range(rng.choice((1, 2, 2, 2, 3, 3, 3, 4))))
        if sum(ch in "áéíóú" for ch in word) > 1:
            first = next(i for i, ch in enumerate(word) if ch in "áéíóú")
            word = word[:first + 1] + word[first + 1:].translate(accented)
        word = re.sub(r"(.)\1\1+", r"\1\1", word)  # no "lll"
        if len(word) < 3 or word in seen:
            continue
        seen.add(word)
        words.append(word)
    weights = list(itertools.accumulate(1 / (i + 1) for i in range(len(words))))
    return words, weights


class Text:
    """Draws words from a vocabulary with Zipf weights."""

    def __init__(self, rng, words, weights):
        self.rng, self.words, self.weights = rng, words, weights
        self.total = weights[-1]
        self.last = len(words) - 1

    def words_(self, n):
        # What random.choices(words, cum_weights=weights, k=n) does, without its per-call checks.
        random_, total, weights, words, last = self.rng.random, self.total, self.weights, self.words, self.last
        return [words[bisect.bisect(weights, random_() * total, 0, last)] for _ in range(n)]

    def word(self):
        return self.words_(1)[0]

    def paragraph(self, n):
        text = " ".join(self.words_(n))
        return text[0].upper() + text[1:] + "."


# Internal links are written as LINK_OPEN target LINK_CLOSE and rendered for each generator.
LINK_OPEN, LINK_CLOSE = "\x00", "\x01"
LINK = re.compile(f"{LINK_OPEN}([^{LINK_CLOSE}]*){LINK_CLOSE}")


def link(target):
    return f"{LINK_OPEN}{target}{LINK_CLOSE}"


def puente_links(text):
    return LINK.sub(lambda m: m.group(1), text)


def hugo_links(text):
    return LINK.sub(lambda m: '{{< relref "' + m.group(1) + '" >}}', text)


def body(text, section, index, pages_per_section, lang):
    out = []
    other = (index + 1) % pages_per_section
    heading, anchor = ("Section", "section") if lang == "en" else ("Sección", "seccion")
    for h in range(6):
        out.append(f"## {heading} {h + 1}\n")
        out.append(text.paragraph(90) + "\n")
        out.append(text.paragraph(60) + f" [{text.word()}]({link(f'page-{other}.md#{anchor}-{h + 1}')}).\n")
        if h == 1:
            out.extend(f"- {text.paragraph(8)}\n" for _ in range(5))
            out.append("")
        if h == 2:
            out.append("| A | B | C |\n|---|---|---|\n"
                       + "".join(f"| {text.word()} | {text.word()} | {i} |\n" for i in range(4)))
        if h == 3:
            out.append("> " + text.paragraph(30) + "\n")
        if h == 4:
            out.append(f"See [USCIS](https://www.uscis.gov/) and "
                       f"[the section]({link(f'../section-{(section + 1) % SECTIONS}/_index.md')}).\n")
    return "\n".join(out)


def front(title, description, weight, slug=None, hugo=False, url=None):
    lines = ["---", f'title: "{title}"', f'description: "{description}"', f"last_reviewed: {REVIEWED}",
             "sources:", "  - title: USCIS", "    url: https://www.uscis.gov/"]
    if hugo:
        # Hugo treats weight 0 as "no weight" and sorts it last: shift so the order is Puente's.
        lines += [f"weight: {weight + 1}", f"date: {REVIEWED}", f"lastmod: {REVIEWED}"]
        if url:
            lines.append(f"url: {url}")
    else:
        lines.append(f"weight: {weight}")
    if slug:
        lines.append(f"slug: {slug}")
    return "\n".join(lines) + "\n---\n\n"


def pages(lang, words, weights, per):
    """Every page of one language: (path under the language folder, front matter arguments, body)."""
    text = Text(random.Random(7), words, weights)
    home = "Home" if lang == "en" else "Inicio"
    yield "_index.md", dict(title=home, description=home, weight=0), f"[help]({link('help/legal-help.md')})\n"
    yield "help/_index.md", dict(title="Help" if lang == "en" else "Ayuda", description="Help", weight=100), "Help.\n"
    yield ("help/legal-help.md", dict(title="Legal help" if lang == "en" else "Ayuda legal", description="Help",
                                      weight=1), "Help.\n")
    for s in range(SECTIONS):
        slug = f"seccion-{s}" if lang == "es" else None
        yield (f"section-{s}/_index.md", dict(title=f"Section {s}", description=f"Section {s}", weight=s, slug=slug),
               text.paragraph(50) + "\n")
        for p in range(per):
            slug = f"pagina-{p}" if lang == "es" else None
            yield (f"section-{s}/page-{p}.md",
                   dict(title=f"Page {s}.{p}", description=f"Page {p} of section {s}", weight=p, slug=slug),
                   body(text, s, p, per, lang))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


HUGO_CONFIG = """\
# Written by tests/bench/corpus.py: the benchmark corpus as a Hugo site, comparable with Puente's build.
baseURL = "https://bench.example.org/"
title = "Benchmark"
defaultContentLanguage = "en"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS"]
buildFuture = true
enableRobotsTXT = true

[minify]
minifyOutput = true

[markup.goldmark.parser]
# "Sección 1" gets the id "seccion-1", as in Puente.
autoHeadingIDType = "github-ascii"

[languages.en]
contentDir = "content/en"
languageName = "English"
weight = 1
[languages.en.params]
description = "A generated site for benchmarks."

[languages.es]
contentDir = "content/es"
languageName = "Español"
weight = 2
[languages.es.params]
description = "Un sitio generado para medir."
[languages.es.permalinks]
{es_permalinks}
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!doctype html>
<html lang="{{ .Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} · {{ .Site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="/site.css">
</head>
<body>
<header class="site-header">
<a class="brand" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav aria-label="Language" class="lang-switch"><ul>
<li><span aria-current="true" lang="{{ .Lang }}">{{ .Language.LanguageName }}</span></li>
{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}" lang="{{ .Lang }}">{{ .Language.LanguageName }}</a></li>
{{ end }}</ul></nav>
<nav aria-label="Main" class="site-nav"><ul>
{{ $current := .Section }}{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}"{{ if eq .Section $current }} aria-current="true"{{ end }}>{{ .Title }}</a></li>
{{ end }}</ul></nav>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
<p><strong>This is not legal advice.</strong> {{ with .Site.GetPage "/help/legal-help" }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</p>
</footer>
</body>
</html>
""",
    "partials/article.html": """\
<nav aria-label="You are here" class="breadcrumbs"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
<li><span aria-current="page">{{ .Title }}</span></li></ol></nav>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Description }}</p>
<p class="meta"><time datetime="{{ .Lastmod.Format "2006-01-02" }}">{{ .Lastmod.Format "January 2, 2006" }}</time></p>
""",
    "partials/sources.html": """\
{{ with .Params.sources }}<section class="sources"><h2>Sources</h2><ol>
{{ range . }}<li><a href="{{ .url }}">{{ .title }}</a></li>{{ end }}
</ol></section>{{ end }}
""",
    "_default/single.html": """\
{{ define "main" }}<article>
{{ partial "article.html" . }}
<nav class="toc"><h2>On this page</h2>{{ .TableOfContents }}</nav>
<div class="prose">{{ .Content }}</div>
<nav class="pager">{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ partial "sources.html" . }}
</article>{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}<article>
{{ partial "article.html" . }}
<div class="prose">{{ .Content }}</div>
<section class="children"><h2>In this section</h2><ul class="cards">
{{ range .Pages }}<li class="card"><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>
{{ end }}</ul></section>
{{ partial "sources.html" . }}
</article>{{ end }}
""",
    "index.html": """\
{{ define "main" }}<article>
<h1>{{ .Site.Title }}</h1>
<div class="prose">{{ .Content }}</div>
<ul class="cards">
{{ range .Site.Sections }}<li class="card"><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>
{{ end }}</ul>
</article>{{ end }}
""",
    "_default/a-z.html": """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Description }}</p>
<ul class="az-list">
{{ range .Site.Pages.ByTitle }}{{ if in (slice "home" "section" "page") .Kind }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><br>{{ .Description }}</li>
{{ end }}{{ end }}</ul>
</article>{{ end }}
""",
    "404.html": """\
{{ define "main" }}<h1>Not found</h1><p><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a></p>{{ end }}
""",
}

FALLBACK_CSS = "body{font-family:system-ui,sans-serif;max-width:45rem;margin:0 auto;padding:1rem}\n"


def write_hugo(hugo_dir):
    permalinks = "\n".join(f'section-{s} = "/seccion-{s}/:slug/"' for s in range(SECTIONS))
    write(os.path.join(hugo_dir, "hugo.toml"), HUGO_CONFIG.format(es_permalinks=permalinks))
    for name, template in HUGO_LAYOUTS.items():
        write(os.path.join(hugo_dir, "layouts", name), template)
    css = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "themes", "default", "static", "site.css")
    try:
        with open(css, encoding="utf-8") as f:
            stylesheet = f.read()
    except OSError:
        stylesheet = FALLBACK_CSS
    write(os.path.join(hugo_dir, "static", "site.css"), stylesheet)
    # Puente writes an A–Z page per language by itself; Hugo needs a page for it.
    for lang, title in (("en", "A–Z index"), ("es", "Índice A–Z")):
        write(os.path.join(hugo_dir, "content", lang, "a-z.md"),
              front(title, title, 0, hugo=True).replace("---\n\n", "layout: a-z\n---\n\n"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, required=True, help="page pairs (each in English and Spanish)")
    parser.add_argument("--hugo", metavar="HUGO_DIR", help="also write the same pages as a Hugo site here")
    parser.add_argument("dir", nargs="?", help="where to write the Puente content (DIR/content)")
    args = parser.parse_args()
    if not args.dir and not args.hugo:
        parser.error("give DIR, --hugo HUGO_DIR, or both")
    per = max(1, args.pages // SECTIONS)
    content = os.path.join(args.dir, "content") if args.dir else None
    if content:
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "site.yaml"), encoding="utf-8") as f:
            write(os.path.join(content, "site.yaml"), f.read())
    if args.hugo:
        write_hugo(args.hugo)
    for lang, real, syllables, seed in (("en", WORDS_EN, SYLLABLES_EN, 11), ("es", WORDS_ES, SYLLABLES_ES, 13)):
        words, weights = vocabulary(real, syllables, seed)
        for path, fields, text in pages(lang, words, weights, per):
            if content:
                write(os.path.join(content, lang, path), front(**fields) + puente_links(text))
            if args.hugo:
                hugo_fields = dict(fields, hugo=True)
                if lang == "es" and path.endswith("/_index.md") and fields.get("slug"):
                    # Hugo ignores `slug:` on a section page; its address is given whole.
                    hugo_fields["url"] = f"/es/{hugo_fields.pop('slug')}/"
                write(os.path.join(args.hugo, "content", lang, path), front(**hugo_fields) + hugo_links(text))


if __name__ == "__main__":
    main()
