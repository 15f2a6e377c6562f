"""Python-Markdown's inline processor, without trying the patterns a text cannot match.

Python-Markdown tries each inline pattern (code, escapes, links, images, autolinks, line breaks, HTML,
entities, emphasis) on each text of a page, one regular expression search after another, even on a text
without a backtick, a bracket or an asterisk. That was about half of its time on the curriculum's pages.
Each pattern it ships with can only match a text holding a certain character (a link needs "[", an entity
"&"): `SkipInlineExtension` skips a pattern when its text has none of them, which is what the search would
have found. Patterns are recognised by their regular expression, so a pattern this module does not know
(another extension's, or a changed one) is always tried. Pages come out the same, byte for byte: the tests
render every page of the curriculum both ways.

The exports' renderer (render.py) and the site's MkDocs process (mkdocs_backend.py) both use it; it relies
on a private method of Python-Markdown's `InlineProcessor`, which is why Markdown's version is pinned, and it
does nothing where that method is not there.
"""

from __future__ import annotations

from markdown import Extension, util
from markdown.treeprocessors import InlineProcessor

# the regular expression of each of Python-Markdown's inline patterns (3.11) -> the strings a text must hold
# one of for the pattern to match there
NEEDS = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),  # code; escaped backslashes before a backtick
    r"\\(.)": ("\\",),  # escape
    r"(?<!\!)\[": ("[",),  # reference, link, short reference
    r"\!\[": ("![",),  # image link, image reference, short image reference
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),  # autolink
    r"<([^<> !]+@[^@<> ]+)>": ("<",),  # automail
    "  \\n": ("  \n",),  # line break
    r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>]++))?+)*+\s*+/?"""
    r"""|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)""": ("<",),
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),  # entity
    r"\*|_": ("*", "_"),  # emphasis and strong
}
_APPLY = "_InlineProcessor__applyPattern"  # InlineProcessor's private method that tries one pattern


class SkipInlineProcessor(InlineProcessor):
    """InlineProcessor, skipping each pattern whose needed strings are not in the text."""

    def run(self, tree, ancestors=None):
        self._needs = [NEEDS.get(getattr(pattern, "pattern", None)) for pattern in self.inlinePatterns]
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        # InlineProcessor.__handleInline, with the test before each pattern: not matching a pattern moves on
        # to the next, with the search starting again at the text's beginning, as skipping does
        if isinstance(data, util.AtomicString):
            return data
        patterns, needs, apply = self.inlinePatterns, self._needs, getattr(self, _APPLY)
        start, count = 0, len(patterns)
        while patternIndex < count:
            need = needs[patternIndex]
            if need is not None and not (need[0] in data or (len(need) > 1 and any(n in data for n in need[1:]))):
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class SkipInlineExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        if hasattr(InlineProcessor, _APPLY):
            md.treeprocessors.register(SkipInlineProcessor(md), "inline", 20)


def makeExtension(**kwargs):  # noqa: N802 - Python-Markdown finds an extension module's entry by this name
    return SkipInlineExtension(**kwargs)
