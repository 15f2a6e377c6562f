"""Quiz banks for trainers: Moodle XML and GIFT parsed back and compared with the bank in every language
(with the characters both formats treat specially), and H5P packages checked against rules derived from
the content types' semantics.json."""

from __future__ import annotations

import html
import json
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import pytest

from conftest import REPO
from oerkit.export.gift import GiftExporter
from oerkit.export.h5p import REQUIRED_LIBRARIES, H5pExporter
from oerkit.export.moodle_xml import MoodleXmlExporter
from oerkit.export._quiz_report import ExportReport
from oerkit.model import text
from oerkit.validate import validate_project

NASTY = 'Costs {1:2} ~ "risk" = #1 & <b>bold</b> / a\\b: ok'


@pytest.fixture
def cur(project):
    """The fixture bank, with special characters in every kind of text, in two languages."""
    project.replace("assessment_quiz/A1.yaml", 'stem: {en: "What is resilience?"}',
                    f"stem: {{en: {json.dumps(NASTY)}, el: {json.dumps('Τι είναι; ' + NASTY)}}}")
    project.replace("assessment_quiz/A1.yaml", "{id: b, text: {en: A type of concrete}, feedback: {en: No.}}",
                    "{id: b, text: {en: \"A ~type~ of = concrete {x}\"}, feedback: {en: \"No: #not <this>.\"}}")
    project.replace("assessment_quiz/A2.yaml", "{id: a, prompt: {en: Shock}, match: {en: Sudden}}",
                    "{id: a, prompt: {en: \"Shock -> fast\"}, match: {en: \"Sudden & {brief}\"}}")
    result = validate_project(project.root)
    assert not result.report.errors, result.report.render()
    return result.curriculum


def bank_items(cur, module):
    return {i.id: i for i in cur.quizzes[module].items}


def test_moodle_xml_round_trip_in_every_language(cur, tmp_path):
    report = ExportReport("moodle-xml")
    artifacts = MoodleXmlExporter().export(cur, tmp_path, report)
    assert len(artifacts) == 2 * 4
    for a in artifacts:
        root = ET.parse(tmp_path / a.path).getroot()
        items = bank_items(cur, a.module)
        categories = [q.find("category/text").text for q in root.findall("question[@type='category']")]
        assert all(c.startswith("$course$/top/") and f"/{a.module} " in c for c in categories)
        seen = set()
        for q in root.findall("question"):
            if q.get("type") == "category":
                continue
            item = items[q.find("idnumber").text]
            seen.add(item.id)
            tx = lambda v: text(v, a.lang, "en")  # noqa: E731
            stem = html.unescape(q.find("questiontext/text").text)
            assert [t.text for t in q.findall("tags/tag/text")] == item.outcomes
            assert html.unescape(q.find("generalfeedback/text").text) == f"<p>{tx(item.feedback)}</p>"
            if item.type in ("single", "multiple"):
                assert stem == f"<p>{tx(item.stem)}</p>"
                answers = q.findall("answer")
                assert [html.unescape(x.find("text").text) for x in answers] == [f"<p>{tx(o.text)}</p>" for o in item.options]
                assert [html.unescape(x.find("feedback/text").text) for x in answers] == [f"<p>{tx(o.feedback)}</p>" for o in item.options]
                fractions = [float(x.get("fraction")) for x in answers]
                assert abs(sum(f for f in fractions if f > 0) - 100) < 0.01
                assert [f > 0 for f in fractions] == [o.correct for o in item.options]
                assert q.find("single").text == ("true" if item.type == "single" else "false")
            elif item.type == "truefalse":
                right = [x for x in q.findall("answer") if x.get("fraction") == "100"]
                assert right[0].find("text").text == str(item.answer).lower()
            elif item.type == "matching":
                subs = [(html.unescape(s.find("text").text), s.find("answer/text").text) for s in q.findall("subquestion")]
                assert subs == [(f"<p>{tx(p.prompt)}</p>", tx(p.match)) for p in item.pairs]
            elif item.type == "ordering":
                subs = [(html.unescape(s.find("text").text), s.find("answer/text").text) for s in q.findall("subquestion")]
                assert subs == [(f"<p>{tx(s.text)}</p>", str(n)) for n, s in enumerate(item.sequence, 1)]
            elif item.type == "fill_blank":
                options = [o.find("text").text for o in q.findall("selectoption")]
                assert q.get("type") == "gapselect" and options[0] == "2030" and "2025" in options
                assert "[[1]]" in stem
        assert seen == set(items)
    assert report.adapted == [("A2", "A2-Q01", "Moodle XML: ordering exported as matching against positions 1..n")]


