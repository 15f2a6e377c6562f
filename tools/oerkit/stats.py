"""`oerkit stats`: what the curriculum holds, in numbers."""

from __future__ import annotations

from .markdown_source import count_words, read_markdown
from .model import Curriculum, Module


def module_words(mod: Module, languages: list[str]) -> dict[str, int]:
    """Words of the module's pages per language (a language counts only its own translations)."""
    default = languages[0]
    words = {lang: 0 for lang in languages}
    for page in mod.pages:
        for lang in languages:
            path = page.path if lang == default else page.translations.get(lang)
            if path is not None and path.is_file():
                words[lang] += count_words(read_markdown(path).body)
    return words


def compute_stats(cur: Curriculum) -> dict:
    languages = cur.languages
    per_module = []
    for mod in cur.modules_in_order():
        bank = cur.quizzes.get(mod.id)
        per_module.append({
            "id": mod.id, "group": mod.group, "hours": mod.hours, "outcomes": len(mod.outcomes),
            "quiz_items": len(bank.items) if bank else 0, "activities": len(mod.activities),
            "pages": len(mod.pages), "words": module_words(mod, languages),
        })
    hours = sum(m["hours"] for m in per_module)
    return {
        "groups": len(cur.programme.groups) if cur.programme else 0,
        "modules": len(cur.modules),
        "outcomes": len(cur.outcomes),
        "competences": len(cur.competences),
        "quiz_items": sum(len(b.items) for b in cur.quizzes.values()),
        "activities": sum(len(m.activities) for m in cur.modules.values()),
        "glossary_terms": len(cur.glossary),
        "hours": hours,
        "ects_credits": cur.credits(hours),
        "languages": languages,
        "per_module": per_module,
    }


def format_stats(stats: dict) -> str:
    lines = [
        f"{stats['groups']} groups, {stats['modules']} modules, {stats['hours']:g} hours "
        f"({stats['ects_credits']:g} ECTS credits)",
        f"{stats['competences']} competences, {stats['outcomes']} outcomes, {stats['quiz_items']} quiz items, "
        f"{stats['activities']} activities, {stats['glossary_terms']} glossary terms",
        "",
        f"{'module':8} {'group':5} {'hours':>5} {'LOs':>4} {'items':>5}  words " + " ".join(stats["languages"]),
    ]
    for m in stats["per_module"]:
        words = " ".join(str(m["words"][lang]) for lang in stats["languages"])
        lines.append(f"{m['id']:8} {m['group']:5} {m['hours']:>5g} {m['outcomes']:>4} {m['quiz_items']:>5}  {words}")
    return "\n".join(lines)
