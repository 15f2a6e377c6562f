"""A book's HTML as pandoc's JSON document, so pandoc does not have to read HTML.

pandoc's HTML reader was about half of the CPU time of every EPUB. The books are written by book.py from
Python-Markdown's output, a small and regular part of HTML; this module converts that part into exactly the
document pandoc's own reader makes of it (the same blocks, inlines, identifiers and metadata), and pandoc
then writes the EPUB from JSON. The tests compare the two for every book of the curriculum.

The JSON given to pandoc has one difference from its reader's document: a run of words with single spaces
between them is one Str, where the reader makes each word a Str with a Space between (join_words). pandoc
writes the same EPUB from it, byte for byte (tested for every book), and needs half the time: the JSON of
a book is a quarter of the size.

Anything outside that part (a tag, an attribute or a layout not handled below) raises `Unsupported`, and
the exporter gives pandoc the HTML as before: the converter may only make a book faster, never different.
"""

from __future__ import annotations

import html
import json
import re

API_VERSIONS = ((1, 23),)  # pandoc-types versions whose JSON this module writes (pandoc 3.x)


class Unsupported(Exception):
    """The HTML has something this converter does not reproduce exactly; pandoc should read the HTML."""


class Element:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: list[tuple[str, str]]):
        self.tag = tag
        self.attrs = dict(attrs)
        self.children: list[Element | str] = []


