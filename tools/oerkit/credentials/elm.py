"""The programme and its modules described in the European Learning Model (ELM v3, JSON-LD with the European
Digital Credentials application profile context), for institutions that load course descriptions into the
European Digital Credentials tools: titles and descriptions in every language, learning outcomes, workload
(volumeOfLearning), ECTS credits, EQF level, languages, learning setting, mode and assessment.

The programme is a Qualification (as in the Commission's micro-credential samples) whose parts are the modules,
each a LearningAchievementSpecification. Identifiers are the site's pages (certification.yaml: site_url).
Controlled values are the EU vocabularies' concept URIs (data.europa.eu/snb, publications.europa.eu).
"""

from __future__ import annotations

from ..export.site.markdown import anchor
from ..locales import Messages
from ..model import Curriculum, Module, Text

CONTEXT = "http://data.europa.eu/snb/model/context/edc-ap"
SNB = "http://data.europa.eu/snb"
LANGUAGE_AUTHORITY = "http://publications.europa.eu/resource/authority/language"
# ISO 639-1 -> the EU language authority's codes, for the languages a programme is likely to declare
LANGUAGE_CODES = {"bg": "BUL", "cs": "CES", "da": "DAN", "de": "DEU", "el": "ELL", "en": "ENG", "es": "SPA",
                  "et": "EST", "fi": "FIN", "fr": "FRA", "ga": "GLE", "hr": "HRV", "hu": "HUN", "it": "ITA",
                  "lt": "LIT", "lv": "LAV", "mt": "MLT", "nl": "NLD", "pl": "POL", "pt": "POR", "ro": "RON",
                  "sk": "SLK", "sl": "SLV", "sv": "SWE"}


def concept(uri: str, scheme: str, label: str) -> dict:
    return {"id": uri, "type": "Concept", "inScheme": {"id": scheme, "type": "ConceptScheme"}, "prefLabel": {"en": label}}


ECTS = concept(f"{SNB}/education-credit/6fcec5c5af", f"{SNB}/education-credit/25831c2", "European Credit Transfer System")
NON_FORMAL = concept(f"{SNB}/learning-setting/e207a81fc7", f"{SNB}/learning-setting/25831c2", "non-formal learning")
ONLINE = concept(f"{SNB}/learning-assessment/920fbb3cbe", f"{SNB}/learning-assessment/25831c2", "Online")
SHORT_PROGRAMME = concept(f"{SNB}/learning-opportunity/74a4a268e8", f"{SNB}/learning-opportunity/25831c2",
                          "Short learning programme")


def eqf(level: int) -> dict:
    return concept(f"{SNB}/eqf/{level}", f"{SNB}/eqf/25831c2", f"Level {level}")


def duration(hours: float) -> str:
    """ISO 8601 duration: 4 -> PT4H, 2.5 -> PT2H30M."""
    minutes = round(hours * 60)
    h, m = divmod(minutes, 60)
    return f"PT{h}H{m}M" if m else f"PT{h}H"


def _text(value: Text, languages: list[str]) -> dict:
    return {lang: value[lang] for lang in languages if value.get(lang)}


class _Describer:
    def __init__(self, cur: Curriculum):
        self.cur = cur
        self.site = cur.certification.site_url
        self.langs = cur.languages
        names = cur.programme.language_names
        self.languages = [{"id": f"{LANGUAGE_AUTHORITY}/{LANGUAGE_CODES[lang]}", "type": "Concept",
                           "inScheme": {"id": LANGUAGE_AUTHORITY, "type": "ConceptScheme"},
                           "prefLabel": {lang: names.get(lang, lang)}} for lang in self.langs if lang in LANGUAGE_CODES]

    def credits(self, hours: float, ident: str) -> list[dict]:
        return [{"id": f"{ident}#credit", "type": "CreditPoint", "framework": ECTS,
                 "point": f"{self.cur.credits(hours):g}"}]

    def outcome(self, oid: str) -> dict | None:
        o = self.cur.outcomes.get(oid)
        if o is None:
            return None
        return {"id": f"{self.site}outcomes.html#{anchor('lo', oid)}", "type": "LearningOutcome",
                "title": _text(o.statement, self.langs)}

    def assessment(self, ident: str) -> list[dict]:
        cert = self.cur.certification
        title = {lang: Messages(lang, self.cur.default_language)("cert.assessment") for lang in self.langs}
        return [{"id": f"{ident}#assessment", "type": "LearningAssessmentSpecification", "title": title,
                 "description": _text(cert.assessment, self.langs), "mode": [ONLINE]}]

    def common(self, ident: str, hours: float, outcomes: list[str], by_reference: bool = False) -> dict:
        found = [lo for lo in (self.outcome(o) for o in outcomes) if lo]
        if by_reference:  # described in full once, by the programme
            found = [{"id": lo["id"], "type": "LearningOutcome"} for lo in found]
        return {"volumeOfLearning": duration(hours), "creditPoint": self.credits(hours, ident),
                "language": self.languages, "mode": [ONLINE], "learningSetting": NON_FORMAL,
                "learningOutcome": found,
                "provenBy": self.assessment(ident),
                "homepage": [{"id": f"{ident}#homepage", "type": "WebResource", "contentURL": ident}]}

    def module(self, mod: Module, part: bool = False) -> dict:
        ident = f"{self.site}modules/{mod.slug}/index.html"
        title = {lang: f"{mod.id} {t}" for lang, t in _text(mod.title, self.langs).items()}
        return {"id": ident, "type": "LearningAchievementSpecification", "title": title,
                "description": _text(mod.summary, self.langs), **self.common(ident, mod.hours, mod.outcomes, part),
                "isPartOf": [{"id": self.programme_id, "type": "Qualification"}]}

    @property
    def programme_id(self) -> str:
        return f"{self.site}programme.html"

    def programme(self) -> dict:
        cur, cert, prog = self.cur, self.cur.certification, self.cur.programme
        mods = cur.modules_in_order()
        hours = sum(m.hours for m in mods)
        outcomes = [o for m in mods for o in m.outcomes]
        notes = [{"id": f"{self.programme_id}#{key}", "type": "Note", "noteLiteral": _text(value, self.langs)}
                 for key, value in (("participation", cert.participation), ("quality-assurance", cert.quality_assurance))]
        return {"id": self.programme_id, "type": "Qualification", "title": _text(prog.title, self.langs),
                "altLabel": _text(cert.title, self.langs), "description": _text(prog.description, self.langs),
                "dcType": [SHORT_PROGRAMME], "eqfLevel": eqf(prog.eqf_level),
                **self.common(self.programme_id, hours, list(dict.fromkeys(outcomes))),
                "additionalNote": notes, "hasPart": [self.module(m, part=True) for m in mods]}


FORMAT = "ELM (JSON-LD)"  # the downloads' label


def document_path(cur: Curriculum, module_id: str | None) -> str:
    """Where the site serves a description: the programme's (module_id None) or a module's."""
    return f"downloads/elm/{cur.programme.id}-{module_id or 'programme'}.jsonld"


def elm_documents(cur: Curriculum) -> dict[str | None, dict]:
    """The JSON-LD documents: key None is the programme (with its modules as parts), the others one per module id."""
    d = _Describer(cur)
    out: dict[str | None, dict] = {None: {"@context": CONTEXT, **d.programme()}}
    for mod in cur.modules_in_order():
        out[mod.id] = {"@context": CONTEXT, **d.module(mod)}
    return out
