"""Rebuilding only the pages whose Markdown changed, when nothing else about the site did.

MkDocs' own `--dirty` mode does not read the pages it skips, so their titles vanish from the navigation of
the pages it rebuilds, and mkdocs-static-i18n builds every other language in full regardless. Instead, the
site is copied from the last published build and MkDocs reads every page (so navigation and titles are
right) but renders and writes only the pages whose Markdown differs from that build (`run_mkdocs(only=...)`);
the search index keeps the other pages' entries from the last build.

This is allowed only when the result must be what a full build would make: the same toolchain, the same
generated configuration (navigation included), the same set of files and the same page titles (titles
appear in every page's navigation) as the published site. Anything else is a full build."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

STATE_FILE = "site-state.json"
FRONT_TITLE = re.compile(r"^title:.*$", re.M)
HEADING_1 = re.compile(r"^#\s.*$", re.M)
LASTMOD = re.compile(r"<lastmod>([^<]*)</lastmod>")


def page_title(text: str) -> str:
    """Whatever MkDocs may take for the page's title: the front matter's title line and every level-1
    heading line (more than the title itself, so that no change of title can be missed)."""
    lines = []
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        lines += FRONT_TITLE.findall(text[4:end if end > 0 else len(text)])
    return "\n".join(lines + HEADING_1.findall(text))


def snapshot(written: dict[str, list], config_path: Path, toolchain: str) -> dict:
    """What the site is built from: the docs tree as write_docs wrote it (each file's content hash and, of a
    page, its title lines), the configuration and the toolchain."""
    files = {rel: entry[0] for rel, entry in sorted(written.items())}
    titles = {rel: entry[3] for rel, entry in sorted(written.items()) if rel.endswith(".md")}
    config = hashlib.sha256(config_path.read_bytes()).hexdigest()
    return {"toolchain": toolchain, "config": config, "files": files, "titles": titles}


def last_state(work_dir: Path, target: Path, now: dict) -> dict | None:
    """What the published site at `target` was built from, if the site can be rebuilt page by page from
    it; None when it must be built in full."""
    try:
        last = json.loads((work_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (last.get("target") != str(target) or not (target / "index.html").is_file() or "page_titles" not in last
            or any(last.get(key) != now[key] for key in ("toolchain", "config", "titles"))
            or set(last.get("files", {})) != set(now["files"])):
        return None
    return last


def changed_pages(last: dict, now: dict) -> list[str]:
    """The Markdown files (relative to the docs folder) that differ from the last published build."""
    return [rel for rel, digest in now["files"].items() if rel.endswith(".md") and last["files"][rel] != digest]


def languages_to_build(last: dict, now: dict, languages: list[str]) -> list[str] | None:
    """The languages MkDocs must go through to rebuild the changed pages, default language first (MkDocs
    always builds it: static-i18n builds the others from it); None for all of them.

    A page in language L is `name.L.md` (the docs tree writes every language's version of every page, a
    stand-in included); a language that has no `name.L.md` beside a changed `name.md` shows it through
    static-i18n's fallback and is built too. Any other changed file (an image) is copied by every language:
    all are built."""
    default, others = languages[0], languages[1:]
    wanted = {default}
    for rel, digest in now["files"].items():
        if last["files"][rel] == digest:
            continue
        if not rel.endswith(".md"):
            return None
        stem = rel[:-len(".md")]
        lang = next((x for x in others if stem.endswith(f".{x}")), None)
        if lang is not None:
            wanted.add(lang)
        else:
            wanted.add(default)
            wanted |= {x for x in others if f"{stem}.{x}.md" not in now["files"]}
    return [lang for lang in languages if lang in wanted]


def built_today(sitemap: Path) -> bool:
    """Whether MkDocs wrote `sitemap` with today's build date (MkDocs' `get_build_date`: SOURCE_DATE_EPOCH, else
    the UTC date now), so that a build today writes the same file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    today = (datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)).strftime("%Y-%m-%d")
    try:
        dates = set(LASTMOD.findall(sitemap.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return False
    return dates == {today}


def record(work_dir: Path, target: Path, now: dict) -> None:
    """After a published build: what the site at `target` was built from."""
    (work_dir / STATE_FILE).write_text(json.dumps(dict(now, target=str(target)), sort_keys=True), encoding="utf-8")


def may_build_page_by_page(work_dir: Path, target: Path) -> bool:
    """Whether a page-by-page build from the site at `target` is possible at all (last_state decides)."""
    return (work_dir / STATE_FILE).is_file() and (target / "index.html").is_file()


def link_or_copy(source: str, target: str) -> None:
    """A second name for `source` at `target`; a copy where the file system has no hard links."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


class PublishedCopy:
    """The published site, without its downloads (each build brings its own), given second names (hard links)
    in the staging folder by `cp -al` in the background: no bytes are copied, and whatever the build changes
    is written as a new file (`files.write_new`, `move_pages`)."""

    def __init__(self, published: Path, site_dir: Path):
        self.published, self.site_dir = published, site_dir
        entries = [str(p) for p in sorted(published.iterdir()) if p.name != "downloads"]
        cp = shutil.which("cp")
        self.process = subprocess.Popen([cp, "-al", "--", *entries, str(site_dir)], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL) if cp and entries else None

    def wait(self) -> None:
        """Wait for the copy; where `cp` failed or is missing, make it in this process instead."""
        if self.process is None or self.process.wait() != 0:
            shutil.copytree(self.published, self.site_dir, dirs_exist_ok=True, copy_function=link_or_copy,
                            ignore=lambda folder, names: ["downloads"] if Path(folder) == self.published else [])

    def cancel(self) -> None:
        """Stop copying (the build is not page by page, or failed); what was copied is left to be removed."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def move_pages(pages: Path, site_dir: Path) -> None:
    """Move what MkDocs wrote into `pages` (a page-by-page build) into the staging site, each file replacing
    the published file's second name there; `pages` is removed."""
    for folder, _, names in os.walk(pages):
        target = site_dir / Path(folder).relative_to(pages)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(Path(folder) / name, target / name)
    shutil.rmtree(pages)


def page_of(entry: dict) -> str:
    return entry["location"].split("#", 1)[0]


def merge_entries(previous: list[dict], rebuilt: list[dict]) -> list[dict]:
    """The last build's search entries, with each rebuilt page's entries in its place."""
    fresh: dict[str, list[dict]] = {}
    for entry in rebuilt:
        fresh.setdefault(page_of(entry), []).append(entry)
    merged, placed = [], set()
    for entry in previous:
        page = page_of(entry)
        if page not in fresh:
            merged.append(entry)
        elif page not in placed:
            merged += fresh[page]
            placed.add(page)
    return merged + [e for page, entries in fresh.items() if page not in placed for e in entries]