VOID = {"br", "img", "hr", "meta"}
RAW_TEXT = {"script", "style", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext"}


TOKEN = re.compile(r"""<(?:
      (?P<comment>!--.*?--)
    | (?P<decl>![^>]*)
    | /(?P<end>[A-Za-z][A-Za-z0-9]*)\s*
    | (?P<tag>[A-Za-z][A-Za-z0-9]*)(?P<attrs>(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(?P<close>/?)
    )>|(?P<text>[^<]+)""", re.S | re.X)
ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?""")


def parse(document: str) -> Element:
    """The document as a tree. Only well-formed HTML with quoted attributes is read (pandoc's reader repairs
    the rest in its own way); characters are decoded as Python's HTML parser decodes them."""
    root = Element("#root", [])
    stack = [root]
    position, end = 0, len(document)
    while position < end:
        match = TOKEN.match(document, position)
        if match is None:
            raise Unsupported(f"markup that is not well-formed at character {position}")
        position = match.end()
        if match.group("text") is not None:
            children = stack[-1].children
            text = html.unescape(match.group("text"))
            if children and isinstance(children[-1], str):  # the text around a comment is one text
                children[-1] += text
            else:
                children.append(text)
        elif match.group("tag") is not None:
            tag = match.group("tag").lower()
            attrs = [(name.lower(), html.unescape(double if double is not None else single or ""))
                     for name, double, single in ATTRIBUTE.findall(match.group("attrs"))]
            element = Element(tag, attrs)
            if len(element.attrs) != len(attrs):
                raise Unsupported(f"an attribute given twice on <{tag}>")
            stack[-1].children.append(element)
            if match.group("close") and tag not in VOID:
                raise Unsupported(f"<{tag}/>")
            if tag in RAW_TEXT:
                raise Unsupported(f"<{tag}>")
            if tag not in VOID:
                stack.append(element)
        elif match.group("end") is not None:
            tag = match.group("end").lower()
            if tag in VOID:
                continue
            if len(stack) < 2 or stack[-1].tag != tag:
                raise Unsupported(f"</{tag}> does not close the open element")
            stack.pop()
        elif match.group("decl") is not None and match.group("decl").lower() != "!doctype html":
            raise Unsupported(f"<{match.group('decl')}>")
        # comments are dropped, as pandoc drops them
    if len(stack) != 1:
        raise Unsupported("unclosed elements")
    return root


# --- inlines -------------------------------------------------------------------------------------------

SPACE = {"t": "Space"}
SOFT_BREAK = {"t": "SoftBreak"}
LINE_BREAK = {"t": "LineBreak"}
WHITESPACE = re.compile(r"[ \t\n]+")
LINE_BREAKS = re.compile(r"[ \t]*\n[ \t\n]*")
BLANKS = re.compile(r"[ \t]+")
MERGED = {"Emph", "Underline", "Strong", "Subscript", "Superscript", "Strikeout"}
BREAKS = {("Space", "Space"): SPACE, ("Space", "SoftBreak"): SOFT_BREAK, ("SoftBreak", "Space"): SOFT_BREAK,
          ("Space", "LineBreak"): LINE_BREAK, ("LineBreak", "Space"): LINE_BREAK,
          ("SoftBreak", "LineBreak"): LINE_BREAK, ("LineBreak", "SoftBreak"): LINE_BREAK,
          ("SoftBreak", "SoftBreak"): SOFT_BREAK}


def append(out: list, item: dict) -> None:
    """Add an inline the way pandoc's builder joins inlines: adjacent text becomes one Str, adjacent
    spaces one space, and two adjacent emphases of one kind one emphasis."""
    if out:
        last = out[-1]
        pair = (last["t"], item["t"])
        if pair in BREAKS:
            out[-1] = BREAKS[pair]
            return
        if pair == ("Str", "Str"):
            out[-1] = {"t": "Str", "c": last["c"] + item["c"]}
            return
        if last["t"] == item["t"] and last["t"] in MERGED:
            out[-1] = {"t": last["t"], "c": last["c"] + item["c"]}
            return
    out.append(item)


def extend(out: list, items: list) -> None:
    """Add inlines already joined among themselves: only the first can join the last of `out`."""
    if items:
        append(out, items[0])
        out.extend(items[1:])


def text_inlines(text: str) -> list:
    """A text's inlines as pandoc's reader makes them (a Str per word, a Space or a SoftBreak between), with
    the words of each line already joined into one Str as join_words joins them: a book's text is most of
    its inlines, and joining a line here costs a fraction of making each word an inline and joining it later."""
    out: list = []
    for n, line in enumerate(LINE_BREAKS.split(text)):  # the whitespace around a line break is one SoftBreak
        if n:
            out.append(SOFT_BREAK)
        words = line.strip(" \t")
        if words != line and line[0] in " \t":
            out.append(SPACE)
        if words:
            out.append({"t": "Str", "c": BLANKS.sub(" ", words) if "  " in words or "\t" in words else words})
            if words != line and line[-1] in " \t":
                out.append(SPACE)
    return out


def trim(inlines: list) -> list:
    start, end = 0, len(inlines)
    while start < end and inlines[start]["t"] in ("Space", "SoftBreak"):
        start += 1
    while end > start and inlines[end - 1]["t"] in ("Space", "SoftBreak"):
        end -= 1
    return inlines[start:end]


def extract_spaces(make, items: list) -> list:
    """A container's leading and trailing space moves outside it, as in pandoc's reader."""
    edge = lambda item: [item] if item["t"] in ("Space", "SoftBreak") else []  # noqa: E731
    if not items:
        return [make([])]
    return edge(items[0]) + [make(trim(items))] + edge(items[-1])


def escape_uri(uri: str) -> str:
    """pandoc escapes spaces and a few characters in link and image targets."""
    return "".join("".join(f"%{b:02X}" for b in c.encode()) if c.isspace() or c in '<>|"{}[]^`' else c for c in uri)


def attr(element: Element, allowed: set[str]) -> list:
    """pandoc's (identifier, classes, key-values) of an element; attributes not in `allowed` are unsupported."""
    ident, classes, kvs = "", [], []
    for key, value in element.attrs.items():
        if key not in allowed:
            raise Unsupported(f"{key}= on <{element.tag}>")
        if key == "id":
            ident = value
        elif key == "class":
            classes = value.split()
        elif key == "xml:lang":
            continue
        else:
            kvs.append([key[5:] if key.startswith("data-") else key, value])
    return [ident, classes, kvs]


NO_ATTR = ["", [], []]
EMPHASIS = {"em": "Emph", "i": "Emph", "strong": "Strong", "b": "Strong", "sup": "Superscript",
            "sub": "Subscript", "del": "Strikeout", "s": "Strikeout", "u": "Underline", "ins": "Underline"}
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "blockquote", "div", "table", "pre", "hr"}


