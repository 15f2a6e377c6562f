"""GIFT question banks (Moodle's plain-text format): categories per module and outcome, special characters
escaped. Ordering items, and fill-in items with more than one gap, cannot be written in GIFT: they are
listed in a comment at the top of the file and in the export report."""

from __future__ import annotations

from pathlib import Path

from ..model import Curriculum, Module, QuizItem, text
from .__init__ import Artifact
from ._quiz_report import ExportReport, quiz_banks, save

SPECIAL = "\\~=#{}:"


def escape(value: str) -> str:
    out = "".join("\\" + ch if ch in SPECIAL else ch for ch in str(value))
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def not_expressible(item: QuizItem) -> str | None:
    if item.type == "ordering":
        return "GIFT has no ordering question type"
    if item.type == "fill_blank" and len(item.blanks) > 1:
        return "GIFT's missing-word format holds one gap; this item has several"
    return None


class GiftExporter:
    name = "gift"

    def export(self, cur: Curriculum, out_dir: Path, report: ExportReport, languages=None) -> list[Artifact]:
        artifacts = []
        for mod, lang, record in quiz_banks(cur, languages):
            rel = f"downloads/quiz/{cur.programme.id}-{mod.id}-{lang}.gift.txt"
            data = self.render(cur, mod, lang, report if record else None).encode()
            artifacts.append(Artifact(mod.id, lang, "GIFT", rel, save(out_dir, rel, data)))
        return artifacts

    def render(self, cur: Curriculum, mod: Module, lang: str, report: ExportReport | None) -> str:
        default = cur.default_language
        tx = lambda v: text(v, lang, default)  # noqa: E731
        bank = cur.quizzes[mod.id]
        skipped = [(item, why) for item in bank.items if (why := not_expressible(item))]
        out = [f"// {tx(cur.programme.title)}: {mod.id} {tx(mod.title)} ({lang}). Licence: {mod.licence}."]
        for item, why in skipped:
            out.append(f"// not exported: {item.id}: {why}")
            if report is not None:
                report.skipped.append((mod.id, item.id, f"GIFT: {why}"))
        out.append("")
        current = None
        count = 0
        for item in bank.items:
            if not_expressible(item):
                continue
            if item.outcomes[0] != current:
                current = item.outcomes[0]
                path = "/".join(p.replace("/", "//") for p in (tx(cur.programme.title), f"{mod.id} {tx(mod.title)}", current))
                out += [f"$CATEGORY: $course$/top/{path}", ""]
            if item.type == "matching" and any("->" in tx(p.prompt) for p in item.pairs) and report is not None:
                report.adapted.append((mod.id, item.id, "GIFT: '->' in a matching prompt written as '→' "
                                                        "(GIFT uses '->' to separate prompt and match)"))
            out += [self.question(item, tx, lang if lang in item.stem else default, default), ""]
            count += 1
        if report is not None:
            report.exported[mod.id] = count
        return "\n".join(out)

    def question(self, item: QuizItem, tx, answer_lang: str, default: str) -> str:
        head = f"::{escape(item.id)}::[plain]"
        general = f"####{escape(tx(item.feedback))}"
        if item.type in ("single", "multiple"):
            right = [o for o in item.options if o.correct]
            choices = []
            for o in item.options:
                if item.type == "single":
                    mark = "=" if o.correct else "~"
                else:
                    share = 100 / len(right)
                    weight = f"{share:.5f}".rstrip("0").rstrip(".")
                    mark = f"~%{weight}%" if o.correct else f"~%-{weight}%"
                choices.append(f"\t{mark}{escape(tx(o.text))}#{escape(tx(o.feedback))}")
            return f"{head}{escape(tx(item.stem))} {{\n" + "\n".join(choices) + f"\n\t{general}\n}}"
        if item.type == "truefalse":
            # GIFT: the first feedback is shown for a wrong answer, the second for a right one
            wrong = item.feedback_false if item.answer else item.feedback_true
            right = item.feedback_true if item.answer else item.feedback_false
            return (f"{head}{escape(tx(item.stem))} {{{'TRUE' if item.answer else 'FALSE'}"
                    f"#{escape(tx(wrong))}#{escape(tx(right))}{general}}}")
        if item.type == "matching":
            pairs = "\n".join(f"\t={escape(tx(p.prompt).replace('->', '→'))} -> {escape(tx(p.match))}" for p in item.pairs)
            return f"{head}{escape(tx(item.stem))} {{\n{pairs}\n\t{general}\n}}"
        # fill_blank with one gap: the missing-word format, answers in place of the gap
        blank = item.blanks[0]
        accepted = blank.answers.get(answer_lang) or blank.answers[default]
        distractors = blank.distractors.get(answer_lang) or blank.distractors.get(default, [])
        if distractors:
            inner = " ".join([f"={escape(accepted[0])}"] + [f"~{escape(d)}" for d in distractors])
        else:
            inner = " ".join(f"={escape(a)}" for a in accepted)
        before, _, after = tx(item.stem).partition("[[1]]")
        return f"{head}{escape(before)}{{{inner}{general}}}{escape(after)}"
