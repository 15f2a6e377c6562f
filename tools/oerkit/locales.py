"""The user-interface strings of the site and the learner tools: one catalogue per language,
oerkit/locales/<lang>.yaml, a flat mapping from message id to text that translators edit."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=None)
def load_catalogue(lang: str) -> dict[str, str]:
    path = resources.files("oerkit") / "locales" / f"{lang}.yaml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


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
