"""The /verify/ page as anyone uses it: choose or drop a credential issued by the Python side and read the verdict;
changed, expired, not yet valid, foreign and broken files are refused with a clear message. Also what the site
publishes for credentials: the issuer profile, the navigation entry and the ELM downloads."""

from __future__ import annotations

import json
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from browser import axe_violations, chromium, static_server
from cohorts import ISSUER, mini_with_certification
from oerkit.build import build_all
from oerkit.credentials.badge import credential, sign
from oerkit.credentials.keys import load_private_key
from oerkit.credentials.results import Learner, ModuleResult
from oerkit.credentials.rule import evaluate
from oerkit.validate import validate_project


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("verify")
    root, key_path = mini_with_certification(tmp)
    assert build_all(root, formats=["elm"]) == 0
    cur = validate_project(root).curriculum
    key = load_private_key(key_path)
    person = Learner("L1", "Maria Papadopoulou", "maria@example.org", "el",
                     {m: ModuleResult(m, "completed", None, 88.0) for m in ("A1", "A2")})
    verdict = evaluate(cur, person)
    assert verdict.eligible
    folder = tmp / "credentials"
    folder.mkdir()
    today = date.today()

    def issue(name: str, day: date, private=key, change=None) -> None:
        doc = credential(cur, verdict, "en", day)
        if change:
            change(doc)
        (folder / f"{name}.json").write_text(json.dumps(sign(cur, doc, private, day), indent=2), encoding="utf-8")

    issue("valid", today)
    issue("expired", today.replace(year=today.year - 4))
    issue("future", today + timedelta(days=30))
    issue("foreign", today, Ed25519PrivateKey.generate(),
          lambda d: d["issuer"].update(id="https://elsewhere.example/issuer.json"))
    issue("forged", today, Ed25519PrivateKey.generate())  # claims to be the issuer, signed with another key
    tampered = json.loads((folder / "valid.json").read_text())
    tampered["credentialSubject"]["name"] = "Mallory Impostor"
    (folder / "tampered.json").write_text(json.dumps(tampered), encoding="utf-8")
    (folder / "broken.json").write_text("this is not a credential", encoding="utf-8")
    return root, root / "site", folder


@pytest.fixture
def browser():
    with chromium() as b:
        yield b


def open_page(browser, url):
    page = browser.new_page()
    page.errors, page.requests = [], []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(url, wait_until="load")
    return page


def choose(page, path):
    page.evaluate("document.querySelector('.oerkit-status')?.removeAttribute('data-verdict')")
    page.set_input_files("input[type=file]", str(path))
    page.wait_for_selector(".oerkit-status[data-verdict]")
    status = page.locator(".oerkit-status")
    return status.get_attribute("data-verdict"), status.inner_text()


def test_a_credential_issued_by_the_python_side_is_valid_and_others_are_refused(site, browser):
    _, folder_site, creds = site
    with static_server(folder_site) as origin:
        page = open_page(browser, f"{origin}/verify/index.html")
        verdict, message = choose(page, creds / "valid.json")
        assert verdict == "valid"
        assert message == "Valid: this credential was issued by Example Academy and has not been changed since."
        details = page.locator(".oerkit-app table").inner_text()
        assert "Maria Papadopoulou" in details and "Mini credential" in details and "urn:uuid:" in details
        assert axe_violations(page) == []
        expected = {
            "tampered": ("signature-invalid", "Signature invalid: the credential was changed after it was issued"),
            "forged": ("signature-invalid", "Signature invalid"),
            "foreign": ("unknown-issuer", "Unknown issuer: this credential was not issued by Example Academy"),
            "expired": ("expired", "Expired: the signature is genuine, but the credential was valid only until"),
            "future": ("not-yet-valid", "Not yet valid: the signature is genuine, but the credential is valid only from"),
            "broken": ("malformed", "Not a credential this page can check: the file is not JSON text."),
        }
        for name, (want, text) in expected.items():
            verdict, message = choose(page, creds / f"{name}.json")
            assert (verdict, message.startswith(text)) == (want, True), (name, message)
            shown = page.locator(".oerkit-app table")
            if want in ("signature-invalid", "unknown-issuer", "malformed"):
                assert shown.count() == 0, "nothing from an untrusted file is shown as if it were true"
        assert "Mallory" not in page.locator(".oerkit-app").inner_text()
        assert axe_violations(page) == []
        assert page.errors == []
        assert [u for u in page.requests if urlsplit(u).netloc != urlsplit(origin).netloc] == []


def test_the_greek_page_takes_a_dropped_file_and_answers_in_greek(site, browser):
    _, folder_site, creds = site
    with static_server(folder_site) as origin:
        page = open_page(browser, f"{origin}/el/verify/index.html")
        assert page.locator("h1").inner_text().startswith("Επαλήθευση διαπιστευτηρίου")
        page.evaluate("""text => {
            const data = new DataTransfer();
            data.items.add(new File([text], 'credential.json', {type: 'application/json'}));
            document.querySelector('.oerkit-verify-drop')
              .dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
        }""", (creds / "tampered.json").read_text())
        page.wait_for_selector(".oerkit-status[data-verdict]")
        assert page.locator(".oerkit-status").inner_text().startswith("Μη έγκυρη υπογραφή")
        verdict, message = choose(page, creds / "expired.json")
        assert verdict == "expired" and message.startswith("Έληξε: η υπογραφή είναι γνήσια")
        assert axe_violations(page) == []
        assert page.errors == []


def test_the_file_field_is_reached_with_the_keyboard(site, browser):
    _, folder_site, _ = site
    with static_server(folder_site) as origin:
        page = open_page(browser, f"{origin}/verify/index.html")
        for _ in range(150):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement?.type === 'file'"):
                break
        else:
            pytest.fail("Tab never reached the credential file field")
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Credential file (.json)"


def test_the_check_works_offline_from_file_urls(site, browser):
    _, folder_site, creds = site
    page = open_page(browser, (folder_site / "pt/verify/index.html").as_uri())
    verdict, message = choose(page, creds / "valid.json")
    assert verdict == "valid" and message.startswith("Válida: esta credencial foi emitida por Academia Exemplo")
    assert [u for u in page.requests if not u.startswith("file://")] == []


def test_the_site_publishes_the_issuer_profile_the_verify_page_and_the_elm_descriptions(site):
    root, folder_site, _ = site
    profile = json.loads((folder_site / "credentials/issuer.json").read_text())
    published = json.loads((root / "curriculum/issuer-public-key.json").read_text())["publicKeyMultibase"]
    assert profile["id"] == ISSUER and profile["type"] == ["Profile"] and profile["name"] == "Example Academy"
    assert profile["verificationMethod"] == [{"id": ISSUER + "#key-1", "type": "Multikey", "controller": ISSUER,
                                              "publicKeyMultibase": published}]
    home = (folder_site / "index.html").read_text()
    assert 'href="verify/index.html"' in home, "the verification page is in the navigation"
    module_page = (folder_site / "el/modules/A1-first-steps/index.html").read_text()
    assert 'href="../../../downloads/elm/mini-A1.jsonld"' in module_page and "ELM (JSON-LD)" in module_page
    verify = (folder_site / "verify/index.html").read_text()
    assert 'href="../downloads/elm/mini-programme.jsonld"' in verify
    programme = json.loads((folder_site / "downloads/elm/mini-programme.jsonld").read_text())
    assert programme["type"] == "Qualification" and len(programme["hasPart"]) == 2
    assert json.loads((folder_site / "downloads/elm/mini-A1.jsonld").read_text())["volumeOfLearning"] == "PT2H"
