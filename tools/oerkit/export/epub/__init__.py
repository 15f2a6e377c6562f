"""The EPUB exporter: an EPUB 3 per module and language, and one book per language with the programme
(groups as parts, modules as chapters), assembled from the module books (programme.py). pandoc does the writing (with --fail-if-warnings, so a missing
image is an error), from the book's document in pandoc's JSON when pandoc_ast.py can write it; the accessibility conformance claim pandoc cannot write is added afterwards; the zip is
rewritten so the same sources give byte-identical books."""

from __future__ import annotations

import os
import json
import re
import subprocess
import tempfile
import uuid
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from ...build_cache import NO_CACHE, ExportCache
from ...licences import LICENCE_NAMES, LICENCE_URLS
from ...model import Curriculum, Module
from .._zip import Packed, members, unpacked, write_zip
from ..__init__ import Artifact
from .book import BookWriter
from .cover import cover_svg
from .pandoc_ast import Unsupported, html_to_json
from .programme import ProgrammeBookError, assemble, read_epub

# pandoc's memory settings for a book: pypandoc-binary's pandoc asks for a 64 MB heap (-H64m); a book is
# smaller, and with a 16 MB allocation area and no heap asked for, a module book took 20 % less CPU time
# (0.127 s against 0.158 s) and 40 % less memory (77 MB against 122 MB); a book four times as long, 10 % and
# 24 % less. The books are the same, byte for byte (these settings change how pandoc collects its garbage)
PANDOC_RUNTIME = "-H1m -A16m"
ID_NAMESPACE = uuid.UUID("6f1c2b9e-6a4e-4c53-9a8e-5f0e6b3a2d41")  # oerkit's namespace for book identifiers
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
FALLBACK_EPOCH = 1704067200  # 2024-01-01, when sources are not in git


class EpubExportError(Exception):
    """A book could not be written; the message names the source and the cause."""


def pandoc_path() -> str:
    import pypandoc
    return pypandoc.get_pandoc_path()


@lru_cache(maxsize=1)
def at_lower_priority() -> list[str]:
    """The command prefix that runs pandoc at a lower priority than the build (`nice`, where there is one).

    The books are many short pandoc runs; MkDocs is one long process that the build waits for. With two cores
    shared fairly by MkDocs, this process and two pandoc runs, MkDocs got about half a core and finished alone,
    16 s after the books, in a 200-module build (226 s; 208 s with pandoc at a lower priority)."""
    import shutil
    nice = shutil.which("nice")
    return [nice, "-n", "10"] if nice else []


@lru_cache(maxsize=1)
def pandoc_api_version() -> list[int]:
    """The version of pandoc's document model (its JSON), asked of the pandoc that runs."""
    out = subprocess.run([pandoc_path(), "-f", "html", "-t", "json"], input="", capture_output=True, text=True)
    return json.loads(out.stdout)["pandoc-api-version"] if out.returncode == 0 else []


def pandoc_input(document: str) -> tuple[str, str]:
    """(format, text) to give pandoc for a book: its JSON document when pandoc_ast can write it (pandoc then
    skips reading HTML, half of its work), else the HTML."""
    try:
        return "json", html_to_json(document, pandoc_api_version())
    except Unsupported:
        return "html", document


def source_epoch(root: Path, paths: list[Path]) -> int:
    """When the sources last changed: the last commit touching them, else SOURCE_DATE_EPOCH, else a fixed date."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", *[str(p) for p in paths]], cwd=root,
                             capture_output=True, text=True, timeout=30)
        if out.returncode == 0 and out.stdout.strip():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    return FALLBACK_EPOCH


def add_conformance(files: dict[str, bytes | Packed]) -> dict[str, bytes | Packed]:
    """The EPUB's files with dcterms:conformsTo in the package document (pandoc drops it)."""
    files = dict(files)
    opf_name = next(n for n in files if n.endswith(".opf"))
    opf = unpacked(files[opf_name]).decode()
    claim = f'<meta property="dcterms:conformsTo">{CONFORMS_TO}</meta>'
    if claim not in opf:
        opf = opf.replace("</metadata>", f"    {claim}\n  </metadata>", 1)
    files[opf_name] = opf.encode()
    return files


