"""Translation status: per language, what is translated, missing, or stale.

A translation is stale when its source changed after it was made:
- a translated page (name.<lang>.md) records `source_hash` of the English page in its front matter;
- a translated YAML string is recorded in i18n/sources.<lang>.yaml with the English text it was made from
  (so a translator can be shown exactly what changed).
`oerkit i18n mark LANG` records the current sources, after a translator has updated a translation.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from .yaml_source import parse_plain
from .guide_sources import guide_pages
from .load import LoadResult, rel
from .locales import load_catalogue, ui_keys
from .markdown_source import read_markdown, write_front_matter
from .texts import iter_texts, stable_key

RECORDS_DIR = "i18n"


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def records_path(root: Path, lang: str) -> Path:
    return root / RECORDS_DIR / f"sources.{lang}.yaml"


def load_records(root: Path, lang: str) -> dict[str, str]:
    path = records_path(root, lang)
    if not path.is_file():
        return {}
    try:
        data = parse_plain(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def yaml_texts(result: LoadResult):
    """(record key, text map) for every translatable string of every source file."""
    for file in sorted(result.documents):
        doc = result.documents[file]
        for path, value in iter_texts(doc.data):
            yield f"{file}#{stable_key(doc.data, path)}", value


def _flat(value) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value)


def translated_pages(cur) -> list[tuple[Path, dict[str, Path]]]:
    """(English page, its translations by language) for every page translators translate: the modules' pages
    (those module.yaml lists and that exist), then the contributors' guide."""
    pages = [(page.path, page.translations) for mod in cur.modules_in_order() for page in mod.pages
             if page.path.is_file()]
    return pages + [(page.path, page.translations) for page in guide_pages(cur)]


def translation_status(result: LoadResult) -> dict:
    cur = result.curriculum
    default = cur.default_language
    out: dict = {"source_language": default, "languages": {}}
    ui_source = load_catalogue(default)
    for lang in cur.languages[1:]:
        pages = {"total": 0, "translated": 0, "missing": [], "stale": []}
        for source, translations in translated_pages(cur):
            pages["total"] += 1
            tpath = translations.get(lang)
            if tpath is None:
                pages["missing"].append(rel(cur.root, source))
                continue
            pages["translated"] += 1
            recorded = read_markdown(tpath).meta.get("source_hash")
            if str(recorded) != source_hash(source):
                pages["stale"].append(rel(cur.root, tpath))
        records = load_records(cur.root, lang)
        strings = {"total": 0, "translated": 0, "missing": [], "stale": []}
        for key, value in yaml_texts(result):
            if default not in value:
                continue
            strings["total"] += 1
            if lang not in value:
                strings["missing"].append(key)
                continue
            strings["translated"] += 1
            if records.get(key) != _flat(value[default]):
                strings["stale"].append(key)
        catalogue = load_catalogue(lang)
        ui = {"total": len(ui_source), "translated": 0, "missing": []}
        for key in ui_keys(ui_source):
            if catalogue.get(key):
                ui["translated"] += 1
            else:
                ui["missing"].append(key)
        total = pages["total"] + strings["total"] + ui["total"]
        done = pages["translated"] + strings["translated"] + ui["translated"]
        stale = len(pages["stale"]) + len(strings["stale"])
        out["languages"][lang] = {
            "percent_complete": round(100.0 * done / total, 1) if total else 100.0,
            "translated": done, "total": total,
            "missing": total - done, "stale": stale,
            "pages": pages, "strings": strings, "ui": ui,
        }
    return out


def format_status(status: dict) -> str:
    lines = [f"{'lang':5} {'complete':>9} {'missing':>8} {'stale':>6}   pages        strings        ui"]
    for lang, s in status["languages"].items():
        p, st, ui = s["pages"], s["strings"], s["ui"]
        lines.append(f"{lang:5} {s['percent_complete']:>8.1f}% {s['missing']:>8} {s['stale']:>6}   "
                     f"{p['translated']:>4}/{p['total']:<6} {st['translated']:>5}/{st['total']:<7} "
                     f"{ui['translated']:>4}/{ui['total']}")
    return "\n".join(lines)


