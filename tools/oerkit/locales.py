"""The user-interface strings of the site and the learner tools: one catalogue per language,
oerkit/locales/<lang>.yaml, a flat mapping from message id to text that translators edit."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .yaml_source import parse_plain


def catalogue_files(lang: str) -> list:
    """The files of one language's catalogue: locales/<lang>.yaml, then locales/<feature>/<lang>.yaml
    (one folder per tool or feature, so each owns its strings) in name order."""
    base = resources.files("oerkit") / "locales"
    files = [base / f"{lang}.yaml"]
    if base.is_dir():
        files += sorted((d / f"{lang}.yaml" for d in base.iterdir() if d.is_dir()), key=lambda f: str(f))
    return [f for f in files if f.is_file()]


@lru_cache(maxsize=None)
def load_catalogue(lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    origin: dict[str, str] = {}
    for path in catalogue_files(lang):
        data = parse_plain(path.read_text(encoding="utf-8")) or {}
        for key, value in data.items():
            key = str(key)
            if key in out:
                raise ValueError(f"UI string '{key}' is defined twice: in {origin[key]} and in {path}")
            out[key], origin[key] = str(value), str(path)
    return out


def ui_keys(catalogue: dict[str, str]) -> list[str]:
    return sorted(catalogue)


class Messages:
    """Look up UI strings in one language, falling back to the default language."""

    def __init__(self, lang: str, default: str = "en"):
        self.lang = lang
        self.primary = load_catalogue(lang)
        self.fallback = load_catalogue(default)

    def __call__(self, key: str, **values) -> str:
        template = self.primary.get(key) or self.fallback.get(key)
        if template is None:
            raise KeyError(f"UI string '{key}' is missing from the catalogue")
        return template.format(**values) if values else template
