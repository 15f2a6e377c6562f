"""A synthetic curriculum of any size, made from the real one, for measuring how the build scales.

`make_curriculum(repo, dest, modules)` copies the project's sources and grows each of the four groups to
modules/4 modules: module G<k> for k beyond the real ones is a copy of the real module G<((k-1) % n) + 1>
(n real modules in the group) with its id, folder, outcomes and quiz items renamed. Pages, translations,
media and quiz banks are the real ones, so page sizes, languages and quiz banks are realistic. Links from
a copied page to other modules point at the real modules, which keep their ids and folders.

    python benchmarks/synthetic.py DEST --modules 200
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

COPIED = ("curriculum", "learning_outcomes", "modules", "assessment_quiz", "i18n", "mkdocs.yml",
          "tools/oerkit/schemas")  # the schemas the sources' editor lines point to (else a warning per file)


def _rename(text: str, old: str, new: str) -> str:
    """The module id as a whole word, and in outcome and item ids (T2-LO1, T2-Q01)."""
    return re.sub(rf"(?<![A-Za-z0-9]){re.escape(old)}(?![0-9])", new, text)


def copy_project(repo: Path, dest: Path) -> Path:
    """The project's sources (not its build) copied into `dest`, which must not exist yet."""
    dest.mkdir(parents=True)
    for name in COPIED:
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, dest / name)  # parent folders are made as needed
        elif source.is_file():
            shutil.copy2(source, dest / name)
    return dest


def make_curriculum(repo: Path, dest: Path, modules: int) -> dict[str, list[str]]:
    """Write a project with `modules` modules (a multiple of the group count) into `dest`; return the
    module ids per group."""
    if dest.exists():
        shutil.rmtree(dest)
    copy_project(repo, dest)
    programme = (dest / "curriculum" / "programme.yaml").read_text(encoding="utf-8")
    groups = re.findall(r"^(\s+)modules: \[([^\]]*)\]", programme, flags=re.M)
    per_group = max(1, modules // len(groups))
    folders = {p.name.split("-", 1)[0]: p for p in (dest / "modules").iterdir() if p.is_dir()}
    result: dict[str, list[str]] = {}
    for indent, listed in groups:
        real = [m.strip() for m in listed.split(",") if m.strip()]
        letter = re.match(r"[A-Z]+", real[0]).group(0)
        ids = [f"{letter}{k}" for k in range(1, per_group + 1)]
        for k, new in enumerate(ids, 1):
            template = real[(k - 1) % len(real)]
            if new in real:
                continue
            _copy_module(dest, folders[template], template, new)
        keep = [m for m in real if m in ids]
        for m in real:
            if m not in ids:  # a smaller curriculum than the real one: drop the extra real modules
                shutil.rmtree(folders[m])
                for extra in (dest / "learning_outcomes" / f"{m}.yaml", dest / "assessment_quiz" / f"{m}.yaml"):
                    extra.unlink(missing_ok=True)
        result[letter] = keep + [i for i in ids if i not in keep]
        programme = programme.replace(f"{indent}modules: [{listed}]", f"{indent}modules: [{', '.join(result[letter])}]", 1)
    (dest / "curriculum" / "programme.yaml").write_text(programme, encoding="utf-8")
    return result


def _copy_module(dest: Path, folder: Path, old: str, new: str) -> None:
    target = dest / "modules" / (new + folder.name[len(old):])
    shutil.copytree(folder, target)
    module_yaml = target / "module.yaml"
    module_yaml.write_text(_rename(module_yaml.read_text(encoding="utf-8"), old, new), encoding="utf-8")
    for kind in ("learning_outcomes", "assessment_quiz"):
        source = dest / kind / f"{old}.yaml"
        if source.is_file():
            (dest / kind / f"{new}.yaml").write_text(_rename(source.read_text(encoding="utf-8"), old, new),
                                                    encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--modules", type=int, default=200)
    args = parser.parse_args()
    made = make_curriculum(Path(__file__).resolve().parents[1], args.dest, args.modules)
    print(f"{sum(len(v) for v in made.values())} modules in {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
