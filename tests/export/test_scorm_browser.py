"""SCORM packages in a real browser, with scorm-again as the LMS runtime (SCORM 1.2 and 2004):
launch, read every page, answer the quiz, and check what the LMS recorded; resume; a failing attempt."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest

from browser import chromium, static_server
from conftest import REPO
from oerkit.export.scorm import ScormExporter
from oerkit.validate import validate_project

HOST = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.min.js"></script><script src="scorm2004.min.js"></script></head>
<body><iframe id="sco" title="SCO" style="width:1100px;height:900px"></iframe>
<script>
window.startSco = (version, initial) => {
  const options = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
  if (version === "2004") { window.API_1484_11 = new Scorm2004API(options); if (initial) window.API_1484_11.loadFromJSON(initial); }
  else { window.API = new Scorm12API(options); if (initial) window.API.loadFromJSON(initial); }
  document.getElementById("sco").src = "sco/index.html";
};
window.noLms = () => { document.getElementById("sco").src = "sco/index.html"; };
</script></body></html>"""


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    root = tmp_path_factory.mktemp("scorm")
    shutil.copytree(REPO / "tests/fixtures/mini", root / "mini", ignore=shutil.ignore_patterns("site", "build", "site.*"))
    cur = validate_project(root / "mini").curriculum
    ScormExporter(root / "mini", root / "work").export(cur, root / "out", ["en"])
    return root / "out" / "downloads" / "scorm"


@pytest.fixture
def lms(packages, tmp_path):
    def launch(package: str):
        folder = tmp_path / package
        folder.mkdir()
        (folder / "host.html").write_text(HOST)
        for name in ("scorm12.min.js", "scorm2004.min.js"):
            shutil.copy(REPO / "node_modules/scorm-again/dist" / name, folder / name)
        with zipfile.ZipFile(packages / package) as zf:
            zf.extractall(folder / "sco")
        return folder
    with chromium() as browser:
        yield browser, launch


def read_all_pages_and_take_quiz(page, correct: bool):
    sco = page.frame_locator("#sco")
    sco.get_by_role("button", name="Next").wait_for()
    for _ in range(2):  # two module pages, then the quiz page
        sco.get_by_role("button", name="Next").click()
    items = sco.locator(".oerkit-item")
    items.nth(0).get_by_label("The ability to recover" if correct else "A type of concrete").check()
    items.nth(0).get_by_role("button", name="Check").click()
    items.nth(1).get_by_label("True" if correct else "False", exact=True).check()
    items.nth(1).get_by_role("button", name="Check").click()
    items.nth(2).get_by_label("Blank 1").fill("2030" if correct else "1999")
    items.nth(2).get_by_role("button", name="Check").click()
    sco.get_by_role("button", name="Finish the quiz").click()
    sco.get_by_role("button", name="Finish and exit").click()
    return sco


