"""A page of blocks written as one self-contained HTML file: the run's, the backtest's and the demo's
pages alike (``reportpage`` lays out their blocks). Every page has the one head written here (its
charset, its title, the viewport a phone needs to lay the page out at its own width, the style), so
no page lacks what another has.

On a narrow screen (a phone, 420 px) the page itself never scrolls sideways: a table wider than the
screen scrolls in its own box (``overflow-x: auto``), an image is scaled to the screen's width, and a
long word (a column name, a path) breaks rather than widening the page.

Printed (``@media print``, decision 1540), a table shows every column (no scroll box, whose bar a printer would paint
across a row, and a smaller font), a heading is never left alone at a page's foot, and a picture is not split.

Blocks: ``("h2", text)``, ``("p", text)``, ``("hint", text)``, ``("verdict", good, sentence[, unproven])``
(``unproven``: a lower MSE not beyond chance, shown neither good nor bad), ``("list", items)``,
``("terms", [(term, meaning), ...])``, ``("table", rows)`` (the first row the header) and ``("img", png_bytes, alt)``
or ``("img", png_bytes, alt, words[, href])``, ``words`` the text drawn in it (``figure_words``: its titles, axis
labels, legend), which the page's glossary reads as it reads the page's text, ``href`` the picture's PNG file beside
the page (``forecast.png``), which the picture links to: a browser's zoom enlarges the page's words, not those drawn in
the picture, which the file shows at full size (decision 1543). ``figure_alt`` says what a picture shows in its alt
text from the words drawn in it (its titles and legend: one source, decision 1542).
"""

from __future__ import annotations

import base64
import html

from rnncast import webfont
from rnncast.glossary import words_on
from rnncast.version import software

CSS = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }
h1, h2, p, li { overflow-wrap: anywhere; }
.scroll { overflow-x: auto; max-width: 100%; margin: 0.5em 0 1.5em; }
table { border-collapse: collapse; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
th { background: #f2f2f2; }
tbody th { background: none; font-weight: normal; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
img { max-width: 100%; height: auto; border: 1px solid #ddd; }
figure { margin: 0.5em 0 1.5em; }
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
    heading = None  # the heading just above a block: a table's caption
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
        elif kind == "table":  # its heading as its caption, its first column the rows' headers (decision 1544)
            parts.append(_table(block[1], heading))
        elif kind == "img":
            data = base64.b64encode(block[1]).decode("ascii")
            image = f"<img alt='{html.escape(block[2])}' src='data:image/png;base64,{data}'>"
            href = block[4] if len(block) > 4 else None  # its PNG file beside the page: the picture at full size
            parts.append(f"<figure><a href='{html.escape(href)}' title='{html.escape(href)} at full size'>{image}</a>"
                         "</figure>" if href else f"<p>{image}</p>")
        else:
            raise ValueError(f"unknown report block {kind!r}")
        heading = block[1] if kind == "h2" else None
    parts.append(f"<footer><p>Made by {html.escape(software())}.</p></footer>")  # what made it (decision 1624)
    parts.append("</body></html>")
    body = "\n".join(parts)  # its Hangul drawn on a machine without a Korean font (webfont):
    return head(title, webfont.styled(CSS, title + body)) + "\n" + body


def _table(rows: list, caption: str | None) -> str:
    """A table block as HTML, boxed to scroll on a narrow screen: its first row the column headers (``<thead>``), each
    other row's first cell its row's header (``<th scope='row'>``: a screen reader says "test, model" with a cell),
    and ``caption`` (the heading above it), where there is one, as its caption for a screen reader (hidden: the
    heading shows it)."""
    head_row, *body = rows
    said = f"<caption class='sr'>{html.escape(caption)}</caption>" if caption else ""
    head = "".join(f"<th scope='col'>{html.escape(str(c))}</th>" for c in head_row)
    body = "".join("<tr>" + "".join(f"<th scope='row'>{html.escape(str(c))}</th>" if i == 0 else
                                    f"<td>{html.escape(str(c))}</td>" for i, c in enumerate(row)) + "</tr>\n"
                   for row in body)
    return f"<div class='scroll'><table>{said}<thead><tr>{head}</tr></thead>\n<tbody>{body}</tbody></table></div>"


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


LINES = {"-": "solid", "--": "dashed", ":": "dotted", "-.": "dash-dot"}  # a legend's line styles, as words


def figure_alt(figure, what: str) -> str:
    """The alt text of a matplotlib ``figure``: ``what`` it is ("Actual and predicted values on the test split"), then
    the words drawn in it that say what it shows: its title, each panel's title (the series drawn, their MASE, best,
    median and worst of N) and its legend's entries with their line styles ("actual (solid, dots)"), as one text.
    Read from the figure itself, so the alt text says the numbers its titles say."""
    said = [what.rstrip(".")]
    title = figure.get_suptitle()  # '' without one (matplotlib >= 3.8, as pyproject pins: decision 1589)
    said += [title] if title else []
    titles = [t for ax in figure.axes for t in (ax.get_title(loc) for loc in ("left", "center", "right")) if t]
    said += ["; ".join(dict.fromkeys(titles))] if titles else []
    legends = [*figure.legends, *(ax.get_legend() for ax in figure.axes if ax.get_legend() is not None)]
    entries = [_entry(text.get_text(), handle) for legend in legends
               for text, handle in zip(legend.get_texts(), legend.legend_handles)]
    said += ["Lines: " + "; ".join(dict.fromkeys(entries))] if entries else []
    return ". ".join(" ".join(t.split()).rstrip(".") for t in said) + "."  # a title's line breaks as spaces


def _entry(label: str, handle) -> str:
    """A legend entry as words: its label and, for a line, its style and markers ("actual (solid, dots)")."""
    style = _style(handle) if hasattr(handle, "get_linestyle") and hasattr(handle, "get_marker") else None
    if style is None or style in label:  # the loss plot's "train (solid)" says it
        return label
    marker = handle.get_marker()
    return f"{label} ({style}{', dots' if marker == 'o' else ', markers' if marker not in ('None', '', ' ', None) else ''})"


def _style(line) -> str | None:
    """A line's style as words (``LINES``); a dash tuple of one dash and n dots (plots' 4th baseline,
    ``(0, (5, 1, 1, 1, 1, 1))``), which matplotlib's ``get_linestyle`` calls '--' too, as "dash-dot-dot" (decision
    1589). matplotlib (3.11) has no public getter of a line's dash pattern: read where it keeps it, else '--' says."""
    style = line.get_linestyle()
    dashes = (getattr(line, "_unscaled_dash_pattern", None) or (0, None))[1]
    if style == "--" and dashes is not None and len(dashes) > 2 and len(dashes) % 2 == 0:
        return "-".join(["dash", *["dot"] * (len(dashes) // 2 - 1)])
    return LINES.get(style)


def figure_words(figure) -> str:
    """The words drawn in a matplotlib ``figure``, its titles, axis labels and legends' ("MSE (scaled units, log
    scale)"), one a line: what a reader of the page reads in the picture, so that its glossary says what they mean."""
    texts = figure.findobj(lambda artist: callable(getattr(artist, "get_text", None)))
    return "\n".join(dict.fromkeys(t.get_text() for t in texts if t.get_text()))
