"""Content-addressed build cache: each built file is stored under a hash of everything it is made from, so a
rebuild with unchanged inputs takes the stored bytes instead of running the exporter again, and any change
to its inputs (a page, a quiz, a shared curriculum file, a template, the toolchain or a tool version) gives a
new key and a fresh build.

Inputs are files, hashed by content:
- the toolchain: every file of the oerkit package (code, templates, styles, UI strings), the versions of
  Python, the site and Markdown libraries and pandoc, and package-lock.json (esbuild, the SCORM schemas);
- the shared sources every export may read: curriculum/**, learning_outcomes/** and every module.yaml
  (modules cite each other's titles);
- a module's own sources: its folder (pages, translations, media) and its quiz bank;
- SOURCE_DATE_EPOCH, the date the packages give their files.
A module's packages in a language depend on the toolchain, the shared sources and that module's sources as that
language shows them (a translated page's original is not read), so editing a page rebuilds that module's packages
and the whole-programme books in the languages that show the page, nothing else.

Entries live in build/cache/<2 hex>/<key>, each ending with the SHA-256 of its bytes (a damaged entry is
built again); the ones a complete build did not use are removed at its end, so the cache holds one
generation of outputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
from collections.abc import Callable
from functools import cached_property
from importlib import metadata, resources
from pathlib import Path

from .files import write_new
from .model import Curriculum, Module

TOOL_DISTRIBUTIONS = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pymdown-extensions", "Markdown",
                      "pypandoc-binary", "PyYAML")
SHARED_SOURCES = ("curriculum", "learning_outcomes")
BUILD_INPUTS = ("curriculum", "learning_outcomes", "modules", "assessment_quiz", "i18n", "mkdocs.yml")


def _hash_files(files: list[Path], base: Path, unread: set[Path] | frozenset = frozenset(),
                digests: dict[Path, bytes] | None = None) -> str:
    """Names and contents of `files`; of those in `unread`, the name alone. `digests` keeps each file's
    content hash for the next call."""
    digests = {} if digests is None else digests
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(base).as_posix().encode() + b"\0")
        if path in unread:
            digest.update(b"unread")
            continue
        if path not in digests:
            digests[path] = hashlib.sha256(path.read_bytes()).digest()
        digest.update(digests[path])
    return digest.hexdigest()


def files_under(base: Path, names: tuple[str, ...] | list[str]) -> list[Path]:
    """Every file under the given folders (or the given files) of `base`, in a stable order; hidden files and
    editor leftovers are skipped."""
    out: list[Path] = []
    for name in names:
        path = base / name
        if path.is_file():
            out.append(path)
        elif path.is_dir():
            out += [p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in
                                                                          p.relative_to(base).parts)
                    and not p.name.endswith(("~", ".swp", ".tmp"))]
    return sorted(set(out))


def toolchain_fingerprint(root: Path) -> str:
    """The oerkit package's files and the versions of the tools it drives."""
    package = Path(str(resources.files("oerkit")))
    files = [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")]
    digest = hashlib.sha256(_hash_files(sorted(files), package).encode())
    versions = [sys.version, platform.machine()]
    for dist in TOOL_DISTRIBUTIONS:
        try:
            versions.append(f"{dist}=={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist} missing")
    digest.update("\n".join(versions).encode())
    lock = root / "package-lock.json"
    if lock.is_file():
        digest.update(lock.read_bytes())
    return digest.hexdigest()


class SourceFingerprints:
    """Hashes of the inputs of a curriculum's exports, each computed once per build."""

    def __init__(self, root: Path, cur: Curriculum, toolchain: str):
        self.root = root
        self.cur = cur
        self.toolchain = toolchain
        self._modules: dict[tuple[str, str | None], str] = {}
        self._files: dict[str, dict[str, Path]] = {}  # a module's files by their real path
        self._digests: dict[Path, bytes] = {}
        self._real: dict[Path, str] = {}

    @cached_property
    def shared(self) -> str:
        module_files = sorted(self.root.glob("modules/*/module.yaml"))
        return _hash_files(files_under(self.root, SHARED_SOURCES) + module_files, self.root)

    def module(self, mod: Module, lang: str | None = None) -> str:
        """A module's sources; with `lang`, what that language's packages read: every file's name, but of the
        pages only the version the language shows (its translation, else the original). Editing an English
        page then leaves the packages of the languages that have it translated as they were."""
        if (mod.id, lang) not in self._modules:
            if mod.id not in self._files:
                files = files_under(self.root, [mod.folder.relative_to(self.root).as_posix()])
                bank = self.cur.quizzes.get(mod.id)
                if bank is not None and (self.root / bank.source.file).is_file():
                    files.append(self.root / bank.source.file)
                self._files[mod.id] = {self._realpath(f): f for f in files}
            by_real = self._files[mod.id]
            unread: set[Path] = set()
            if lang is not None:
                default = self.cur.default_language
                for page in mod.pages:
                    versions = {page.path, *page.translations.values()}
                    shown = page.path if lang == default else page.translations.get(lang) or page.path
                    unread |= {by_real[r] for p in versions - {shown} if (r := self._realpath(p)) in by_real}
            self._modules[mod.id, lang] = _hash_files(list(by_real.values()), self.root, unread, self._digests)
        return self._modules[mod.id, lang]

    def _realpath(self, path: Path) -> str:
        if path not in self._real:
            self._real[path] = os.path.realpath(path)
        return self._real[path]

    @cached_property
    def quiz_banks(self) -> str:
        """Every quiz bank's source file."""
        banks = files_under(self.root, ["assessment_quiz"])
        banks += [self.root / b.source.file for b in self.cur.quizzes.values() if (self.root / b.source.file).is_file()]
        return _hash_files(sorted(set(banks)), self.root)

    def all_modules(self, lang: str) -> str:
        """Every module's sources as `lang` reads them (the programme book)."""
        return hashlib.sha256("".join(self.module(m, lang) for m in self.cur.modules_in_order()).encode()).hexdigest()

    def key(self, *parts: str | bytes) -> str:
        # SOURCE_DATE_EPOCH dates the files inside every package (_zip.py)
        digest = hashlib.sha256(self.toolchain.encode() + b"\0" + os.environ.get("SOURCE_DATE_EPOCH", "").encode())
        for part in parts:
            digest.update(b"\0" + (part if isinstance(part, bytes) else str(part).encode()))
        return digest.hexdigest()


class BuildCache:
    """Built files by content key, in a folder; thread-safe for distinct keys."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self._folders: set[Path] = set()  # made by this build: not made again for each entry

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> bytes | None:
        """The entry's bytes; None when there is none or it is damaged (its checksum does not match)."""
        path = self._path(key)
        self.used.add(key)
        try:
            entry = path.read_bytes()
        except OSError:
            entry = b""
        data, checksum = entry[:-32], entry[-32:]
        if len(entry) < 32 or hashlib.sha256(data).digest() != checksum:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def touch(self, key: str) -> None:
        """The build used the entry's output without reading it (PublishedDownloads): keep it, count it."""
        self.used.add(key)
        self.hits += 1

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        self.used.add(key)
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        write_new(path, data + hashlib.sha256(data).digest())

    def prune(self) -> int:
        """Remove the entries this build did not use; return how many."""
        removed = 0
        if self.folder.is_dir():
            for path in self.folder.glob("*/*"):
                if path.name not in self.used:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed


class PublishedDownloads:
    """The downloads of the site the last build published, with the keys they were made under
    (build/published-exports.json). An export whose key is unchanged is given a second name (a hard link) of
    the published file instead of being written again from the cache: here writing a file costs about a
    millisecond, a link a fiftieth of that. The published files are never written in place (every export
    writes a new file into a fresh build/exports), and a file whose size is not the recorded one is not used."""

    FILE = "published-exports.json"

    def __init__(self, work: Path, exports: Path, published: Path | None):
        self.work, self.exports, self.published = work, exports, published
        self.previous: dict = {"files": {}, "bundles": {}}
        if published is not None:
            try:
                stored = json.loads((work / self.FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = None
            if (isinstance(stored, dict) and stored.get("target") == str(published)
                    and isinstance(stored.get("files"), dict) and isinstance(stored.get("bundles"), dict)):
                # entries of another shape (an edited or damaged file) are not used
                files = {rel: entry for rel, entry in stored["files"].items() if isinstance(entry, list)
                         and len(entry) == 2 and isinstance(entry[0], str) and isinstance(entry[1], int)}
                self.previous = {"files": files, "bundles": stored["bundles"]}
        self.files: dict[str, list] = {}  # this build's: path -> [key, size]
        self.bundles: dict[str, dict] = {}

    def _rel(self, out: Path) -> str:
        return out.relative_to(self.exports).as_posix()

    def link(self, out: Path, key: str) -> int | None:
        """Make `out` a second name of the published file made under `key`; its size, or None."""
        rel = self._rel(out)
        entry = self.previous["files"].get(rel)
        if self.published is None or not entry or entry[0] != key:
            return None
        source = self.published / rel
        try:
            if source.stat().st_size != entry[1]:
                return None
            out.parent.mkdir(parents=True, exist_ok=True)
            os.link(source, out)
        except OSError:
            return None
        self.note(out, key, entry[1])
        return entry[1]

    def link_bundle(self, key: str) -> dict | None:
        """The files of a bundle made under `key` (ExportCache.files), linked; its summary, or None."""
        bundle = self.previous["bundles"].get(key)
        if not isinstance(bundle, dict) or not isinstance(bundle.get("paths"), list) or "summary" not in bundle:
            return None
        linked = []
        for rel in bundle["paths"]:
            if not isinstance(rel, str) or self.link(self.exports / rel, key) is None:
                for done in linked:  # all or nothing: the cache writes them all
                    (self.exports / done).unlink(missing_ok=True)
                    self.files.pop(done, None)
                return None
            linked.append(rel)
        self.bundles[key] = bundle
        return bundle["summary"]

    def note(self, out: Path, key: str, size: int) -> None:
        self.files[self._rel(out)] = [key, size]

    def note_bundle(self, key: str, paths: list[str], summary: dict) -> None:
        for rel in paths:
            self.note(self.exports / rel, key, (self.exports / rel).stat().st_size)
        self.bundles[key] = {"paths": paths, "summary": summary}

    def record(self, target: Path) -> None:
        """This build's downloads were published at `target`."""
        self.work.mkdir(parents=True, exist_ok=True)
        (self.work / self.FILE).write_text(json.dumps({"target": str(target), "files": self.files,
                                                       "bundles": self.bundles}, sort_keys=True), encoding="utf-8")


class ExportCache:
    """What the exporters see: `file(out, key_parts, make)` writes `out` from the cache when an entry for the
    key exists, else runs `make()` (which writes `out`) and stores the result. Without a store (no cache,
    `oerkit export`) it just runs `make()`. With `downloads`, a file the published site has under the same
    key is linked from there."""

    def __init__(self, store: BuildCache | None = None, prints: SourceFingerprints | None = None,
                 downloads: PublishedDownloads | None = None):
        self.store = store
        self.prints = prints
        self.downloads = downloads

    def restore(self, out: Path, key_parts: Callable[[SourceFingerprints], tuple]) -> int | None:
        """Write `out` from the cache and return its size, or None when the cache does not have it."""
        if self.store is None or self.prints is None:
            return None
        key = self.prints.key(*key_parts(self.prints))
        if self.downloads is not None:
            size = self.downloads.link(out, key)
            if size is not None:
                self.store.touch(key)
                return size
        data = self.store.get(key)
        if data is None:
            return None
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        if self.downloads is not None:
            self.downloads.note(out, key, len(data))
        return len(data)

    def save(self, out: Path, key_parts: Callable[[SourceFingerprints], tuple]) -> None:
        """Keep the freshly built `out` for the next build."""
        if self.store is not None and self.prints is not None:
            key = self.prints.key(*key_parts(self.prints))
            data = out.read_bytes()
            self.store.put(key, data)
            if self.downloads is not None:
                self.downloads.note(out, key, len(data))

    def file(self, out: Path, key_parts: Callable[[SourceFingerprints], tuple], make: Callable[[], object]) -> int:
        size = self.restore(out, key_parts)
        if size is None:
            make()
            self.save(out, key_parts)
            size = out.stat().st_size
        return size

    def files(self, out: Path, key_parts: Callable[[SourceFingerprints], tuple],
              make: Callable[[], tuple[list[str], dict]]) -> dict:
        """For an export that writes several files: on a hit, write them into `out` from the cache and return the
        summary the export returned then; else run `make()`, which writes them and returns their paths (relative
        to `out`) and a summary (JSON), and store both as one entry."""
        key = None
        if self.store is not None and self.prints is not None:
            key = self.prints.key(*key_parts(self.prints))
            if self.downloads is not None and out == self.downloads.exports:
                summary = self.downloads.link_bundle(key)
                if summary is not None:
                    self.store.touch(key)
                    return summary
            data = self.store.get(key)
            if data is not None:
                paths, summary = _unpack(data, out)
                self._note_bundle(out, key, paths, summary)
                return summary
        paths, summary = make()
        if key is not None:
            self.store.put(key, _pack(out, paths, summary))
            self._note_bundle(out, key, paths, summary)
        return summary

    def _note_bundle(self, out: Path, key: str, paths: list[str], summary: dict) -> None:
        if self.downloads is not None and out == self.downloads.exports:
            self.downloads.note_bundle(key, paths, summary)


def _pack(out: Path, paths: list[str], summary: dict) -> bytes:
    """Files under `out` and a summary, as one entry: a JSON header (its length first, 8 bytes), then the
    files' bytes one after the other."""
    contents = [(out / rel).read_bytes() for rel in paths]
    header = json.dumps({"paths": paths, "sizes": [len(c) for c in contents], "summary": summary},
                        ensure_ascii=False).encode("utf-8")
    return len(header).to_bytes(8, "big") + header + b"".join(contents)


def _unpack(data: bytes, out: Path) -> tuple[list[str], dict]:
    """Write the files of a `_pack`ed entry under `out`; return their paths and the summary."""
    length = int.from_bytes(data[:8], "big")
    header = json.loads(data[8:8 + length])
    offset = 8 + length
    for rel, size in zip(header["paths"], header["sizes"]):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data[offset:offset + size])
        offset += size
    return header["paths"], header["summary"]


NO_CACHE = ExportCache()
