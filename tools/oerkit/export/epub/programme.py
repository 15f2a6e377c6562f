"""The programme book is assembled from the module books instead of being converted again as a whole.

pandoc converts a small skeleton (cover, title page, one chapter per group and per module with its summary);
the chapters of each module's book, already converted by pandoc, are then placed after their module's
chapter: renamed with the module's prefix, headings moved two levels down (group, module, then the module's
own parts), and listed in the package, the navigation document and the NCX. Converting the whole programme
in one pandoc run cost as much again as all the module books and held every module in memory at once
(about 575 MB for 20 modules, 3 GB for 100); assembling keeps both flat."""

from __future__ import annotations

import io
import re
import zipfile

from .book import shift_headings

ITEM = re.compile(r"<item\b([^>]*?)/>")
ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
ITEMREF = re.compile(r'<itemref idref="([^"]+)"')
NAV_TOC = re.compile(r'<nav epub:type="toc"[^>]*>.*?<ol class="toc">(.*)</ol></nav>', re.S)
NAV_POINTS = re.compile(r"<navMap>(.*)</navMap>", re.S)
CHAPTER = re.compile(r"^EPUB/text/(ch\d+\.xhtml)$")


class ProgrammeBookError(Exception):
    """A module book or the skeleton does not have the structure pandoc writes."""


def read_epub(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def manifest(opf: str) -> dict[str, dict[str, str]]:
    """id -> attributes of every item in a package document."""
    items = {}
    for m in ITEM.finditer(opf):
        attrs = dict(ATTR.findall(m.group(1)))
        items[attrs["id"]] = attrs
    return items


def insert_after(text: str, anchor: str, addition: str, what: str) -> str:
    at = text.find(anchor)
    if at < 0:
        raise ProgrammeBookError(f"{what} not found in the programme skeleton")
    at += len(anchor)
    return text[:at] + addition + text[at:]


class ModuleChapters:
    """One module book's chapters and media, renamed for their place in the programme book."""

    def __init__(self, module_id: str, files: dict[str, bytes]):
        self.prefix = f"m-{module_id.lower()}-"  # also an XML id: module ids may start with a digit
        opf = files["EPUB/content.opf"].decode()
        items = manifest(opf)
        cover_media = {a["href"] for a in items.values() if "cover-image" in a.get("properties", "")}
        self.chapters = []  # (new name, manifest attributes) in reading order
        for idref in ITEMREF.findall(opf):
            href = items[idref]["href"]
            if CHAPTER.match("EPUB/" + href):
                self.chapters.append((self.rename(href), items[idref]))
        self.media = [(self.rename(a["href"]), a) for a in items.values()
                      if a["href"].startswith("media/") and a["href"] not in cover_media]
        self.files: dict[str, bytes] = {}
        for href, _ in self.chapters:
            original = files["EPUB/" + self.original(href)].decode()
            self.files["EPUB/" + href] = self.relink(shift_headings(original, 2)).encode()
        for href, _ in self.media:
            self.files["EPUB/" + href] = files["EPUB/" + self.original(href)]
        nav = NAV_TOC.search(files["EPUB/nav.xhtml"].decode())
        ncx = NAV_POINTS.search(files["EPUB/toc.ncx"].decode())
        if not nav or not ncx:
            raise ProgrammeBookError(f"the book of module {module_id} has no table of contents")
        self.nav = self.relink(re.sub(r'id="toc-li-', f'id="{self.prefix}toc-li-', nav.group(1)))
        points = re.sub(r'id="navPoint-', f'id="{self.prefix}navPoint-', ncx.group(1))
        # the module's title page entry comes first; the module's own chapter in the skeleton replaces it
        start = points.find("</navPoint>") + len("</navPoint>")
        self.ncx = self.relink(points[start:])

    def rename(self, href: str) -> str:
        folder, name = href.rsplit("/", 1)
        return f"{folder}/{self.prefix}{name}"

    def original(self, href: str) -> str:
        folder, name = href.rsplit("/", 1)
        return f"{folder}/{name[len(self.prefix):]}"

    def relink(self, text: str) -> str:
        """Links between the module's chapters and to its media, under their new names."""
        text = re.sub(r'((?:href|src)="(?:text/|\.\./text/)?)(ch\d+\.xhtml)', rf"\g<1>{self.prefix}\g<2>", text)
        return re.sub(r'((?:href|src|xlink:href)="(?:\.\./)?media/)', rf"\g<1>{self.prefix}", text)


def item_xml(href: str, attrs: dict[str, str], prefix: str) -> str:
    props = f' properties="{attrs["properties"]}"' if attrs.get("properties") else ""
    return f'    <item id="{prefix}{attrs["id"]}" href="{href}" media-type="{attrs["media-type"]}"{props} />\n'


def assemble(skeleton: dict[str, bytes], modules: list[tuple[str, dict[str, bytes]]]) -> dict[str, bytes]:
    """The programme book: `skeleton` (the converted skeleton's files) with each module book's chapters
    after the skeleton's chapter for that module (the one holding the heading id `module-<id>`)."""
    files = dict(skeleton)
    opf = files["EPUB/content.opf"].decode()
    nav = files["EPUB/nav.xhtml"].decode()
    ncx = files["EPUB/toc.ncx"].decode()
    items = manifest(opf)
    by_href = {a["href"]: ident for ident, a in items.items()}
    for module_id, module_files in modules:
        part = ModuleChapters(module_id, module_files)
        anchor = f"#module-{module_id.lower()}"
        chapter = next((href for href in by_href if href.startswith("text/ch")
                        and f'id="module-{module_id.lower()}"' in files["EPUB/" + href].decode()), None)
        if chapter is None:
            raise ProgrammeBookError(f"module {module_id} has no chapter in the programme skeleton")
        files.update(part.files)
        opf = opf.replace("  </manifest>", "".join(item_xml(h, a, part.prefix) for h, a in part.chapters + part.media)
                          + "  </manifest>", 1)
        opf = insert_after(opf, f'<itemref idref="{by_href[chapter]}" />',
                           "".join(f'\n    <itemref idref="{part.prefix}{a["id"]}" />' for _, a in part.chapters),
                           f"the spine entry of module {module_id}")
        link = re.search(rf'<a href="{re.escape(chapter + anchor)}">.*?</a>', nav, re.S)
        if link is None:
            raise ProgrammeBookError(f"module {module_id} is not in the skeleton's table of contents")
        nav = nav[:link.end()] + f'<ol class="toc">{part.nav}</ol>' + nav[link.end():]
        ncx = insert_after(ncx, f'<content src="{chapter}{anchor}" />', part.ncx,
                           f"the NCX entry of module {module_id}")
    files["EPUB/content.opf"] = opf.encode()
    files["EPUB/nav.xhtml"] = nav.encode()
    files["EPUB/toc.ncx"] = ncx.encode()
    return files
