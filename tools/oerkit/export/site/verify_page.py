"""The credential verification page (verify/index.md in every language) and the issuer profile the site publishes
(credentials/issuer.json). The page embeds the expected issuer and its public key, so that the browser checks a
credential offline, even from file://; web/learner/verify.mjs and verify-view.mjs do the checking.

Both exist only when the curriculum has a certification (curriculum/certification.yaml); without a published
public key the page says that credentials cannot be checked yet."""

from __future__ import annotations

import json

from ...credentials.badge import issuer_id, issuer_profile, key_id
from ...credentials.elm import FORMAT as ELM_FORMAT, document_path
from ...credentials.keys import KeyFileError, read_public_key
from ...model import Curriculum, text
from ...player_data import ui_messages
from ..__init__ import Artifact
from .markdown import esc
from .mkdocs_backend import SiteBuildError

PAGE = "verify/index"
ISSUER_FILE = "credentials/issuer.json"


def has_page(cur: Curriculum) -> bool:
    return cur.certification is not None


def public_key(cur: Curriculum) -> str | None:
    cert = cur.certification
    try:
        return read_public_key(cur.root / cert.public_key_file, cert.public_key_file)
    except KeyFileError as exc:
        raise SiteBuildError(str(exc)) from None


def published_files(cur: Curriculum) -> dict[str, str]:
    """Files the site serves as they are: the issuer profile with the public key."""
    key = public_key(cur) if has_page(cur) else None
    if key is None:
        return {}
    return {ISSUER_FILE: json.dumps(issuer_profile(cur, key), ensure_ascii=False, indent=2) + "\n"}


def verify_page(cur: Curriculum, lang: str, t, artifacts: list[Artifact]) -> tuple[dict, str]:
    default = cur.default_language
    up = "../" if lang == default else "../../"  # from verify/index.html (or <lang>/verify/) to the site root
    key = public_key(cur)
    name = text(cur.certification.awarding_body.name, lang, default)
    data = {"tool": "verify", "lang": lang, "messages": ui_messages(lang, default, ("verify.",)),
            "issuer": {"id": issuer_id(cur), "key": key_id(cur), "publicKey": key, "name": name} if key else None}
    out = [f"# {t('verify.title')}", "", t("verify.intro"), ""]
    if key:
        out += [f'{esc(t("verify.issuer", name=name))} <a href="{up}{ISSUER_FILE}">{ISSUER_FILE}</a>', "",
                t("verify.how"), ""]
    else:
        out += [t("verify.no_key"), ""]
    out += ['<div id="oerkit-app" class="oerkit-app" markdown="0">',
            f'<noscript><p>{t("tools.noscript")}</p></noscript>', "</div>", ""]
    if any(a.format == ELM_FORMAT for a in artifacts):
        # downloads join the site after MkDocs has built it: a plain HTML link, relative to the site root
        out += [f"## {t('verify.for_institutions')}", "", t("verify.elm"), "",
                f'- <a href="{up}{document_path(cur, None)}" download>{esc(t("verify.elm_programme"))}</a>', ""]
    return {"oerkit_data": data}, "\n".join(out)
