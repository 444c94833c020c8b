"""A page of blocks written as one self-contained HTML file: the run's, the backtest's and the demo's
pages alike (``reportpage`` lays out their blocks). Every page has the one head written here (its
charset, its title, the viewport a phone needs to lay the page out at its own width, the style), so
no page lacks what another has.

On a narrow screen (a phone, 420 px) the page itself never scrolls sideways: a table wider than the
screen scrolls in its own box (``overflow-x: auto``), an image is scaled to the screen's width, and a
long word (a column name, a path) breaks rather than widening the page.

Printed (``@media print``, decision 9403), a table shows every column (no scroll box, whose bar a printer would paint
across a row, and a smaller font), a heading is never left alone at a page's foot, and a picture is not split.

Blocks: ``("h2", text)``, ``("p", text)``, ``("hint", text)``, ``("verdict", good, sentence[, unproven])``
(``unproven``: a lower MSE not beyond chance, shown neither good nor bad), ``("list", items)``,
``("terms", [(term, meaning), ...])``, ``("table", rows)`` (the first row the header) and ``("img", png_bytes, alt)``
or ``("img", png_bytes, alt, words)``, ``words`` the text drawn in it (``figure_words``: its titles, axis labels,
legend), which the page's glossary reads as it reads the page's text.
"""

from __future__ import annotations

import base64
import html

from rnncast import webfont
from rnncast.glossary import words_on

CSS = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
h1, h2, p, li { overflow-wrap: anywhere; }
.scroll { overflow-x: auto; max-width: 100%; margin: 0.5em 0 1.5em; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
th { background: #f2f2f2; }
img { max-width: 100%; height: auto; border: 1px solid #ddd; }
.good { background: #e7f6e7; border-left: 5px solid #2a2; padding: 0.6em 1em; }
.bad { background: #fdeaea; border-left: 5px solid #c22; padding: 0.6em 1em; }
.unproven { background: #eef2f8; border-left: 5px solid #5a7bb0; padding: 0.6em 1em; }
.hint { background: #fff8e1; border-left: 5px solid #d9a400; padding: 0.6em 1em; }
@media print {
  body { max-width: none; margin: 0; padding: 0; }
  .scroll { overflow: visible; }
  table { font-size: 0.72em; }
  th, td { padding: 0.15em 0.35em; }
  tr, img, figure { break-inside: avoid; page-break-inside: avoid; }
  h1, h2 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

VIEWPORT = "<meta name='viewport' content='width=device-width, initial-scale=1'>"


def head(title: str, css: str = CSS) -> str:
    """The head every page rnncast writes: charset, viewport, title and style (``css``)."""
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{VIEWPORT}<title>{html.escape(title)}</title>"
            f"<style>{css}</style></head>")


def html_page(title: str, blocks: list, season: int | None = None) -> str:
    """One self-contained HTML page; images are embedded as data URIs, and the shipped NanumGothic cut to the
    Hangul (kana, Han) characters of its text, where it holds any (``webfont``). Its last section, "Words on this
    page", says what the scores and tests its text names mean (``glossary``, MASE's by the page's ``season``), where
    it names any."""
    parts = [f"<body><h1>{html.escape(title)}</h1>"]
    words = words_on("\n".join(_text(block) for block in blocks), season)
    for block in [*blocks, *([("h2", "Words on this page"), ("terms", words)] if words else [])]:
        kind = block[0]
        if kind == "h2":
            parts.append(f"<h2>{html.escape(block[1])}</h2>")
        elif kind == "p":
            parts.append(f"<p>{html.escape(block[1])}</p>")
        elif kind == "hint":
            parts.append(f"<p class='hint'>{html.escape(block[1])}</p>")
        elif kind == "list":
            parts.append("<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in block[1]) + "</ul>")
        elif kind == "links":  # (words, relative address) pairs: the address is the page's own folder's
            parts.append("<ul>" + "".join(f"<li><a href='{html.escape(href)}'>{html.escape(words)}</a></li>"
                                          for words, href in block[1]) + "</ul>")
        elif kind == "terms":
            parts.append("<ul>" + "".join(f"<li><b>{html.escape(term)}</b>: {html.escape(meaning)}</li>"
                                          for term, meaning in block[1]) + "</ul>")
        elif kind == "verdict":
            style = "good" if block[1] else "unproven" if block[3:] and block[3] else "bad"  # lower, not beyond chance
            parts.append(f"<p class='{style}'>{html.escape(block[2])}</p>")
        elif kind == "table":
            head_row, *rows = block[1]
            parts.append("<div class='scroll'><table><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in head_row)
                         + "</tr>")
            for row in rows:
                parts.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>")
            parts.append("</table></div>")
        elif kind == "img":
            data = base64.b64encode(block[1]).decode("ascii")
            parts.append(f"<p><img alt='{html.escape(block[2])}' src='data:image/png;base64,{data}'></p>")
        else:
            raise ValueError(f"unknown report block {kind!r}")
    parts.append("</body></html>")
    body = "\n".join(parts)  # its Hangul drawn on a machine without a Korean font (webfont):
    return head(title, webfont.styled(CSS, title + body)) + "\n" + body


def _text(block) -> str:
    """A block's words, as a reader sees them: a heading's, a paragraph's, a list's items, a table's cells, the words
    drawn in an image where its block holds them (its alt text is not among them)."""
    kind = block[0]
    if kind == "verdict":
        return block[2]
    if kind == "list":
        return "\n".join(block[1])
    if kind == "links":
        return "\n".join(words for words, _ in block[1])
    if kind == "table":
        return "\n".join(" ".join(str(c) for c in row) for row in block[1])
    if kind == "img":
        return block[3] if len(block) > 3 else ""  # the words drawn in it; its alt text is not on the page a person sees
    return str(block[1])


def figure_words(figure) -> str:
    """The words drawn in a matplotlib ``figure``, its titles, axis labels and legends' ("MSE (scaled units, log
    scale)"), one a line: what a reader of the page reads in the picture, so that its glossary says what they mean."""
    texts = figure.findobj(lambda artist: callable(getattr(artist, "get_text", None)))
    return "\n".join(dict.fromkeys(t.get_text() for t in texts if t.get_text()))
