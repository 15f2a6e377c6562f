"""Results of the checks that depend on one file's content alone, kept between runs.

Checking a document against its JSON Schema and parsing a page's Markdown are most of what `oerkit validate`
costs, and after an edit almost every file is as it was. Each result is stored under a hash of the file's
content and of the code and versions that produce it (`salt`), in `build/check-cache.pickle`, which keeps
only the entries the last run used. The parsed YAML documents are kept there too (yaml_source.py), with
their positions, since they are a function of the file's text; findings' positions are not stored: they
are looked up in the file as it is now, and everything that depends on other files (links, references) is
checked afresh every time.

The file is a pickle (parsed YAML holds dates and tuples, which JSON does not), read only from the project's
own build folder, like Python's own bytecode caches; an unreadable or foreign file means no cache."""

from __future__ import annotations

import hashlib
import os
import pickle
from importlib import metadata, resources
from pathlib import Path
from typing import Callable

from .files import write_new

CACHE_FILE = "check-cache.pickle"
FORMAT = "oerkit-check-cache-1"
MIN_PER_PROCESS = 8  # results CheckCache.fill must lack per core before it starts processes


def salt(*parts: str, packages: tuple[str, ...] = (), files: tuple[str, ...] = ()) -> str:
    """What a cached result depends on besides the content: oerkit's files that compute it (relative to
    the package) and the versions of the libraries used."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode())
    for name in packages:
        digest.update(f"{name}=={metadata.version(name)}".encode())
    package = resources.files("oerkit")
    for rel in files:
        target = package.joinpath(rel)
        for path in sorted(Path(str(target)).rglob("*")) if target.is_dir() else [Path(str(target))]:
            if path.is_file():
                digest.update(path.as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


class CheckCache:
    def __init__(self, root: Path | None):
        self.path = root / "build" / CACHE_FILE if root is not None else None
        self.jobs: int | None = None  # processes `fill` may use (None: one per core)
        self.old: dict = {}
        self.new: dict = {}
        if self.path is not None:
            try:
                stored = pickle.loads(self.path.read_bytes())
                self.old = stored["entries"] if stored.get("format") == FORMAT else {}
            except Exception:  # noqa: BLE001 - a damaged or foreign file, whatever the error: start afresh
                self.old = {}

    @staticmethod
    def _key(salt_value: str, content: str) -> str:
        return hashlib.sha256((salt_value + "\0" + content).encode()).hexdigest()

    def get(self, salt_value: str, content: str, compute: Callable[[], object]):
        key = self._key(salt_value, content)
        value = self.old[key] if key in self.old else compute()
        self.new[key] = value
        return value

    def fill(self, salt_value: str, work: dict[str, object], compute: Callable[[object], object]) -> None:
        """Work out the results the cache lacks in parallel processes, one per core (or `self.jobs`), so that
        `get` finds them: a first run on a large project parses thousands of pages and checks a thousand
        documents. `work` maps each content (the text `get` is given) to what `compute`, a module-level
        function, needs to work out its result. Too few to be worth starting processes (MIN_PER_PROCESS each): left to `get`."""
        workers = self.jobs or os.cpu_count() or 1
        missing = list({key: payload for content, payload in work.items()
                        if (key := self._key(salt_value, content)) not in self.old}.items())
        if workers < 2 or len(missing) < MIN_PER_PROCESS * workers:
            return
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(workers) as pool:
            values = pool.map(compute, [payload for _, payload in missing],
                              chunksize=max(1, len(missing) // (4 * workers)))
            for (key, _), value in zip(missing, values):
                self.old[key] = value

    def save(self) -> None:
        """Keep what this run used; a folder that cannot be written only means no cache next time."""
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_new(self.path, pickle.dumps({"format": FORMAT, "entries": self.new}, protocol=5))
        except OSError:
            pass


NO_CACHE = CheckCache(None)