def test_scorm12_records_status_score_interactions_and_objectives(lms):
    browser, launch = lms
    with static_server(launch("mini-A1-en-scorm12.zip")) as origin:
        page = browser.new_page()
        page.goto(f"{origin}/host.html")
        page.evaluate("startSco('1.2', null)")
        read_all_pages_and_take_quiz(page, correct=True)
        # SCORM 1.2 makes interactions write-only for the SCO; the LMS reads them from what is committed
        data = page.evaluate("() => JSON.parse(JSON.stringify(window.API.cmi))")
        core = data["core"]
        interactions = [data["interactions"][k] for k in sorted(data["interactions"], key=int)] \
            if isinstance(data["interactions"], dict) else data["interactions"]
        objectives = [data["objectives"][k] for k in sorted(data["objectives"], key=int)] \
            if isinstance(data["objectives"], dict) else data["objectives"]
        cmi = {"status": core["lesson_status"], "raw": core["score"]["raw"], "min": core["score"]["min"],
               "max": core["score"]["max"],
               "interactions": [{"id": i["id"], "type": i["type"], "response": i["student_response"],
                                 "result": i["result"], "objective": i["objectives"]["0"]["id"]
                                 if isinstance(i["objectives"], dict) else i["objectives"][0]["id"]}
                                for i in interactions],
               "objectives": [{"id": o["id"], "status": o["status"], "raw": o["score"]["raw"]} for o in objectives]}
    assert cmi["status"] == "passed"
    assert (cmi["raw"], cmi["min"], cmi["max"]) == ("100", "0", "100")
    assert cmi["interactions"] == [
        {"id": "A1-Q01", "type": "choice", "response": "a", "result": "correct", "objective": "A1-LO1"},
        {"id": "A1-Q02", "type": "true-false", "response": "t", "result": "correct", "objective": "A1-LO1"},
        {"id": "A1-Q03", "type": "fill-in", "response": "2030", "result": "correct", "objective": "A1-LO1"}]
    assert cmi["objectives"] == [{"id": "A1-LO1", "status": "passed", "raw": "100"}]
    # when each answer was given and how long it took, for the LMS's reports (scorm-again refuses bad formats)
    assert all(re.fullmatch(r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?", i["latency"]) for i in interactions), interactions
    assert all(re.fullmatch(r"\d{2}:\d{2}:\d{2}", i["time"]) for i in interactions), interactions


def test_scorm2004_records_completion_success_scaled_and_raw(lms):
    browser, launch = lms
    with static_server(launch("mini-A1-en-scorm2004.zip")) as origin:
        page = browser.new_page()
        page.goto(f"{origin}/host.html")
        page.evaluate("startSco('2004', null)")
        read_all_pages_and_take_quiz(page, correct=True)
        cmi = page.evaluate("""() => { const c = window.API_1484_11.cmi; return {
            completion: c.completion_status, success: c.success_status, scaled: c.score.scaled, raw: c.score.raw,
            interactions: c.interactions.childArray.map(i => [i.id, i.type, i.learner_response, i.result]),
            timing: c.interactions.childArray.map(i => [i.timestamp, i.latency]),
            objectives: c.objectives.childArray.map(o => [o.id, o.success_status, o.completion_status]) }; }""")
    assert (cmi["completion"], cmi["success"]) == ("completed", "passed")
    assert float(cmi["scaled"]) == 1.0 and cmi["raw"] == "100"
    assert cmi["interactions"][1] == ["A1-Q02", "true-false", "true", "correct"]
    assert cmi["objectives"] == [["A1-LO1", "passed", "completed"]]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", stamp) and re.fullmatch(r"PT\d+H\d+M[\d.]+S", latency)
               for stamp, latency in cmi["timing"]), cmi["timing"]


@pytest.mark.parametrize("version, package", [("1.2", "mini-A1-en-scorm12.zip"), ("2004", "mini-A1-en-scorm2004.zip")])
def test_failing_attempt_is_recorded_as_failed(lms, version, package):
    browser, launch = lms
    with static_server(launch(package)) as origin:
        page = browser.new_page()
        page.goto(f"{origin}/host.html")
        page.evaluate(f"startSco('{version}', null)")
        read_all_pages_and_take_quiz(page, correct=False)
        if version == "1.2":
            status = page.evaluate("[window.API.cmi.core.lesson_status, window.API.cmi.core.score.raw]")
            assert status == ["failed", "0"]
        else:
            status = page.evaluate("[window.API_1484_11.cmi.success_status, window.API_1484_11.cmi.interactions.childArray[0].result]")
            assert status == ["failed", "incorrect"]


@pytest.mark.parametrize("version, package", [("1.2", "mini-A1-en-scorm12.zip"), ("2004", "mini-A1-en-scorm2004.zip")])
def test_learner_resumes_where_they_were_with_their_answers(lms, version, package):
    browser, launch = lms
    api = "API" if version == "1.2" else "API_1484_11"
    with static_server(launch(package)) as origin:
        page = browser.new_page()
        page.goto(f"{origin}/host.html")
        page.evaluate(f"startSco('{version}', null)")
        sco = page.frame_locator("#sco")
        for _ in range(2):
            sco.get_by_role("button", name="Next").click()
        first = sco.locator(".oerkit-item").nth(0)
        first.get_by_label("A type of concrete").check()
        first.get_by_role("button", name="Check").click()
        saved = page.evaluate(f"""() => {{ const c = window.{api}.cmi; return {{ suspend: c.suspend_data,
            location: {'c.core.lesson_location' if version == '1.2' else 'c.location'},
            status: {'c.core.lesson_status' if version == '1.2' else 'c.completion_status'} }}; }}""")
        assert saved["status"] == "incomplete" and saved["location"] == "2"
        assert len(saved["suspend"]) < 4096
        # a new session in the LMS, with what it stored
        page.goto(f"{origin}/host.html")
        initial = ({"suspend_data": saved["suspend"], "core": {"lesson_location": saved["location"], "entry": "resume"}}
                   if version == "1.2" else {"suspend_data": saved["suspend"], "location": saved["location"], "entry": "resume"})
        page.evaluate("([v, i]) => startSco(v, i)", [version, initial])
        sco = page.frame_locator("#sco")
        quiz_page = sco.locator("#page-quiz")
        quiz_page.wait_for(state="visible")
        assert sco.locator("#page-introduction").is_hidden()
        assert sco.locator(".oerkit-item").nth(0).get_by_label("A type of concrete").is_checked()
        assert "Not correct." in sco.locator(".oerkit-item").nth(0).locator(".oerkit-feedback").inner_text()


def test_without_an_lms_the_sco_runs_as_plain_pages_and_says_so(lms):
    browser, launch = lms
    with static_server(launch("mini-A1-en-scorm12.zip")) as origin:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{origin}/sco/index.html", wait_until="networkidle")
        assert "Results are not being recorded" in page.locator("#sco-notice").inner_text()
        page.get_by_role("button", name="Next").click()
        assert page.locator("#page-details").is_visible()
        page.get_by_role("link", name="Introduction").click()
        assert page.locator("#page-introduction").is_visible()
        assert errors == []


def test_module_without_quiz_completes_when_every_page_is_read(packages, tmp_path):
    root = tmp_path / "noquiz"
    shutil.copytree(REPO / "tests/fixtures/mini", root, ignore=shutil.ignore_patterns("site", "build", "site.*"))
    (root / "assessment_quiz/A2.yaml").unlink()
    cur = validate_project(root).curriculum
    ScormExporter(root, tmp_path / "work").export(cur, tmp_path / "out", ["en"])
    folder = tmp_path / "host"
    folder.mkdir()
    (folder / "host.html").write_text(HOST)
    shutil.copy(REPO / "node_modules/scorm-again/dist/scorm12.min.js", folder)
    shutil.copy(REPO / "node_modules/scorm-again/dist/scorm2004.min.js", folder)
    with zipfile.ZipFile(tmp_path / "out/downloads/scorm/mini-A2-en-scorm12.zip") as zf:
        zf.extractall(folder / "sco")
    with chromium() as browser, static_server(folder) as origin:
        page = browser.new_page()
        page.goto(f"{origin}/host.html")
        page.evaluate("startSco('1.2', null)")
        sco = page.frame_locator("#sco")
        sco.get_by_role("button", name="Finish and exit").wait_for()
        # one page only, and it is shown at launch: seen, so the module is complete
        sco.get_by_role("button", name="Finish and exit").click()
        assert page.evaluate("window.API.cmi.core.lesson_status") == "completed"