def parse_gift(paths) -> list[dict]:
    script = "const g=require('gift-pegjs');const fs=require('fs');" \
             "console.log(JSON.stringify(process.argv.slice(1).map(p=>g.parse(fs.readFileSync(p,'utf8')))))"
    out = subprocess.run(["node", "-e", script, *map(str, paths)], capture_output=True, text=True, cwd=REPO, check=True)
    return json.loads(out.stdout)


def test_gift_round_trip_in_every_language_with_a_real_parser(cur, tmp_path):
    report = ExportReport("gift")
    artifacts = GiftExporter().export(cur, tmp_path, report)
    parsed = parse_gift([tmp_path / a.path for a in artifacts])
    for a, questions in zip(artifacts, parsed):
        items = bank_items(cur, a.module)
        tx = lambda v: text(v, a.lang, "en")  # noqa: E731
        source = (tmp_path / a.path).read_text()
        for q in questions:
            if q["type"] == "Category":
                assert q["title"].startswith("$course$/top/") and f"/{a.module} " in q["title"]
                continue
            item = items[q["title"]]
            assert q["globalFeedback"]["text"] == tx(item.feedback)
            if item.type in ("single", "multiple"):
                assert q["stem"]["text"] == tx(item.stem)
                assert [c["text"]["text"] for c in q["choices"]] == [tx(o.text) for o in item.options]
                assert [c["feedback"]["text"] for c in q["choices"]] == [tx(o.feedback) for o in item.options]
                if item.type == "single":
                    assert [c["isCorrect"] for c in q["choices"]] == [o.correct for o in item.options]
                else:
                    assert [c["weight"] > 0 for c in q["choices"]] == [o.correct for o in item.options]
                    assert abs(sum(c["weight"] for c in q["choices"] if c["weight"] > 0) - 100) < 0.01
            elif item.type == "truefalse":
                assert q["isTrue"] is item.answer
                # Moodle reads {TRUE#first#second} as: first = feedback for a wrong answer, second = for a right one
                wrong, right = (item.feedback_false, item.feedback_true) if item.answer else (item.feedback_true, item.feedback_false)
                assert (q["trueFeedback"]["text"], q["falseFeedback"]["text"]) == (tx(wrong), tx(right))
            elif item.type == "matching":
                # gift-pegjs leaves escaped braces in match answers as &&123; and &&125; (Moodle unescapes them)
                got = [(p["subquestion"]["text"], p["subanswer"].replace("&&123;", "{").replace("&&125;", "}"))
                       for p in q["matchPairs"]]
                assert got == [(tx(p.prompt).replace("->", "→"), tx(p.match)) for p in item.pairs]
            elif item.type == "fill_blank":
                assert q["hasEmbeddedAnswers"] and [c["isCorrect"] for c in q["choices"]] == [True, False]
        exported = {q["title"] for q in questions if q["type"] != "Category"}
        assert exported == {i for i, it in items.items() if it.type != "ordering"}
        assert all(line.strip() == "" or not line.startswith("::") or source.split(line)[0].endswith("\n\n")
                   for line in source.splitlines()), "questions are separated by blank lines"
    assert ("A2", "A2-Q01", "GIFT: GIFT has no ordering question type") in report.skipped
    assert any(i == "A2-Q02" and "→" in how for _, i, how in report.adapted)
    assert "// not exported: A2-Q01" in (tmp_path / "downloads/quiz/mini-A2-en.gift.txt").read_text()


# Rules derived from semantics.json of H5P.QuestionSet 1.20, H5P.MultiChoice 1.16, H5P.TrueFalse 1.8
QUESTION_LIBRARIES = {"H5P.MultiChoice 1.16", "H5P.TrueFalse 1.8"}
QUESTIONSET_FIELDS = {"introPage": dict, "progressType": ("textual", "dots"), "passPercentage": (int, float),
                      "questions": list, "disableBackwardsNavigation": bool, "randomQuestions": bool, "endGame": dict,
                      "override": dict}
MULTICHOICE_BEHAVIOUR = {"enableRetry": bool, "enableSolutionsButton": bool, "enableCheckButton": bool,
                         "type": ("auto", "multi", "single"), "singlePoint": bool, "randomAnswers": bool,
                         "showSolutionsRequiresInput": bool, "confirmCheckDialog": bool, "confirmRetryDialog": bool,
                         "autoCheck": bool, "passPercentage": (int, float), "showScorePoints": bool}
