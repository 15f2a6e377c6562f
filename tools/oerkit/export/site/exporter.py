"""The site exporter: model -> Markdown tree -> MkDocs -> a static site in four languages."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

from ...files import write_new
from ...model import Curriculum
from ..__init__ import Artifact
from .docs_tree import nav, write_docs
from ...web_bundle import BundleError, bundle
from .downloads import fill_sizes
from . import incremental
from .mkdocs_backend import (MkDocsProcess, SiteBuildError, generated_config, read_search_indexes, run_mkdocs,
                             set_site_dir, split_search_index)

__all__ = ["SiteExporter", "SiteBuildError"]


def offline_assets(root: Path) -> dict[str, Path]:
    """Files the site serves itself instead of fetching them from a CDN."""
    web = resources.files("oerkit") / "web"
    candidates = [root / "node_modules", Path(__file__).resolve().parents[4] / "node_modules"]
    shim = next((c / "iframe-worker" / "shim" / "index.js" for c in candidates
                 if (c / "iframe-worker" / "shim" / "index.js").is_file()), candidates[0] / "iframe-worker")
    if not shim.is_file():
        raise SiteBuildError("node_modules/iframe-worker is missing: run `npm ci` (or `make build`), it provides "
                             "the search shim that makes offline search work without loading it from a CDN")
    return {"assets/oerkit.css": Path(str(web / "oerkit.css")), "assets/javascripts/iframe-worker.js": shim}


class SiteExporter:
    name = "site"

    def __init__(self, root: Path, work_dir: Path):
        self.root = root
        self.work_dir = work_dir
        self.docs_dir = work_dir / "docs"
        self.titles_file = work_dir / "mkdocs-titles.json"
        self.previous_index: dict | None = None
        self.kept: dict[Path, bytes] = {}
        self.copy: incremental.PublishedCopy | None = None
        self.languages: list[str] | None = None  # the languages MkDocs builds (None: all)
        self.pages: Path | None = None  # where MkDocs writes in a page-by-page build
        self.written: dict[str, list] = {}  # the docs tree (write_docs)

    def write_sources(self, cur: Curriculum, artifacts: list[Artifact]) -> Path:
        """Write the Markdown tree and the MkDocs configuration; return the configuration's path."""
        self.work_dir.mkdir(parents=True, exist_ok=True)
        try:
            script = bundle(self.root, "main.mjs", self.work_dir / "learner.js")
        except BundleError as exc:
            raise SiteBuildError(str(exc)) from None
        assets = offline_assets(self.root)
        assets["assets/oerkit/learner.js"] = script
        self.written = write_docs(cur, self.docs_dir, artifacts, assets, self.work_dir / "docs-state.json")
        items, translations = nav(cur)
        return generated_config(cur, self.root, self.docs_dir, self.work_dir / "site", items, translations,
                                self.work_dir)

    def export(self, cur: Curriculum, site_dir: Path, artifacts: list[Artifact]) -> None:
        """Build the site in this process; every download in `artifacts` must already exist."""
        run_mkdocs(self.configure(cur, site_dir, artifacts))
        self.finish(cur, site_dir, artifacts)

    def preload(self, published: Path, site_dir: Path) -> None:
        """Start copying the `published` site into `site_dir` in the background, for `start` to build page by
        page from it if it can; `start` (or `stop`) waits for it."""
        if incremental.may_build_page_by_page(self.work_dir, published):
            self.copy = incremental.PublishedCopy(published, site_dir)

    def stop(self) -> None:
        """The build failed: stop copying the published site, remove MkDocs' pages."""
        if self.copy is not None:
            self.copy.cancel()
        if self.pages is not None:
            shutil.rmtree(self.pages, ignore_errors=True)

    def start(self, cur: Curriculum, site_dir: Path, planned: list[Artifact], published: Path | None = None,
              toolchain: str = "", process: MkDocsProcess | None = None) -> MkDocsProcess:
        """Write the pages (linking to the `planned` downloads) and have MkDocs build them in its own process
        (`process`, started earlier, or a new one); call `finish` once it is done and the downloads exist.
        With `published` (the site the last build published), only the pages whose Markdown changed are
        rendered when nothing else changed (incremental.py), in the languages those pages are in;
        `self.rebuilt` is then their number, else None."""
        config = self.configure(cur, site_dir, planned)
        self.snapshot = incremental.snapshot(self.written, config, toolchain)
        last = incremental.last_state(self.work_dir, published, self.snapshot) if published else None
        self.previous_index, self.rebuilt, self.kept, self.languages = None, None, {}, cur.languages
        pages = site_dir.with_name(site_dir.name + ".pages")
        if pages.exists():  # left by a build that was stopped
            shutil.rmtree(pages)
        only, titles, languages = None, {}, None
        if last is not None:
            only, titles, languages = self.page_by_page(cur, site_dir, published, last)
            # MkDocs writes into a folder of its own, moved into the staging site when it is done (finish)
            self.pages = pages
            self.pages.mkdir()
            set_site_dir(config, self.pages, was=site_dir)
        elif self.copy is not None:
            self.copy.cancel()  # a full build: MkDocs empties the folder first
        self.copy = None
        plan = self.work_dir / "mkdocs-plan.json"
        # in a page-by-page build the staging site holds the published files: MkDocs copies a static file
        # only if it differs from the one there
        plan.write_text(json.dumps({"only": only, "titles": titles, "titles_out": str(self.titles_file),
                                    "languages": languages, "published": str(site_dir) if only is not None else None},
                                   ensure_ascii=False), encoding="utf-8")
        self.titles_file.unlink(missing_ok=True)
        process = process or MkDocsProcess()
        process.run(config, plan)
        return process

    def page_by_page(self, cur: Curriculum, site_dir: Path, published: Path,
                     last: dict) -> tuple[list[str], dict[str, str], list[str] | None]:
        """Prepare a build of the pages that changed since the `last` build: the staging site holds the
        published one; return MkDocs' pages to build, the titles of the others and the languages to build."""
        changed = incremental.changed_pages(last, self.snapshot)
        # the downloads always come from this build's exports (copied in after the site is built)
        (self.copy or incremental.PublishedCopy(published, site_dir)).wait()
        self.previous_index = read_search_indexes(site_dir, cur.languages)
        # the theme's 404 page carries the language links of the last page rendered: keep the full build's
        self.kept = {p: p.read_bytes() for p in [site_dir / "404.html", *site_dir.glob("*/404.html")] if p.is_file()}
        self.rebuilt = len(changed)
        languages = incremental.languages_to_build(last, self.snapshot, cur.languages)
        if languages is not None and languages != cur.languages:
            # MkDocs writes the sitemap (every language's pages) with the last language it builds: keep the
            # last build's, which is the same when it was built the same day (its dates are the day's)
            sitemap = [site_dir / "sitemap.xml", site_dir / "sitemap.xml.gz"]
            if incremental.built_today(sitemap[0]):
                self.kept |= {p: p.read_bytes() for p in sitemap if p.is_file()}
            else:
                languages = None
        self.languages = languages or cur.languages
        return [str(self.docs_dir / rel) for rel in changed], last["page_titles"], languages

    def record(self, target: Path) -> None:
        """The site built by `start` was published at `target`: the next build may start from it."""
        titles = json.loads(self.titles_file.read_text(encoding="utf-8"))
        incremental.record(self.work_dir, target, dict(self.snapshot, page_titles=titles))

    def configure(self, cur: Curriculum, site_dir: Path, artifacts: list[Artifact]) -> Path:
        config = self.write_sources(cur, artifacts)
        set_site_dir(config, site_dir, was=self.work_dir / "site")
        return config

    def finish(self, cur: Curriculum, site_dir: Path, artifacts: list[Artifact]) -> None:
        self.finish_pages(cur, site_dir)
        fill_sizes(site_dir, artifacts)

    def finish_pages(self, cur: Curriculum, site_dir: Path) -> None:
        """What follows MkDocs and needs no download: the pages kept from the last build, the search indexes.
        The downloads' sizes are filled in by `fill_sizes` once every export is written."""
        if self.pages is not None:
            incremental.move_pages(self.pages, site_dir)
            self.pages = None
        for path, data in self.kept.items():
            write_new(path, data)
        split_search_index(site_dir, cur.languages, self.previous_index, self.languages)
