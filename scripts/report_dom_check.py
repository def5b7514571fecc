#!/usr/bin/env python3
"""Checks a rendered report's DOM (chromium --dump-dom) and screenshot.

  report_dom_check.py article DOM PNG CLASSIFY_JSON   every passage of every article is in the DOM
  report_dom_check.py evaluation DOM PNG ID...       every chart id is an <svg> in the DOM

Both also fail when the screenshot is blank (nearly one colour) and when the DOM holds a
<script>, an <img>, or an on* event attribute. Prints one line per problem; exit 1 on any.
"""
import html.parser
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import png_tools  # noqa: E402

# A real page has text and colour on at least this share of its pixels; a blank or
# error page (one background colour, maybe a line of text) has far less.
MIN_INK = 0.02


class DOM(html.parser.HTMLParser):
    """Collects svg ids, passage texts (class "text"), tag names and event attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.svg_ids, self.passages, self.tags, self.events = [], [], set(), []
        self.stack, self.capture = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        self.events += [name for name in attrs if name.startswith("on")]
        if tag == "svg" and attrs.get("id"):
            self.svg_ids.append(attrs["id"])
        if tag not in ("br", "meta", "link", "img", "input", "hr"):
            self.stack.append(tag)
            if tag == "p" and "text" in (attrs.get("class") or "").split():
                self.capture = (len(self.stack), [])

    def handle_endtag(self, tag):
        if self.capture and len(self.stack) == self.capture[0]:
            self.passages.append("".join(self.capture[1]))
            self.capture = None
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.capture:
            self.capture[1].append(data)


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def main(argv):
    if len(argv) < 4 or argv[0] not in ("article", "evaluation"):
        print(__doc__.strip(), file=sys.stderr)
        return 64
    kind, dom_path, png_path, rest = argv[0], argv[1], argv[2], argv[3:]
    problems = []
    dom = DOM()
    dom.feed(open(dom_path, encoding="utf-8").read())
    for tag in ("script", "img", "iframe"):
        if tag in dom.tags:
            problems.append(f"{dom_path}: DOM has a <{tag}> element")
    if dom.events:
        problems.append(f"{dom_path}: DOM has event attributes {sorted(set(dom.events))}")

    width, height, channels, rows = png_tools.read(png_path)
    ink = png_tools.ink_fraction(width, height, channels, rows)
    if width != 1280:
        problems.append(f"{png_path}: width {width}, expected 1280")
    if ink < MIN_INK:
        problems.append(f"{png_path}: page looks blank ({ink:.1%} of pixels differ from the background)")

    if kind == "article":
        results = json.load(open(rest[0], encoding="utf-8"))
        shown = {normalise(p) for p in dom.passages}
        expected = 0
        for article in results:
            for passage in article["passages"]:
                expected += 1
                if normalise(passage["text"]) not in shown:
                    problems.append(f"{dom_path}: passage {passage['index']} of {article['source']} missing: "
                                    f"{passage['text'][:60]!r}")
        summary = f"{len(results)} articles, {expected} passages all in the DOM"
    else:
        for chart in rest:
            if chart not in dom.svg_ids:
                problems.append(f"{dom_path}: no <svg id=\"{chart}\"> (found {dom.svg_ids})")
        summary = f"charts {', '.join(rest)} present"

    for problem in problems:
        print(problem)
    if not problems:
        print(f"ok: {os.path.basename(dom_path)}: {summary}; screenshot {width}x{height}, {ink:.0%} ink")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