def inlines(children: list) -> list:
    out: list = []
    for child in children:
        if isinstance(child, str):
            extend(out, text_inlines(child))
            continue
        tag = child.tag
        if tag in EMPHASIS:
            if child.attrs:
                raise Unsupported(f"attributes on <{tag}>")
            name = EMPHASIS[tag]
            extend(out, extract_spaces(lambda c, name=name: {"t": name, "c": c}, inlines(child.children)))
        elif tag == "a":
            if "href" not in child.attrs:
                raise Unsupported("<a> without href")
            target = [escape_uri(child.attrs["href"]), child.attrs.get("title", "")]
            link_attr = attr(_without(child, {"href", "title"}), {"id", "class"})
            extend(out, extract_spaces(lambda c: {"t": "Link", "c": [link_attr, c, target]}, inlines(child.children)))
        elif tag == "img":
            if "src" not in child.attrs:
                raise Unsupported("<img> without src")
            alt = text_inlines(child.attrs.get("alt", ""))
            target = [escape_uri(child.attrs["src"]), child.attrs.get("title", "")]
            append(out, {"t": "Image", "c": [attr(_without(child, {"src", "alt", "title"}),
                                                  {"id", "class", "width", "height"}), alt, target]})
        elif tag == "code":
            if any(not isinstance(c, str) for c in child.children):
                raise Unsupported("markup inside <code>")
            append(out, {"t": "Code", "c": [attr(child, {"id", "class"}),
                                            WHITESPACE.sub(" ", "".join(child.children))]})
        elif tag == "br":
            append(out, LINE_BREAK)
        elif tag == "span":
            append(out, {"t": "Span", "c": [attr(child, {"id", "class", "lang", "xml:lang"}), inlines(child.children)]})
        else:
            raise Unsupported(f"<{tag}> inside text")
    return out


def _without(element: Element, keys: set[str]) -> Element:
    copy = Element(element.tag, [])
    copy.attrs = {k: v for k, v in element.attrs.items() if k not in keys}
    return copy


# --- identifiers ---------------------------------------------------------------------------------------

def stringify(items: list) -> str:
    out = []
    for item in items:
        t = item["t"]
        if t == "Str":
            out.append(item["c"])
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t == "Code":
            out.append(item["c"][1])
        elif t in ("Link", "Image", "Span"):
            out.append(stringify(item["c"][1]))
        else:
            out.append(stringify(item["c"]))
    return "".join(out)


def identifier(items: list, used: set[str]) -> str:
    """pandoc's automatic identifier of a heading (the `auto_identifiers` extension), unique in the book."""
    words = "".join(c for c in "".join(ch.lower() for ch in stringify(items)) if c.isspace() or c.isalnum() or c in "_-.").split()
    base = "-".join(words)
    while base and not base[0].isalpha():
        base = base[1:]
    base = base or "section"
    if base not in used:
        return base
    return next(f"{base}-{n}" for n in range(1, 60001) if f"{base}-{n}" not in used)


# --- blocks --------------------------------------------------------------------------------------------

LIST_STYLES = {"1": "Decimal", "a": "LowerAlpha", "A": "UpperAlpha", "i": "LowerRoman", "I": "UpperRoman"}
ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$")