ANSWER_FIELDS = {"text": str, "correct": bool, "tipsAndFeedback": dict}
TIPS_FIELDS = {"tip", "chosenFeedback", "notChosenFeedback"}
TRUEFALSE_BEHAVIOUR = {"enableRetry": bool, "enableSolutionsButton": bool, "enableCheckButton": bool,
                       "confirmCheckDialog": bool, "confirmRetryDialog": bool, "autoCheck": bool,
                       "feedbackOnCorrect": str, "feedbackOnWrong": str}


def check_fields(data: dict, rules: dict, where: str):
    for key, rule in rules.items():
        assert key in data, f"{where}: missing {key}"
        value = data[key]
        if isinstance(rule, tuple) and all(isinstance(r, str) for r in rule):
            assert value in rule, f"{where}.{key}: {value!r} not in {rule}"
        else:
            assert isinstance(value, rule) and not (rule in ((int, float), int) and isinstance(value, bool)), f"{where}.{key}"


def test_h5p_packages_follow_the_content_type_specifications(cur, tmp_path):
    report = ExportReport("h5p")
    artifacts = H5pExporter().export(cur, tmp_path, report)
    assert {a.module for a in artifacts} == {"A1", "A2"}
    for a in artifacts:
        with zipfile.ZipFile(tmp_path / a.path) as zf:
            assert sorted(zf.namelist()) == ["content/content.json", "h5p.json"]
            meta = json.loads(zf.read("h5p.json"))
            content = json.loads(zf.read("content/content.json"))
        for key in ("title", "language", "mainLibrary", "embedTypes", "preloadedDependencies"):
            assert key in meta
        assert meta["mainLibrary"] == "H5P.QuestionSet" and set(meta["embedTypes"]) <= {"iframe", "div"}
        assert meta["language"] == a.lang and meta["license"] == "CC BY-SA" and meta["licenseVersion"] == "4.0"
        assert [(d["machineName"], d["majorVersion"], d["minorVersion"]) for d in meta["preloadedDependencies"]] == list(REQUIRED_LIBRARIES)
        check_fields(content, QUESTIONSET_FIELDS, "content")
        assert content["questions"], "QuestionSet needs at least one question (min 1)"
        items = bank_items(cur, a.module)
        for q in content["questions"]:
            assert q["library"] in QUESTION_LIBRARIES and q["subContentId"]
            item = items[q["metadata"]["title"]]
            params = q["params"]
            assert isinstance(params["question"], str) and params["question"].startswith("<p>")
            if q["library"].startswith("H5P.MultiChoice"):
                check_fields(params["behaviour"], MULTICHOICE_BEHAVIOUR, "behaviour")
                assert params["behaviour"]["type"] == ("single" if item.type == "single" else "multi")
                assert len(params["answers"]) >= 1
                for answer, option in zip(params["answers"], item.options):
                    check_fields(answer, ANSWER_FIELDS, "answer")
                    assert set(answer["tipsAndFeedback"]) <= TIPS_FIELDS
                    assert answer["correct"] is option.correct
            else:
                assert params["correct"] in ("true", "false") and params["correct"] == str(item.answer).lower()
                check_fields(params["behaviour"], TRUEFALSE_BEHAVIOUR, "behaviour")
    skipped = {(m, i) for m, i, _ in report.skipped}
    assert skipped == {("A1", "A1-Q03"), ("A2", "A2-Q01"), ("A2", "A2-Q02")}


def test_every_export_carries_the_licence(cur, tmp_path):
    for exporter in (MoodleXmlExporter(), GiftExporter()):
        for a in exporter.export(cur, tmp_path, ExportReport("x")):
            assert "CC" in (tmp_path / a.path).read_text() and "Licence" in (tmp_path / a.path).read_text(), a.path
    for a in H5pExporter().export(cur, tmp_path, ExportReport("x")):
        with zipfile.ZipFile(tmp_path / a.path) as zf:
            assert json.loads(zf.read("h5p.json"))["license"] == "CC BY-SA"


def test_quiz_exports_are_reproducible(cur, tmp_path):
    for exporter in (MoodleXmlExporter(), GiftExporter(), H5pExporter()):
        one = exporter.export(cur, tmp_path / "one", ExportReport("x"))
        two = exporter.export(cur, tmp_path / "two", ExportReport("x"))
        for a, b in zip(one, two):
            assert (tmp_path / "one" / a.path).read_bytes() == (tmp_path / "two" / b.path).read_bytes()
