"""What a quiz-bank export carried over and what it could not, per format and module (shared by the
three quiz exporters: it is a record, not a format)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ExportReport:
    format: str
    exported: dict[str, int] = field(default_factory=dict)  # module -> items exported
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (module, item id, why)
    adapted: list[tuple[str, str, str]] = field(default_factory=list)  # (module, item id, how)

    def lines(self) -> list[str]:
        total = sum(self.exported.values())
        out = [f"{self.format}: {total} item(s) exported, {len(self.skipped)} not exported"]
        out += [f"  {m} {i}: not exported: {why}" for m, i, why in self.skipped]
        out += [f"  {m} {i}: {how}" for m, i, how in self.adapted]
        return out

    def to_json(self) -> dict:
        return {"format": self.format, "exported": self.exported,
                "skipped": [{"module": m, "item": i, "reason": r} for m, i, r in self.skipped],
                "adapted": [{"module": m, "item": i, "how": h} for m, i, h in self.adapted]}


def quiz_banks(cur, languages=None):
    """(module, language, report-this-language?) for every module with a quiz bank and every language;
    the report records the default language only, so each item is counted once."""
    for mod in cur.modules_in_order():
        if mod.id in cur.quizzes:
            for lang in languages or cur.languages:
                yield mod, lang, lang == cur.default_language


def save(out_dir: Path, rel: str, data: bytes) -> int:
    path = out_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)
