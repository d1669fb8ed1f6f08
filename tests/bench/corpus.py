#!/usr/bin/env python3
"""Writes a deterministic bilingual Puente site of N page pairs over 20 sections, for benchmarks.

Usage: tests/bench/corpus.py --pages 5000 DIR
Each page has about 1,000 words: headings, a list, a table, internal links, an external link and a
blockquote, and valid front matter. DIR gets content/ (with site.yaml); use it with
`puente build --content DIR/content`.
"""
import argparse
import os
import random

WORDS_EN = ("parole permission travel document form evidence sponsor request decision officer border "
            "family medical emergency status application review support letter country program date "
            "reason case time office court judge notice record").split()
WORDS_ES = ("parole permiso viaje documento formulario prueba patrocinador solicitud decisión oficial "
            "frontera familia médica emergencia estatus aplicación revisión apoyo carta país programa "
            "fecha razón caso tiempo oficina corte juez aviso registro").split()
SECTIONS = 20


def paragraph(rng, words, n):
    text = " ".join(rng.choice(words) for _ in range(n))
    return text[0].upper() + text[1:] + "."


def body(rng, words, section, index, pages_per_section, lang):
    out = []
    other = (index + 1) % pages_per_section
    heading = "Section" if lang == "en" else "Sección"
    for h in range(6):
        out.append(f"## {heading} {h + 1}\n")
        out.append(paragraph(rng, words, 60) + "\n")
        out.append(paragraph(rng, words, 40) + f" [{words[h]}](page-{other}.md#{'section' if lang == 'en' else 'seccion'}-{h + 1}).\n")
        if h == 1:
            out.extend(f"- {paragraph(rng, words, 8)}\n" for _ in range(5))
            out.append("")
        if h == 2:
            out.append("| A | B | C |\n|---|---|---|\n" + "".join(f"| {rng.choice(words)} | {rng.choice(words)} | {i} |\n" for i in range(4)))
        if h == 3:
            out.append("> " + paragraph(rng, words, 30) + "\n")
        if h == 4:
            out.append(f"See [USCIS](https://www.uscis.gov/) and [the section](../section-{(section + 1) % SECTIONS}/_index.md).\n")
    return "\n".join(out)


def front(title, description, weight, slug=None):
    lines = ["---", f'title: "{title}"', f'description: "{description}"', "last_reviewed: 2026-11-25",
             "sources:", "  - title: USCIS", "    url: https://www.uscis.gov/", f"weight: {weight}"]
    if slug:
        lines.append(f"slug: {slug}")
    return "\n".join(lines) + "\n---\n\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, required=True, help="page pairs (each in English and Spanish)")
    parser.add_argument("dir")
    args = parser.parse_args()
    content = os.path.join(args.dir, "content")
    per = max(1, args.pages // SECTIONS)
    with open(os.path.join(os.path.dirname(__file__), "site.yaml")) as f:
        site = f.read()
    os.makedirs(content, exist_ok=True)
    with open(os.path.join(content, "site.yaml"), "w") as f:
        f.write(site)
    for lang, words in (("en", WORDS_EN), ("es", WORDS_ES)):
        rng = random.Random(7)
        root = os.path.join(content, lang)
        os.makedirs(os.path.join(root, "help"), exist_ok=True)
        home = "Home" if lang == "en" else "Inicio"
        with open(os.path.join(root, "_index.md"), "w") as f:
            f.write(front(home, home, 0) + "[help](help/legal-help.md)\n")
        with open(os.path.join(root, "help", "_index.md"), "w") as f:
            f.write(front("Help" if lang == "en" else "Ayuda", "Help", 100) + "Help.\n")
        with open(os.path.join(root, "help", "legal-help.md"), "w") as f:
            f.write(front("Legal help" if lang == "en" else "Ayuda legal", "Help", 1) + "Help.\n")
        for s in range(SECTIONS):
            folder = os.path.join(root, f"section-{s}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, "_index.md"), "w") as f:
                f.write(front(f"Section {s}", f"Section {s}", s, slug=f"seccion-{s}" if lang == "es" else None) + paragraph(rng, words, 50) + "\n")
            for p in range(per):
                with open(os.path.join(folder, f"page-{p}.md"), "w") as f:
                    slug = f"pagina-{p}" if lang == "es" else None
                    f.write(front(f"Page {s}.{p}", f"Page {p} of section {s}", p, slug) + body(rng, words, s, p, per, lang))


if __name__ == "__main__":
    main()
