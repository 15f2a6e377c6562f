"""The European Learning Model descriptions of the programme and its modules."""

from __future__ import annotations

from cohorts import add_certification
from oerkit.credentials.elm import document_path, duration, elm_documents
from oerkit.load import load_project


def test_programme_and_modules_are_described_with_outcomes_workload_credits_and_level(project):
    project.replace("modules/A2-second-steps/module.yaml", "hours: 3", "hours: 2.5")
    add_certification(project.root)
    cur = load_project(project.root).curriculum
    docs = elm_documents(cur)
    assert list(docs) == [None, "A1", "A2"]
    programme = docs[None]
    assert programme["@context"] == "http://data.europa.eu/snb/model/context/edc-ap"
    assert (programme["id"], programme["type"]) == ("https://example.org/mini/programme.html", "Qualification")
    assert programme["title"] == {"en": "Mini programme", "el": "Μικρό πρόγραμμα"}
    assert programme["altLabel"]["de"] == "Mini-Nachweis"
    assert programme["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/5"
    assert programme["volumeOfLearning"] == "PT4H30M"
    assert programme["creditPoint"][0]["point"] == "0.2"
    assert programme["creditPoint"][0]["framework"]["prefLabel"] == {"en": "European Credit Transfer System"}
    assert [lo["id"] for lo in programme["learningOutcome"]] == ["https://example.org/mini/outcomes.html#lo-a1-lo1",
                                                                 "https://example.org/mini/outcomes.html#lo-a2-lo1"]
    assert [c["id"].rsplit("/", 1)[1] for c in programme["language"]] == ["ENG", "ELL", "DEU", "POR"]
    assert programme["provenBy"][0]["description"]["el"] == "Ένα διαδικτυακό κουίζ ανά ενότητα."
    assert [m["id"] for m in programme["hasPart"]] == ["https://example.org/mini/modules/A1-first-steps/index.html",
                                                       "https://example.org/mini/modules/A2-second-steps/index.html"]
    assert programme["hasPart"][0]["learningOutcome"] == [
        {"id": "https://example.org/mini/outcomes.html#lo-a1-lo1", "type": "LearningOutcome"}], "described once"
    a2 = docs["A2"]
    assert a2["learningOutcome"][0]["title"]["en"] and a2["learningOutcome"][0]["type"] == "LearningOutcome"
    assert (a2["type"], a2["volumeOfLearning"], a2["title"]["en"]) == ("LearningAchievementSpecification", "PT2H30M",
                                                                       "A2 Second steps")
    assert a2["isPartOf"] == [{"id": programme["id"], "type": "Qualification"}]
    assert document_path(cur, None) == "downloads/elm/mini-programme.jsonld"
    assert document_path(cur, "A2") == "downloads/elm/mini-A2.jsonld"


def test_durations_are_iso_8601():
    assert [duration(h) for h in (4, 2.5, 0.25, 84)] == ["PT4H", "PT2H30M", "PT0H15M", "PT84H"]


def test_the_verify_page_says_when_no_key_is_published_and_embeds_it_once_it_is(project, tmp_path):
    from cohorts import add_issuer_key
    from oerkit.export.site.verify_page import published_files, verify_page
    from oerkit.locales import Messages
    add_certification(project.root)
    cur = load_project(project.root).curriculum
    meta, body = verify_page(cur, "de", Messages("de"), [])
    assert meta["oerkit_data"]["issuer"] is None and published_files(cur) == {}
    assert "hat ihren Signaturschlüssel noch nicht veröffentlicht" in body
    add_issuer_key(project.root, tmp_path / "issuer.pem")
    meta, body = verify_page(cur, "de", Messages("de"), [])
    issuer = meta["oerkit_data"]["issuer"]
    assert issuer["id"] == "https://example.org/mini/credentials/issuer.json" and issuer["publicKey"].startswith("z6Mk")
    assert issuer["name"] == "Beispielakademie" and '<a href="../../credentials/issuer.json">' in body
    assert "For institutions" not in body and "Für Einrichtungen" not in body, "no ELM link without the ELM files"
    assert list(published_files(cur)) == ["credentials/issuer.json"]