class EpubExporter:
    name = "epub"

    def __init__(self, root: Path, work_dir: Path):
        self.root = root
        self.work_dir = work_dir

    def export(self, cur: Curriculum, out_dir: Path, languages: list[str] | None = None,
               modules: list[str] | None = None, programme_book: bool = True, jobs: int | None = None,
               cache: ExportCache = NO_CACHE) -> list[Artifact]:
        """Write the books; pandoc runs in parallel (one process per core by default). A book whose inputs
        are unchanged comes from the cache without being rendered."""
        from concurrent.futures import ThreadPoolExecutor
        tasks = list(self.books(cur, out_dir, languages, modules, programme_book))
        sizes: dict[int, int] = {}
        with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 2) as pool:
            pending = []
            for index, (artifact, key_parts, arguments) in enumerate(tasks):
                out = out_dir / artifact.path
                size = cache.restore(out, key_parts)
                if size is not None:
                    sizes[index] = size
                elif artifact.module is None:  # the programme book: after this language's module books
                    waits = [future for _, _, _, future in pending]
                    pending.append((index, out, key_parts, pool.submit(self.write_programme, waits, *arguments())))
                else:  # rendered here, in one thread; pandoc runs in parallel processes
                    pending.append((index, out, key_parts, pool.submit(self.write, *arguments())))
            for index, out, key_parts, future in pending:
                sizes[index] = future.result()
                cache.save(out, key_parts)
        return [Artifact(a.module, a.lang, a.format, a.path, sizes[i]) for i, (a, _, _) in enumerate(tasks)]

    def plan(self, cur: Curriculum, out_dir: Path, languages: list[str] | None = None) -> list[Artifact]:
        """The books `export` writes (their sizes not yet known); nothing is rendered."""
        return [artifact for artifact, _, _ in self.books(cur, out_dir, languages, None, True)]

    def books(self, cur: Curriculum, out_dir: Path, languages, modules, programme_book):
        """(artifact, cache key parts, arguments of write) for every book to make; the arguments are a
        function, so a book the cache has is never rendered."""
        prog = cur.programme
        epochs: dict = {}

        def epoch_of(key, paths: list[Path]) -> int:
            """Asked only for a book that is made or looked up, once per module (git log is not free)."""
            if key not in epochs:
                epochs[key] = source_epoch(self.root, paths)
            return epochs[key]

        for lang in languages or cur.languages:
            writer = BookWriter(cur, lang)
            for mod in cur.modules_in_order():
                if modules and mod.id not in modules:
                    continue
                rel = f"downloads/epub/{prog.id}-{mod.id}-{lang}.epub"
                sources = [mod.folder, *self.quiz_files(cur, [mod])]

                def arguments(mod=mod, rel=rel, sources=sources, writer=writer, lang=lang):
                    title = f"{mod.id} {writer.tx(mod.title)}"
                    doc = writer.document(title, writer.module_parts(mod, level=1))
                    meta = self.metadata(cur, lang, title, writer.tx(mod.summary), f"{prog.id}-{mod.id}-{lang}",
                                         [a.name for a in mod.authors],
                                         mod.keywords.get(lang) or mod.keywords.get(cur.default_language) or [],
                                         LICENCE_URLS.get(mod.licence, mod.licence), writer)
                    return doc, meta, out_dir / rel, 1, epoch_of(mod.id, sources), mod.folder

                yield (Artifact(mod.id, lang, "EPUB", rel, 0),
                       lambda fp, mod=mod, lang=lang, sources=sources: ("epub", lang, epoch_of(mod.id, sources),
                                                                        fp.shared, fp.module(mod, lang)),
                       arguments)
            if programme_book and not modules:
                rel = f"downloads/epub/{prog.id}-{lang}.epub"
                sources = [self.root / "curriculum", self.root / "modules", self.root / "learning_outcomes",
                           self.root / "assessment_quiz"]

                def arguments(rel=rel, sources=sources, writer=writer, lang=lang):
                    # a skeleton of groups and module summaries; the modules' chapters come from their books
                    body, parts = [], []
                    for group in prog.groups:
                        body.append(f'<h1 id="group-{group.id.lower()}">{writer.e(group.title)}</h1>'
                                    f"{writer.md(group.description)}")
                        for mid in group.module_ids:
                            mod = cur.modules.get(mid)
                            if mod:
                                body.append(f'<h2 id="module-{mod.id.lower()}">{mod.id} {writer.e(mod.title)}</h2>'
                                            f"<p>{writer.e(mod.summary)}</p>")
                                parts.append((mod.id, out_dir / f"downloads/epub/{prog.id}-{mod.id}-{lang}.epub"))
                    title = writer.tx(prog.title)
                    authors = sorted({a.name for m in cur.modules.values() for a in m.authors})
                    meta = self.metadata(cur, lang, title, writer.tx(prog.description), f"{prog.id}-{lang}", authors,
                                         [], LICENCE_URLS.get(prog.licence, prog.licence), writer)
                    return (writer.document(title, body), meta, out_dir / rel, 2, epoch_of(None, sources), self.root,
                            parts)

                yield (Artifact(None, lang, "EPUB", rel, 0),
                       lambda fp, lang=lang, sources=sources: ("epub-programme", lang, epoch_of(None, sources),
                                                               fp.shared, fp.all_modules(lang)),
                       arguments)

    @staticmethod
    def quiz_files(cur: Curriculum, mods: list[Module]) -> list[Path]:
        return [cur.root / cur.quizzes[m.id].source.file for m in mods if m.id in cur.quizzes]

    def metadata(self, cur, lang, title, description, key, authors, keywords, licence_url, writer) -> dict:
        t = writer.t
        return {
            "title": title, "lang": lang, "creator": [{"role": "author", "text": a} for a in authors] or "SCRO",
            "publisher": cur.programme.publisher or None,
            "rights": f"{LICENCE_NAMES.get(cur.programme.licence, cur.programme.licence)} {licence_url}",
            "identifier": [{"scheme": "UUID", "text": f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, key)}"}],
            "description": description, "subject": keywords,
            "accessModes": ["textual", "visual"],
            "accessModeSufficient": ["textual"],
            "accessibilityFeatures": ["tableOfContents", "alternativeText", "structuralNavigation", "readingOrder"],
            "accessibilityHazards": ["none"],
            "accessibilitySummary": t("epub.a11y_summary"),
        }

    def convert(self, document: str, meta: dict, split_level: int, epoch: int, source: Path,
                name: str) -> dict[str, bytes]:
        """pandoc's EPUB of `document`, as its files, with the conformance claim added."""
        return add_conformance(read_epub(self.pandoc_epub(document, meta, split_level, epoch, source, name)))

    def pandoc_epub(self, document: str, meta: dict, split_level: int, epoch: int, source: Path, name: str) -> bytes:
        """The EPUB pandoc writes of `document`."""
        with tempfile.TemporaryDirectory() as tmp:
            tmpdir = Path(tmp)
            source_format, source_text = pandoc_input(document)
            (tmpdir / f"book.{source_format}").write_text(source_text, encoding="utf-8")
            (tmpdir / "meta.yaml").write_text(yaml.safe_dump({k: v for k, v in meta.items() if v is not None},
                                                             allow_unicode=True), encoding="utf-8")
            (tmpdir / "cover.svg").write_text(cover_svg(meta["title"], meta.get("description", ""), meta["lang"]),
                                              encoding="utf-8")
            css = Path(str(resources.files("oerkit") / "web" / "epub.css"))
            env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), GHCRTS=PANDOC_RUNTIME)
            proc = subprocess.run([*at_lower_priority(), pandoc_path(), f"book.{source_format}", "-f", source_format,
                                   "-t", "epub3", "-o", "book.epub",
                                   "--metadata-file=meta.yaml", "--toc", "--toc-depth=2", f"--split-level={split_level}",
                                   "--epub-cover-image=cover.svg", f"--css={css}", "--fail-if-warnings",
                                   f"--resource-path={source}"], cwd=tmpdir, env=env, capture_output=True, text=True)
            if proc.returncode != 0:
                raise EpubExportError(self.explain(proc.stderr, source, name))
            return (tmpdir / "book.epub").read_bytes()

    def write(self, document: str, meta: dict, out: Path, split_level: int, epoch: int, source: Path) -> int:
        """A module's book: pandoc's files, compressed as pandoc compressed them (only the package document,
        given the conformance claim, is compressed again)."""
        epub = self.pandoc_epub(document, meta, split_level, epoch, source, out.name)
        return write_zip(out, add_conformance(members(epub)), first=("mimetype",), stored=("mimetype",))

    def write_programme(self, waits: list, skeleton: str, meta: dict, out: Path, split_level: int, epoch: int,
                        source: Path, parts: list[tuple[str, Path]]) -> int:
        """The programme book: its skeleton goes through pandoc while the module books it is made of are
        written (`waits`), then their chapters are put in."""
        files = self.convert(skeleton, meta, split_level, epoch, source, out.name)
        for future in waits:
            future.result()
        try:
            files = assemble(files, [(mid, read_epub(path.read_bytes())) for mid, path in parts])
        except ProgrammeBookError as exc:
            raise EpubExportError(f"{out.name}: {exc}") from exc
        return write_zip(out, files, first=("mimetype",), stored=("mimetype",))

    def explain(self, stderr: str, source: Path, name: str) -> str:
        missing = re.findall(r"Could not fetch resource '?([^'\n]+?)'?(?::|\n|$)", stderr)
        if missing:
            shown = []
            for m in missing:
                path = Path(m)
                try:
                    shown.append(path.relative_to(self.root).as_posix())
                except ValueError:
                    shown.append(m)
            return f"{name}: image(s) not found: {', '.join(shown)} (referenced from {source.name})"
        return f"{name}: pandoc failed: {stderr.strip()[:2000]}"
