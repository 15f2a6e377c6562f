"""Open Badges 3.0 credentials: an `OpenBadgeCredential` (a W3C Verifiable Credential 2.0) per certified learner,
signed with an eddsa-jcs-2022 Data Integrity proof, and the issuer profile the site publishes.

Identifiers start with the certification's site_url: the issuer profile is <site_url>credentials/issuer.json,
its key <site_url>credentials/issuer.json#key-1, the achievement <site_url>programme.html, and each learning
outcome links to its row on the site's outcome catalogue. `check_credential` is the Python twin of the
browser's check (web/learner/verify.mjs): same verdicts, same order of checks.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime, timezone

from ..export.site.markdown import anchor, fmt_number
from ..locales import Messages
from ..model import Curriculum, text
from .keys import raw_public_key
from .proof import ProofError, add_proof, find_proof, verify_proof
from .rule import Verdict, pass_mark, required_modules, required_outcomes, workload_hours

CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
PROFILE_CONTEXT = CONTEXT + ["https://www.w3.org/ns/cid/v1"]
SCHEMA = {"id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
          "type": "1EdTechJsonSchemaValidator2019"}
EQF = "http://data.europa.eu/snb/eqf/{level}"
VERDICTS = ("valid", "malformed", "unknown-issuer", "signature-invalid", "not-yet-valid", "expired")


def issuer_id(cur: Curriculum) -> str:
    return cur.certification.site_url + "credentials/issuer.json"


def key_id(cur: Curriculum) -> str:
    return issuer_id(cur) + "#key-1"


def site_root(cur: Curriculum, lang: str) -> str:
    """The site's address in one language (the default language at the root, the others under /<lang>/)."""
    site = cur.certification.site_url
    return site if lang == cur.default_language else f"{site}{lang}/"


def timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def valid_until(cur: Curriculum, issued: date) -> date | None:
    years = cur.certification.validity_years
    if years is None:
        return None
    try:
        return issued.replace(year=issued.year + years)
    except ValueError:  # 29 February
        return issued.replace(year=issued.year + years, day=28)


