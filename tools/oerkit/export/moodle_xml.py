"""Moodle XML question banks: one category per module, a subcategory per learning outcome, native types.

single/multiple -> multichoice; truefalse -> truefalse; matching -> matching; ordering -> matching against
positions (core Moodle has no ordering type); fill_blank -> gapselect (with distractors) or cloze
short answers (without). Each outcome id is a tag. Texts are HTML, escaped.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from pathlib import Path

from ..licences import LICENCE_NAMES, LICENCE_URLS
from ..model import Curriculum, Module, QuizItem, text
from .__init__ import Artifact
from ._quiz_report import ExportReport, quiz_banks, save

GAP = "[["


def fraction(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))


def category_path(*parts: str) -> str:
    return "$course$/top/" + "/".join(p.replace("/", "//") for p in parts)


class MoodleXmlExporter:
    name = "moodle-xml"

    def export(self, cur: Curriculum, out_dir: Path, report: ExportReport, languages=None) -> list[Artifact]:
        artifacts = []
        for mod, lang, record in quiz_banks(cur, languages):
            rel = f"downloads/quiz/{cur.programme.id}-{mod.id}-{lang}-moodle.xml"
            data = self.render(cur, mod, lang, report if record else None)
            artifacts.append(Artifact(mod.id, lang, "Moodle XML", rel, save(out_dir, rel, data)))
        return artifacts

    def render(self, cur: Curriculum, mod: Module, lang: str, report: ExportReport | None) -> bytes:
        default = cur.default_language
        tx = lambda v: text(v, lang, default)  # noqa: E731
        quiz = ET.Element("quiz")
        bank = cur.quizzes[mod.id]
        quiz.append(ET.Comment(f" {tx(cur.programme.title)}: {mod.id} {tx(mod.title)} ({lang}). "
                               f"Licence: {LICENCE_NAMES.get(mod.licence, mod.licence)} {LICENCE_URLS.get(mod.licence, '')} "))
        base = [tx(cur.programme.title), f"{mod.id} {tx(mod.title)}"]
        by_outcome: dict[str, list[QuizItem]] = {}
        for item in bank.items:
            by_outcome.setdefault(item.outcomes[0], []).append(item)
        count = 0
        for oid in [o for o in mod.outcomes if o in by_outcome] + [o for o in by_outcome if o not in mod.outcomes]:
            cat = ET.SubElement(quiz, "question", type="category")
            ET.SubElement(ET.SubElement(cat, "category"), "text").text = category_path(*base, oid)
            statement = cur.outcomes[oid].statement if oid in cur.outcomes else {}
            ET.SubElement(ET.SubElement(cat, "info", format="html"), "text").text = html.escape(tx(statement))
            for item in by_outcome[oid]:
                self.question(quiz, item, tx, lang, default, report, mod.id)
                count += 1
        if report is not None:
            report.exported[mod.id] = count
        ET.indent(quiz, space="  ")
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n"

    def question(self, quiz, item: QuizItem, tx, lang, default, report, module_id) -> None:
        kind = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse", "matching": "matching",
                "ordering": "matching"}.get(item.type)
        if item.type == "fill_blank":
            kind = "gapselect" if all(b.distractors for b in item.blanks) else "cloze"
        q = ET.SubElement(quiz, "question", type=kind)

        def html_text(parent, tag, value, fmt=True):
            node = ET.SubElement(parent, tag, format="html") if fmt else ET.SubElement(parent, tag)
            ET.SubElement(node, "text").text = value
            return node

        ET.SubElement(ET.SubElement(q, "name"), "text").text = f"{item.id} {tx(item.stem)[:60]}"
        stem = html.escape(tx(item.stem))
        answers_lang = lang if lang in item.stem else default
        if item.type == "fill_blank" and kind == "gapselect":
            choices, stem_out = [], stem
            for i, blank in enumerate(item.blanks, 1):
                choices.append((blank.answers.get(answers_lang) or blank.answers[default])[0])
                stem_out = stem_out.replace(f"[[{i}]]", f"[[__{len(choices)}__]]")
            for i, blank in enumerate(item.blanks, 1):
                for d in blank.distractors.get(answers_lang) or blank.distractors.get(default, []):
                    choices.append(d)
            stem = stem_out.replace("[[__", "[[").replace("__]]", "]]")
        elif item.type == "fill_blank":
            for i, blank in enumerate(item.blanks, 1):
                accepted = blank.answers.get(answers_lang) or blank.answers[default]
                cloze = "~".join(f"={self.cloze_escape(a)}" for a in accepted)
                stem = stem.replace(f"[[{i}]]", f"{{1:SHORTANSWER:{cloze}}}")
        html_text(q, "questiontext", f"<p>{stem}</p>")
        html_text(q, "generalfeedback", f"<p>{html.escape(tx(item.feedback))}</p>")
        ET.SubElement(q, "defaultgrade").text = "1"
        ET.SubElement(q, "penalty").text = "0.3333333"
        ET.SubElement(q, "hidden").text = "0"
        ET.SubElement(q, "idnumber").text = item.id
        if item.type in ("single", "multiple"):
            right = [o for o in item.options if o.correct]
            ET.SubElement(q, "single").text = "true" if item.type == "single" else "false"
            ET.SubElement(q, "shuffleanswers").text = "1"
            ET.SubElement(q, "answernumbering").text = "abc"
            share = 100 / max(1, len(right))
            for o in item.options:
                value = 100 if (o.correct and item.type == "single") else share if o.correct else (
                    0 if item.type == "single" else -share)
                a = ET.SubElement(q, "answer", fraction=fraction(value), format="html")
                ET.SubElement(a, "text").text = f"<p>{html.escape(tx(o.text))}</p>"
                html_text(a, "feedback", f"<p>{html.escape(tx(o.feedback))}</p>")
        elif item.type == "truefalse":
            for value, fb in (("true", item.feedback_true), ("false", item.feedback_false)):
                a = ET.SubElement(q, "answer", fraction="100" if str(item.answer).lower() == value else "0", format="moodle_auto_format")
                ET.SubElement(a, "text").text = value
                html_text(a, "feedback", f"<p>{html.escape(tx(fb))}</p>")
        elif item.type == "matching":
            ET.SubElement(q, "shuffleanswers").text = "true"
            for p in item.pairs:
                sub = ET.SubElement(q, "subquestion", format="html")
                ET.SubElement(sub, "text").text = f"<p>{html.escape(tx(p.prompt))}</p>"
                ET.SubElement(ET.SubElement(sub, "answer"), "text").text = tx(p.match)
        elif item.type == "ordering":
            ET.SubElement(q, "shuffleanswers").text = "true"
            for position, s in enumerate(item.sequence, 1):
                sub = ET.SubElement(q, "subquestion", format="html")
                ET.SubElement(sub, "text").text = f"<p>{html.escape(tx(s.text))}</p>"
                ET.SubElement(ET.SubElement(sub, "answer"), "text").text = str(position)
            if report is not None:
                report.adapted.append((module_id, item.id, "Moodle XML: ordering exported as matching against positions 1..n"))
        elif kind == "gapselect":
            ET.SubElement(q, "shuffleanswers").text = "1"
            for i, choice in enumerate(choices, 1):
                option = ET.SubElement(q, "selectoption")
                ET.SubElement(option, "text").text = choice
                # one drop-down group per gap: a gap's correct answer and the distractors listed for it share it
                ET.SubElement(option, "group").text = "1"
        tags = ET.SubElement(q, "tags")
        for oid in item.outcomes:
            ET.SubElement(ET.SubElement(tags, "tag"), "text").text = oid

    @staticmethod
    def cloze_escape(value: str) -> str:
        out = value
        for ch in "\\}#~/\"":
            out = out.replace(ch, "\\" + ch)
        return out
