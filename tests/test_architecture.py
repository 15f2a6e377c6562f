"""The design rules that keep the toolchain replaceable: the model, loaders and validator import no output
library, and exporters do not import each other."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "tools" / "oerkit"
OUTPUT_LIBRARIES = {"mkdocs", "material", "mkdocs_static_i18n", "pypandoc", "zipfile", "lxml"}
# The site exporter and the preview server are the only places MkDocs may appear.
SITE_ONLY = {"serve.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_model_loaders_and_validator_import_no_output_library():
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith("export/") or rel in SITE_ONLY:
            continue
        bad = imported_modules(path) & OUTPUT_LIBRARIES
        if bad:
            offenders[rel] = bad
    assert offenders == {}


def test_exporters_do_not_import_each_other():
    export = PACKAGE / "export"
    formats = {p.stem if p.is_file() else p.name for p in export.iterdir()
               if not p.name.startswith("_") and p.name != "__pycache__"}
    for fmt in formats:
        files = [export / f"{fmt}.py"] if (export / f"{fmt}.py").exists() else list((export / fmt).rglob("*.py"))
        for path in files:
            source = path.read_text()
            for other in formats - {fmt}:
                assert f"export.{other}" not in source and f"from ..{other}" not in source, (path, other)