def credential_id(cur: Curriculum, learner_id: str, issued: date) -> str:
    """The same learner, programme and date always give the same id, so reissuing reproduces the file."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{issuer_id(cur)}|{learner_id}|{issued.isoformat()}"))


def issuer_profile(cur: Curriculum, public_key: str) -> dict:
    """The issuer profile with the public key, as published at issuer_id(cur)."""
    body = cur.certification.awarding_body
    default = cur.default_language
    return {"@context": PROFILE_CONTEXT, "id": issuer_id(cur), "type": ["Profile"],
            "name": text(body.name, default, default), "url": body.url,
            "address": {"type": ["Address"], "addressCountry": text(body.country, default, default),
                        "addressCountryCode": body.country_code},
            "verificationMethod": [{"id": key_id(cur), "type": "Multikey", "controller": issuer_id(cur),
                                    "publicKeyMultibase": public_key}],
            "assertionMethod": [key_id(cur)]}


def _issuer(cur: Curriculum, lang: str) -> dict:
    body = cur.certification.awarding_body
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    return {"id": issuer_id(cur), "type": ["Profile"], "name": tx(body.name), "url": body.url,
            "address": {"type": ["Address"], "addressCountry": tx(body.country), "addressCountryCode": body.country_code}}


def workload_text(cur: Curriculum, t: Messages, lang: str) -> str:
    hours = workload_hours(cur)
    return t("cert.workload_value", hours=fmt_number(hours, lang), credits=fmt_number(cur.credits(hours), lang),
             per=fmt_number(cur.programme.hours_per_ects_credit, lang))


def level_text(cur: Curriculum, t: Messages, lang: str) -> str:
    note = text(cur.certification.level_note, lang, cur.default_language)
    level = t("cert.level_value", level=cur.programme.eqf_level)
    return f"{level}. {note}" if note else level


def criteria_lines(cur: Curriculum, t: Messages, lang: str) -> list[str]:
    """The rule in words, in one language."""
    rule = cur.certification.rule
    modules = required_modules(cur)
    out = [t("badge.criteria_all_modules", count=len(modules)) if rule.modules is None
           else t("badge.criteria_modules", modules=", ".join(modules))]
    if rule.pass_score is not None:
        out.append(t("badge.criteria_pass_score", score=fmt_number(rule.pass_score, lang)))
    else:
        marks = sorted({pass_mark(cur, m) for m in modules})
        out.append(t("badge.criteria_mastery", scores=", ".join(fmt_number(s, lang) for s in marks)))
    if rule.min_average_score is not None:
        out.append(t("badge.criteria_average", score=fmt_number(rule.min_average_score, lang)))
    outcomes = required_outcomes(cur)
    if outcomes:
        out.append(t("badge.criteria_outcomes", count=len(outcomes)))
    return out


def achievement(cur: Curriculum, lang: str) -> dict:
    cert, prog = cur.certification, cur.programme
    default = cur.default_language
    t = Messages(lang, default)
    tx = lambda v: text(v, lang, default)  # noqa: E731
    facts = [(t("cert.workload"), workload_text(cur, t, lang)), (t("cert.level"), level_text(cur, t, lang)),
             (t("cert.assessment"), tx(cert.assessment)), (t("cert.participation"), tx(cert.participation)),
             (t("cert.quality"), tx(cert.quality_assurance))]
    narrative = "\n\n".join(criteria_lines(cur, t, lang) + [f"**{k}:** {v}" for k, v in facts])
    root = site_root(cur, lang)
    alignment = [{"type": ["Alignment"], "targetName": t("cert.level_value", level=prog.eqf_level),
                  "targetUrl": EQF.format(level=prog.eqf_level), "targetFramework": "European Qualifications Framework",
                  "targetCode": str(prog.eqf_level)}]
    for oid in required_outcomes(cur):
        outcome = cur.outcomes.get(oid)
        if outcome is None:
            continue
        alignment.append({"type": ["Alignment"], "targetName": tx(outcome.statement),
                          "targetUrl": f"{root}outcomes.html#{anchor('lo', oid)}", "targetCode": oid,
                          "targetFramework": tx(prog.title)})
    return {"id": f"{cert.site_url}programme.html", "type": ["Achievement"], "achievementType": "MicroCredential",
            "name": tx(cert.title), "description": tx(prog.description),
            "criteria": {"id": f"{root}programme.html", "narrative": narrative},
            "creditsAvailable": cur.credits(workload_hours(cur)), "humanCode": prog.id.upper(),
            "alignment": alignment}


def _identifier(learner, cid: str) -> dict:
    if not learner.email:
        return {"type": "IdentityObject", "identityHash": learner.name, "identityType": "name", "hashed": False}
    salt = hashlib.sha256(cid.encode()).hexdigest()[:16]
    digest = hashlib.sha256((learner.email.strip().lower() + salt).encode()).hexdigest()
    return {"type": "IdentityObject", "identityHash": f"sha256${digest}", "identityType": "emailAddress",
            "hashed": True, "salt": salt}


def credential(cur: Curriculum, verdict: Verdict, lang: str, issued: date) -> dict:
    """The unsigned credential for a learner who met the rule; texts in `lang`."""
    learner = verdict.learner
    cid = credential_id(cur, learner.id, issued)
    doc = {"@context": CONTEXT, "id": cid, "type": ["VerifiableCredential", "OpenBadgeCredential"],
           "name": text(cur.certification.title, lang, cur.default_language), "issuer": _issuer(cur, lang),
           "validFrom": timestamp(issued)}
    until = valid_until(cur, issued)
    if until:
        doc["validUntil"] = timestamp(until)
    doc["credentialSubject"] = {"type": ["AchievementSubject"], "name": learner.name,
                                "identifier": [_identifier(learner, cid)], "achievement": achievement(cur, lang),
                                "creditsEarned": cur.credits(workload_hours(cur))}
    doc["credentialSchema"] = [SCHEMA]
    return doc


def sign(cur: Curriculum, document: dict, private_key, issued: date) -> dict:
    return add_proof(document, private_key, key_id(cur), timestamp(issued))


def _instant(value) -> datetime:
    if not isinstance(value, str) or "T" not in value:
        raise ValueError(value)
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def check_credential(document, expected_issuer: str, expected_key: str, public_key: str,
                     now: datetime | None = None) -> tuple[str, str]:
    """(verdict, explanation): malformed, unknown-issuer, signature-invalid, not-yet-valid, expired or valid."""
    now = now or datetime.now(timezone.utc)
    if not isinstance(document, dict):
        return "malformed", "a credential is a JSON object"
    types = document.get("type")
    if not isinstance(types, list) or not {"OpenBadgeCredential", "AchievementCredential"} & set(types):
        return "malformed", "it is not an OpenBadgeCredential"
    try:
        proof = find_proof(document)
        start = _instant(document.get("validFrom"))
        end = _instant(document["validUntil"]) if "validUntil" in document else None
    except ProofError as exc:
        return "malformed", str(exc)
    except (ValueError, TypeError):
        return "malformed", "its validity dates cannot be read"
    issuer = document.get("issuer")
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer != expected_issuer or proof.get("verificationMethod") != expected_key:
        return "unknown-issuer", f"issued by {issuer!r} with key {proof.get('verificationMethod')!r}"
    try:
        genuine = verify_proof(document, raw_public_key(public_key))
    except ProofError as exc:
        return "malformed", str(exc)
    if not genuine:
        return "signature-invalid", "the signature does not match the content"
    if now < start:
        return "not-yet-valid", f"valid from {document['validFrom']}"
    if end and now > end:
        return "expired", f"valid until {document['validUntil']}"
    return "valid", f"issued by {issuer}"