def mark_translations(result: LoadResult, lang: str, only: list[str] | None = None) -> list[str]:
    """Record the current source of every translation into `lang` (or of those in `only`)."""
    cur = result.curriculum
    wanted = {str(Path(p).as_posix()) for p in (only or [])}
    changed = []
    for source, translations in translated_pages(cur):
        tpath = translations.get(lang)
        if tpath is None:
            continue
        if wanted and rel(cur.root, tpath) not in wanted and rel(cur.root, source) not in wanted:
            continue
        digest = source_hash(source)
        if str(read_markdown(tpath).meta.get("source_hash")) != digest:
            write_front_matter(tpath, {"source_hash": digest})
            changed.append(rel(cur.root, tpath))
    records = load_records(cur.root, lang)
    default = cur.default_language
    for key, value in yaml_texts(result):
        if lang in value and default in value and (not wanted or key.split("#", 1)[0] in wanted):
            if records.get(key) != _flat(value[default]):
                records[key] = _flat(value[default])
                changed.append(key)
    if changed:
        path = records_path(cur.root, lang)
        path.parent.mkdir(exist_ok=True)
        header = (f"# The English text each {lang} translation was made from, recorded by `oerkit i18n mark {lang}`.\n"
                  "# Do not edit by hand: a difference from the current English marks the translation as stale.\n")
        path.write_text(header + yaml.safe_dump(dict(sorted(records.items())), allow_unicode=True, width=100),
                        encoding="utf-8")
    return changed


def _git_versions(root: Path, path: Path):
    """(commit, bytes) of every committed version of a file, newest first; empty outside git."""
    import subprocess
    try:
        log = subprocess.run(["git", "log", "--format=%H", "--", str(path)], cwd=root, capture_output=True, text=True,
                             timeout=60)
    except (OSError, subprocess.SubprocessError):
        return
    for commit in log.stdout.split():
        show = subprocess.run(["git", "show", f"{commit}:{rel(root, path)}"], cwd=root, capture_output=True, timeout=60)
        if show.returncode == 0:
            yield commit, show.stdout


def _diff(old: str, new: str, old_name: str, new_name: str) -> str:
    import difflib
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=old_name, tofile=new_name))


def stale_translations(result: LoadResult, languages: list[str] | None = None) -> list[dict]:
    """Every stale translation with what changed in its English source since it was made."""
    cur = result.curriculum
    out = []
    for lang in languages or cur.languages[1:]:
        for source, translations in translated_pages(cur):
            tpath = translations.get(lang)
            if tpath is None:
                continue
            recorded = str(read_markdown(tpath).meta.get("source_hash") or "")
            if recorded == source_hash(source):
                continue
            entry = {"lang": lang, "kind": "page", "translation": rel(cur.root, tpath), "source": rel(cur.root, source)}
            if not recorded:
                entry["reason"] = "no source_hash recorded: review the whole page, then run `oerkit i18n mark`"
            else:
                old = next((data.decode("utf-8", "replace") for _, data in _git_versions(cur.root, source)
                            if hashlib.sha256(data).hexdigest()[:12] == recorded), None)
                entry["reason"] = "the English page changed since the translation was made"
                entry["diff"] = _diff(old, source.read_text(encoding="utf-8"), f"{entry['source']} (translated)",
                                      f"{entry['source']} (now)") \
                    if old is not None else "(the translated version is not in the git history: compare by hand)"
            out.append(entry)
        records = load_records(cur.root, lang)
        default = cur.default_language
        for key, value in yaml_texts(result):
            if lang in value and default in value and records.get(key) != _flat(value[default]):
                entry = {"lang": lang, "kind": "string", "key": key}
                if key not in records:
                    entry["reason"] = "not recorded yet: review it, then run `oerkit i18n mark`"
                else:
                    entry["reason"] = "the English text changed since the translation was made"
                    entry["diff"] = _diff(records[key] + "\n", _flat(value[default]) + "\n", "translated from", "English now")
                out.append(entry)
    return out


def format_stale(entries: list[dict]) -> str:
    lines = []
    for e in entries:
        what = e.get("translation") or e.get("key")
        lines.append(f"[{e['lang']}] {what}: {e['reason']}")
        if e.get("diff"):
            lines += ["    " + line for line in e["diff"].rstrip("\n").splitlines()]
    lines.append(f"{len(entries)} stale translation(s)")
    return "\n".join(lines)