class _Blocks:
    def __init__(self):
        self.identifiers: set[str] = set()

    def blocks(self, children: list) -> list:
        out: list = []
        run: list = []  # inline content between blocks becomes a Plain

        def flush():
            content = trim(run)
            if content:
                out.append({"t": "Plain", "c": content})
            run.clear()

        for child in children:
            if isinstance(child, str) or child.tag not in BLOCK_TAGS:
                extend(run, inlines([child]))
                continue
            flush()
            block = self.block(child)
            if block is not None:
                out.append(block)
        flush()
        return out

    def block(self, el: Element):
        tag = el.tag
        if tag == "p":
            if el.attrs.keys() - {"class"}:
                raise Unsupported("attributes on <p>")
            content = trim(inlines(el.children))
            return {"t": "Para", "c": content} if content else None
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            content = trim(inlines(el.children))
            ident, classes, kvs = attr(el, {"id", "class", "lang", "xml:lang"} | {k for k in el.attrs if k.startswith("data-")})
            if ident in self.identifiers:
                raise Unsupported(f"duplicate identifier {ident}")  # pandoc's reader warns, and the build fails
            ident = ident or identifier(content, self.identifiers)
            self.identifiers.add(ident)
            return {"t": "Header", "c": [int(tag[1]), [ident, classes, kvs], content]}
        if tag == "ul":
            if el.attrs:
                raise Unsupported("attributes on <ul>")
            return {"t": "BulletList", "c": self.items(el)}
        if tag == "ol":
            if el.attrs.keys() - {"type", "start"}:
                raise Unsupported("attributes on <ol>")
            start = el.attrs.get("start", "1")
            style = LIST_STYLES.get(el.attrs.get("type", ""), "DefaultStyle")
            return {"t": "OrderedList", "c": [[int(start) if start.isascii() and start.isdigit() else 1, {"t": style}, {"t": "DefaultDelim"}],
                                              self.items(el)]}
        if tag == "dl":
            return {"t": "DefinitionList", "c": self.definitions(el)}
        if tag == "blockquote":
            if el.attrs:
                raise Unsupported("attributes on <blockquote>")
            return {"t": "BlockQuote", "c": fix_plains(self.blocks(el.children), in_list=False)}
        if tag == "div":
            return {"t": "Div", "c": [attr(el, {"id", "class", "lang", "xml:lang"}), self.blocks(el.children)]}
        if tag == "hr":
            return {"t": "HorizontalRule"}
        if tag == "pre":
            return self.code_block(el)
        return self.table(el)

    def items(self, el: Element) -> list:
        items = []
        for child in elements(el):
            if child.tag != "li" or child.attrs:
                raise Unsupported(f"<{child.tag}> in <{el.tag}>")
            items.append(fix_plains(self.blocks(child.children), in_list=True))
        return items

    def definitions(self, el: Element) -> list:
        if el.attrs:
            raise Unsupported("attributes on <dl>")
        out: list = []
        for child in elements(el):
            if child.attrs or child.tag not in ("dt", "dd"):
                raise Unsupported(f"<{child.tag}> in <dl>")
            if child.tag == "dt":
                if out and not out[-1][1]:
                    raise Unsupported("two terms for one definition")
                out.append([trim(inlines(child.children)), []])
            elif not out:
                raise Unsupported("a definition without a term")
            else:
                out[-1][1].append(fix_plains(self.blocks(child.children), in_list=True))
        if out and not out[-1][1]:
            raise Unsupported("a term without a definition")
        return out

    def code_block(self, el: Element) -> dict:
        code = el.children[0] if len(el.children) == 1 else None
        if el.attrs or not isinstance(code, Element) or code.tag != "code" or code.attrs.keys() - {"class"} \
                or any(not isinstance(c, str) for c in code.children):
            raise Unsupported("a <pre> that is not one <code> of text")
        classes = [c[len("language-"):] if c.startswith("language-") else c for c in code.attrs.get("class", "").split()]
        text = "".join(code.children)
        return {"t": "CodeBlock", "c": [["", classes, []], text[:-1] if text.endswith("\n") else text]}

    def table(self, el: Element) -> dict:
        parts = elements(el)
        if el.attrs or any(p.attrs for p in parts) or [p.tag for p in parts] != ["thead", "tbody"]:
            raise Unsupported("a table that is not one <thead> and one <tbody>")
        head, body = (self.rows(p) for p in parts)
        if len(head) != 1 or any(len(row) != len(head[0]) for row in body):
            raise Unsupported("a table with a header of several rows or rows of different lengths")
        colspecs = [[cell[1], {"t": "ColWidthDefault"}] for cell in head[0]]
        row = lambda cells: [NO_ATTR, cells]  # noqa: E731
        return {"t": "Table", "c": [NO_ATTR, [None, []], colspecs, [NO_ATTR, [row(head[0])]],
                                    [[NO_ATTR, 0, [], [row(r) for r in body]]], [NO_ATTR, []]]}

    def rows(self, section: Element) -> list:
        rows = []
        for tr in elements(section):
            if tr.tag != "tr" or tr.attrs:
                raise Unsupported(f"<{tr.tag}> in a table")
            cells = []
            for cell in elements(tr):
                if cell.tag not in ("th", "td") or cell.attrs.keys() - {"style", "align"}:
                    raise Unsupported("a table cell with attributes other than its alignment")
                align = cell.attrs.get("align", "")
                if "style" in cell.attrs:
                    match = ALIGN.match(cell.attrs["style"])
                    if not match or align:
                        raise Unsupported("a table cell style other than its alignment")
                    align = match.group(1)
                if align not in ("", "left", "right", "center"):
                    raise Unsupported("an unknown alignment")
                content = self.blocks(cell.children)
                if any(b["t"] != "Plain" for b in content):
                    raise Unsupported("blocks inside a table cell")  # pandoc then computes column widths
                cells.append([NO_ATTR, {"t": "Align" + (align.capitalize() or "Default")}, 1, 1, content])
            rows.append(cells)
        return rows


