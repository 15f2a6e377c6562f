"""`oerkit serve`: a preview server that rebuilds and reloads when any source file changes.

A watcher on the sources regenerates the Markdown tree (only files whose content changed are
rewritten); MkDocs' own live-reload server watches that tree, rebuilds and reloads the browser.
Invalid sources are reported and the last good preview stays up.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from .export.site.exporter import SiteBuildError, SiteExporter
from .load import SOURCE_DIRS
from .validate import validate_project


class SourceWatcher:
    def __init__(self, root: Path, exporter: SiteExporter):
        self.root = root
        self.exporter = exporter
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def regenerate(self) -> Path | None:
        """Validate and rewrite the pages; the MkDocs configuration's path, or None on errors."""
        result = validate_project(self.root)
        if result.report.items:
            print(result.report.render("text"), file=sys.stderr)
        if result.report.errors:
            print("[oerkit] sources have errors: the preview keeps the last good version", file=sys.stderr)
            return None
        return self.exporter.write_sources(result.curriculum, [])

    def changed(self, path: str) -> None:
        if "/." in path or path.endswith("~"):
            return
        with self.lock:  # wait for a burst of saves to end before regenerating
            if self.timer:
                self.timer.cancel()
            self.timer = threading.Timer(0.3, self.regenerate)
            self.timer.start()


def serve(root: Path, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    exporter = SiteExporter(root, root / "build" / "serve")
    watcher = SourceWatcher(root, exporter)
    try:
        config = watcher.regenerate()
        if config is None:
            return 1
    except SiteBuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            if not event.is_directory:
                watcher.changed(event.src_path)

    observer = Observer()
    for folder in SOURCE_DIRS:
        if (root / folder).is_dir():
            observer.schedule(Handler(), str(root / folder), recursive=True)
    observer.start()
    try:
        mkdocs_serve(config_file=str(config), livereload=True, dev_addr=dev_addr)
    finally:
        observer.stop()
        observer.join()
    return 0
