"""H5P packages: one .h5p per module and language, an H5P.QuestionSet of H5P.MultiChoice and H5P.TrueFalse
items. Field names follow the content types' semantics.json. Packages carry content only: the platform must
have these libraries installed (REQUIRED_LIBRARIES). Item types without a matching content type here
(matching, ordering, fill_blank) are reported, not dropped silently."""

from __future__ import annotations

import html
import json
import uuid
from pathlib import Path

from ..locales import Messages
from ..model import Curriculum, Module, QuizItem, text
from ._zip import write_zip
from .__init__ import Artifact
from ._quiz_report import ExportReport, quiz_banks

REQUIRED_LIBRARIES = (("H5P.QuestionSet", 1, 20), ("H5P.MultiChoice", 1, 16), ("H5P.TrueFalse", 1, 8))
SUBCONTENT_NS = uuid.UUID("2d4c1f0a-9b7e-4f3c-8a51-0c6e2b9d7f13")
H5P_LICENCES = {"CC-BY-SA-4.0": ("CC BY-SA", "4.0"), "CC-BY-4.0": ("CC BY", "4.0"), "CC0-1.0": ("CC0 1.0", None)}


def para(value: str) -> str:
    return f"<p>{html.escape(value)}</p>"


class H5pExporter:
    name = "h5p"

    def export(self, cur: Curriculum, out_dir: Path, report: ExportReport, languages=None) -> list[Artifact]:
        artifacts = []
        needs = ", ".join(f"{m} {major}.{minor}" for m, major, minor in REQUIRED_LIBRARIES)
        for mod, lang, record in quiz_banks(cur, languages):
            content = self.content(cur, mod, lang, report if record else None)
            if not content["questions"]:
                continue  # nothing H5P can play: the report says why
            rel = f"downloads/quiz/{cur.programme.id}-{mod.id}-{lang}.h5p"
            files = {"h5p.json": self.dump(self.h5p_json(cur, mod, lang)), "content/content.json": self.dump(content)}
            artifacts.append(Artifact(mod.id, lang, "H5P", rel, write_zip(out_dir / rel, files), note=needs))
        return artifacts

    @staticmethod
    def dump(data: dict) -> bytes:
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()

    def h5p_json(self, cur: Curriculum, mod: Module, lang: str) -> dict:
        licence, version = H5P_LICENCES.get(mod.licence, ("U", None))
        data = {
            "title": f"{mod.id} {text(mod.title, lang, cur.default_language)}",
            "language": lang,
            "mainLibrary": "H5P.QuestionSet",
            "embedTypes": ["iframe"],
            "license": licence,
            "authors": [{"name": a.name, "role": "Author"} for a in mod.authors],
            "preloadedDependencies": [{"machineName": m, "majorVersion": major, "minorVersion": minor}
                                      for m, major, minor in REQUIRED_LIBRARIES],
        }
        if version:
            data["licenseVersion"] = version
        return data

    def content(self, cur: Curriculum, mod: Module, lang: str, report: ExportReport | None) -> dict:
        default = cur.default_language
        tx = lambda v: text(v, lang, default)  # noqa: E731
        t = Messages(lang, default)
        bank = cur.quizzes[mod.id]
        questions = []
        for item in bank.items:
            if item.type in ("single", "multiple"):
                questions.append(self.multichoice(item, tx, t))
            elif item.type == "truefalse":
                questions.append(self.truefalse(item, tx, t))
            elif report is not None:
                report.skipped.append((mod.id, item.id, f"H5P: no {item.type} content type among "
                                                        "H5P.MultiChoice and H5P.TrueFalse"))
        if report is not None:
            report.exported[mod.id] = len(questions)
        return {
            "introPage": {"showIntroPage": False, "title": f"{mod.id} {tx(mod.title)}", "introduction": para(tx(mod.summary))},
            "progressType": "textual",
            "passPercentage": bank.mastery_score or cur.programme.mastery_score,
            "questions": questions,
            "disableBackwardsNavigation": False,
            "randomQuestions": False,
            "endGame": {"showResultPage": True, "showSolutionButton": True, "showRetryButton": True,
                        "noResultMessage": t("sco.finish"), "message": t("quiz.result_title"),
                        "overallFeedback": [{"from": 0, "to": 100}], "solutionButtonText": t("h5p.show_solution"),
                        "retryButtonText": t("quiz.again"), "finishButtonText": t("quiz.finish"),
                        "submitButtonText": t("quiz.finish"), "showAnimations": False, "skippable": False,
                        "skipButtonText": t("h5p.skip_video")},
            "override": {"checkButton": True},
        }

    @staticmethod
    def sub_id(item: QuizItem, lang: str) -> str:
        return str(uuid.uuid5(SUBCONTENT_NS, f"{item.id}:{lang}"))

    def multichoice(self, item: QuizItem, tx, t) -> dict:
        return {
            "library": "H5P.MultiChoice 1.16",
            "subContentId": self.sub_id(item, t.lang),
            "metadata": {"contentType": "Multiple Choice", "license": "U", "title": item.id},
            "params": {
                "media": {"disableImageZooming": False},
                "question": para(tx(item.stem)),
                "answers": [{"text": f"<div>{html.escape(tx(o.text))}</div>", "correct": o.correct,
                             "tipsAndFeedback": {"tip": "", "chosenFeedback": f"<div>{html.escape(tx(o.feedback))}</div>",
                                                 "notChosenFeedback": ""}} for o in item.options],
                "overallFeedback": [{"from": 0, "to": 100, "feedback": html.escape(tx(item.feedback))}],
                "behaviour": {"enableRetry": True, "enableSolutionsButton": True, "enableCheckButton": True,
                              "type": "single" if item.type == "single" else "multi", "singlePoint": False,
                              "randomAnswers": True, "showSolutionsRequiresInput": True, "confirmCheckDialog": False,
                              "confirmRetryDialog": False, "autoCheck": False, "passPercentage": 100,
                              "showScorePoints": True},
                "UI": {"checkAnswerButton": t("quiz.check"), "submitAnswerButton": t("quiz.check"),
                       "showSolutionButton": t("h5p.show_solution"), "tryAgainButton": t("quiz.again")},
            },
        }

    def truefalse(self, item: QuizItem, tx, t) -> dict:
        return {
            "library": "H5P.TrueFalse 1.8",
            "subContentId": self.sub_id(item, t.lang),
            "metadata": {"contentType": "True/False Question", "license": "U", "title": item.id},
            "params": {
                "media": {"disableImageZooming": False},
                "question": para(tx(item.stem)),
                "correct": "true" if item.answer else "false",
                "l10n": {"trueText": t("quiz.true"), "falseText": t("quiz.false"), "checkAnswer": t("quiz.check"),
                         "submitAnswer": t("quiz.check"), "tryAgain": t("quiz.again")},
                "behaviour": {"enableRetry": True, "enableSolutionsButton": True, "enableCheckButton": True,
                              "confirmCheckDialog": False, "confirmRetryDialog": False, "autoCheck": False,
                              "feedbackOnCorrect": html.escape(tx(item.feedback_true if item.answer else item.feedback_false)),
                              "feedbackOnWrong": html.escape(tx(item.feedback_false if item.answer else item.feedback_true))},
            },
        }