def elements(parent: Element) -> list[Element]:
    """The elements in `parent`; text between them other than whitespace is unsupported."""
    if any(isinstance(c, str) and c.strip() for c in parent.children):
        raise Unsupported(f"text directly in <{parent.tag}>")
    return [c for c in parent.children if isinstance(c, Element)]


def fix_plains(blocks: list, in_list: bool) -> list:
    """pandoc's reader: when a list item (or a quote) has a paragraph-like block, its plain runs are
    paragraphs too."""
    paraish = {"Para", "CodeBlock", "Header", "BlockQuote"} | (set() if in_list else
                                                               {"BulletList", "OrderedList", "DefinitionList"})
    if any(b["t"] in paraish for b in blocks):
        return [{"t": "Para", "c": b["c"]} if b["t"] == "Plain" else b for b in blocks]
    return blocks


def join_words(node) -> None:
    """In place: each Str, Space, Str, ... run of the inlines in `node` (a document's blocks or metadata)
    becomes one Str. A Space at the edge of a run and every other kind of break stay as they are."""
    if isinstance(node, dict):  # the metadata
        for value in node.values():
            if isinstance(value, (list, dict)):
                join_words(value)
        return
    spaced = False
    for item in node:
        if type(item) is dict:  # an element: {"t": kind, "c": content}
            kind = item["t"]
            if kind == "Space":
                spaced = True
            elif kind != "Str" and type(item.get("c")) is list:
                join_words(item["c"])
        elif type(item) is list:
            join_words(item)
    if spaced:  # a list of inlines
        node[:] = _joined(node)


def _joined(inlines: list) -> list:
    out, words, last = [], None, len(inlines) - 1  # words: the pieces of the Str being joined
    for n, item in enumerate(inlines):
        kind = item["t"]
        if kind == "Str":
            if words is None:
                words = [item["c"]]
            else:
                words.append(item["c"])
        elif kind == "Space" and words is not None and n < last and inlines[n + 1]["t"] == "Str":
            words.append(" ")
        else:
            if words is not None:
                out.append({"t": "Str", "c": "".join(words)})
                words = None
            out.append(item)
    if words is not None:
        out.append({"t": "Str", "c": "".join(words)})
    return out


def html_to_json(document: str, api_version: list[int]) -> str:
    """The pandoc JSON of a book written by book.py, its words joined (join_words); raises Unsupported for
    anything else."""
    if tuple(api_version[:2]) not in API_VERSIONS:
        raise Unsupported(f"pandoc API version {api_version}")
    if "\r" in document:
        raise Unsupported("carriage returns")
    top = elements(parse(document))
    if [el.tag for el in top] != ["html"] or [el.tag for el in elements(top[0])] != ["head", "body"]:
        raise Unsupported("a document other than <html><head/><body/></html>")
    html_el = top[0]
    head, body = elements(html_el)
    if body.attrs:
        raise Unsupported("attributes on <body>")
    meta = {}
    if "lang" in html_el.attrs:
        meta["lang"] = {"t": "MetaInlines", "c": text_inlines(html_el.attrs["lang"])}
    for child in head.children:
        if isinstance(child, str):
            continue
        if child.tag == "title":
            if any(not isinstance(c, str) for c in child.children):
                raise Unsupported("markup in <title>")  # text to pandoc's reader
            meta["title"] = {"t": "MetaInlines", "c": trim(inlines(child.children))}
        elif child.tag != "meta" or set(child.attrs) != {"charset"}:
            raise Unsupported(f"<{child.tag}> in <head>")
    blocks = fix_plains(_Blocks().blocks(body.children), in_list=False)
    join_words(blocks)
    join_words(meta)
    return json.dumps({"pandoc-api-version": api_version, "meta": meta, "blocks": blocks},
                      ensure_ascii=False, separators=(",", ":"))

