"""Find a project's source files, read them with positions, check them against their schemas,
and build the curriculum model from the ones that are valid."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .diagnostics import Report
from .check_cache import NO_CACHE, CheckCache
from .schemas import check_document, check_documents_ahead
from .yaml_source import YamlDocument, load_yaml

# Where each kind of YAML file lives, relative to the project root.
KIND_PATTERNS = (
    ("curriculum/programme.yaml", "programme"),
    ("curriculum/competences.yaml", "framework"),
    ("curriculum/profiles/*.yaml", "profile"),
    ("curriculum/glossary/*.yaml", "glossary"),
    ("learning_outcomes/*.yaml", "outcomes"),
    ("modules/*/module.yaml", "module"),
    ("assessment_quiz/*.yaml", "quiz"),
    ("curriculum/tools/maturity-model.yaml", "maturity"),
    ("curriculum/certification.yaml", "certification"),
    ("curriculum/tools/risk-systemicity.yaml", "risk"),
    ("curriculum/tools/city-dynamics.yaml", "dynamics"),
    ("curriculum/tools/information-portal.yaml", "portal"),
)
SOURCE_DIRS = ("curriculum", "learning_outcomes", "modules", "assessment_quiz")
TRANSLATION_RE = re.compile(r"^(?P<stem>[a-z0-9][a-z0-9_-]*)\.(?P<lang>[a-z]{2})\.md$")


@dataclass
class LoadResult:
    curriculum: m.Curriculum
    report: Report
    documents: dict[str, YamlDocument] = field(default_factory=dict)  # by relative file
    # what files with errors declare, which is therefore not in the curriculum: "module" and "learning outcome"
    # ids, the module folders ("module folder"), and the kinds of those files ("kind"); the checks do not
    # report a reference to it as a second error: it is checked once the file loads
    not_loaded: dict[str, set[str]] = field(default_factory=dict)

    def note_not_loaded(self, kind: str, data, path: Path) -> None:
        """Record what a source that could not be loaded (`data`: its YAML, None if unreadable) declares."""
        data = data if isinstance(data, dict) else {}
        self.not_loaded.setdefault("kind", set()).add(kind)
        if kind == "module":
            declared = data.get("id")
            self.not_loaded.setdefault("module", set()).add(
                declared if isinstance(declared, str) else path.parent.name.split("-", 1)[0])
            self.not_loaded.setdefault("module folder", set()).add(path.parent.name)
        elif kind == "outcomes" and isinstance(data.get("outcomes"), list):
            self.not_loaded.setdefault("learning outcome", set()).update(
                o["id"] for o in data["outcomes"] if isinstance(o, dict) and isinstance(o.get("id"), str))


def rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def discover(root: Path, report: Report) -> list[tuple[Path, str]]:
    """All YAML sources with their kind; misplaced or misnamed files are reported."""
    found: list[tuple[Path, str]] = []
    claimed: set[Path] = set()
    for pattern, kind in KIND_PATTERNS:
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                found.append((path, kind))
                claimed.add(path)
    for folder in SOURCE_DIRS:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix == ".yml":
                report.warning(rel(root, path), (1, 1), "YAML files use the extension .yaml; this file is ignored",
                               "file-extension")
            elif path.suffix == ".yaml" and path not in claimed:
                report.warning(rel(root, path), (1, 1),
                               "this YAML file is not part of the content model and is ignored "
                               "(see the source layout in the authoring guide)", "file-unknown")
    return found


def _src(doc: YamlDocument, path: tuple) -> m.Source:
    line, col = doc.pos(path)
    return m.Source(doc.file, line, col, tuple(path))


def _text(d: dict, key: str) -> dict:
    return dict(d.get(key) or {})


def build_programme(doc: YamlDocument) -> m.Programme:
    d = doc.data
    groups = [m.Group(g["id"], g["title"], _text(g, "description"), g.get("competence_area"), list(g["modules"]),
                      _src(doc, ("groups", i))) for i, g in enumerate(d["groups"])]
    return m.Programme(
        id=d["id"], title=d["title"], subtitle=_text(d, "subtitle"), description=_text(d, "description"),
        languages=list(d["languages"]), language_names=dict(d.get("language_names") or {}),
        eqf_level=d["eqf_level"], hours_per_ects_credit=d.get("hours_per_ects_credit", 25),
        hours_per_ecvet_point=d.get("hours_per_ecvet_point", 25), mastery_score=d.get("mastery_score", 70),
        profile_id=d.get("profile"), licence=d.get("licence", "CC-BY-SA-4.0"), publisher=d.get("publisher", ""),
        groups=groups, source=_src(doc, ()))


def build_framework(doc: YamlDocument) -> m.Framework:
    d = doc.data
    scale = [m.ProficiencyLevel(s["level"], s["label"], s["descriptor"], _text(s, "can_do")) for s in d["scale"]]
    areas = []
    for ai, a in enumerate(d["areas"]):
        comps = []
        for ci, c in enumerate(a["competences"]):
            comps.append(m.Competence(
                id=c["id"], area=a["id"], title=c["title"], description=c["description"],
                levels={int(k): v for k, v in c["levels"].items()},
                alignments=[m.Alignment(x["framework"], x["ref"], x.get("note", "")) for x in c.get("alignments", [])],
                source=_src(doc, ("areas", ai, "competences", ci))))
        areas.append(m.CompetenceArea(a["id"], a["title"], _text(a, "description"), comps, _src(doc, ("areas", ai))))
    return m.Framework(_text(d, "title"), _text(d, "description"), scale, areas, _src(doc, ()))


def build_profile(doc: YamlDocument) -> m.Profile:
    d = doc.data
    targets = [m.ProfileTarget(t["competence"], t["level"], t["criticality"], _text(t, "rationale"),
                               _src(doc, ("targets", i))) for i, t in enumerate(d["targets"])]
    return m.Profile(d["id"], d["title"], _text(d, "description"), targets, _src(doc, ()))


def build_outcomes(doc: YamlDocument) -> list[m.Outcome]:
    return [m.Outcome(o["id"], o["statement"], list(o["competences"]), o["bloom"], o.get("knowledge_type"),
                      o["eqf_domain"], _src(doc, ("outcomes", i))) for i, o in enumerate(doc.data["outcomes"])]


def build_module(doc: YamlDocument, folder: Path, languages: list[str]) -> m.Module:
    d = doc.data
    pages = []
    for i, name in enumerate(d["pages"]):
        stem = name[:-3]
        translations = {lang: folder / f"{stem}.{lang}.md" for lang in languages
                        if (folder / f"{stem}.{lang}.md").is_file()}
        pages.append(m.Page(name, folder / name, translations, _src(doc, ("pages", i))))
    activities = [m.Activity(
        id=a["id"], title=a["title"], strategy=a["strategy"], modality=a.get("modality"),
        duration_minutes=a["duration_minutes"], group_size=a.get("group_size"), instructions=a["instructions"],
        output=a["output"], outcomes=list(a.get("outcomes", [])), tool=a.get("tool"),
        source=_src(doc, ("activities", i))) for i, a in enumerate(d.get("activities", []))]
    return m.Module(
        id=d["id"], slug=folder.name, folder=folder, title=d["title"], summary=d["summary"], group=d["group"],
        outcomes=list(d["outcomes"]), prerequisites=list(d.get("prerequisites", [])), hours=d["hours"],
        pages=pages, activities=activities,
        authors=[m.Author(a["name"], a.get("affiliation", ""), a.get("orcid", "")) for a in d["authors"]],
        licence=d.get("licence", "CC-BY-SA-4.0"), version=d["version"], keywords=dict(d.get("keywords") or {}),
        references=[m.Reference(r["text"], r.get("url", ""), r.get("doi", "")) for r in d.get("references", [])],
        source=_src(doc, ()))


def build_quiz(doc: YamlDocument) -> m.QuizBank:
    d = doc.data
    items = []
    for i, it in enumerate(d["items"]):
        items.append(m.QuizItem(
            id=it["id"], type=it["type"], outcomes=list(it["outcomes"]), difficulty=it.get("difficulty"),
            stem=it["stem"], feedback=it["feedback"],
            options=[m.Option(o["id"], o["text"], bool(o.get("correct", False)), o["feedback"])
                     for o in it.get("options", [])],
            answer=it.get("answer"), feedback_true=_text(it, "feedback_true"), feedback_false=_text(it, "feedback_false"),
            pairs=[m.Pair(p["id"], p["prompt"], p["match"]) for p in it.get("pairs", [])],
            sequence=[m.SequenceElement(s["id"], s["text"]) for s in it.get("sequence", [])],
            blanks=[m.Blank(dict(b["answers"]), dict(b.get("distractors") or {})) for b in it.get("blanks", [])],
            source=_src(doc, ("items", i))))
    return m.QuizBank(d["module"], d.get("mastery_score"), items, _src(doc, ()))


def build_glossary(doc: YamlDocument) -> list[m.GlossaryTerm]:
    return [m.GlossaryTerm(t["id"], t["term"], t["definition"], list(t.get("modules", [])), t.get("source", ""),
                           _src(doc, ("terms", i))) for i, t in enumerate(doc.data["terms"])]


POLICY_CODE = re.compile(r"^(?P<sub>[A-Z][0-9])(?P<stage>[A-Z])(?P<n>[0-9]+)$")


def build_maturity(doc: YamlDocument) -> m.MaturityModel:
    d = doc.data
    dims = [(x["id"], x["title"], [m.SubDimension(s["id"], x["id"], s["title"], _text(s, "description"))
                                   for s in x["subdimensions"]]) for x in d["dimensions"]]
    policies = []
    for i, p in enumerate(d["policies"]):
        match = POLICY_CODE.match(p["code"])
        case = p.get("case")
        policies.append(m.Policy(
            p["code"], match["sub"], match["stage"], p["title"], p["summary"], p["origin"], list(p.get("stakeholders", [])),
            m.PolicyCase(case.get("fictional", True), case["context"], case["goals"], case["challenges"],
                         case["resources"], case["outcomes"]) if case else None, _src(doc, ("policies", i))))
    return m.MaturityModel(_text(d, "title"), _text(d, "description"),
                           [m.Stage(x["id"], x["name"], x["description"]) for x in d["stages"]], dims,
                           {x["id"]: x["name"] for x in d.get("stakeholders", [])}, policies, _src(doc, ()))


def build_risk(doc: YamlDocument) -> m.RiskQuestionnaire:
    d = doc.data
    factors = [m.RiskFactor(f["id"], f["label"], _src(doc, ("factors", i))) for i, f in enumerate(d["factors"])]
    themes = [m.RiskTheme(t["id"], t["title"], _text(t, "description"), [
        m.RiskScenario(s["id"], t["id"], s["title"], _text(s, "description"), list(s["chain"]), bool(s.get("cycle", False)),
                       list(s["policies"]), _src(doc, ("themes", ti, "scenarios", si)))
        for si, s in enumerate(t["scenarios"])], _src(doc, ("themes", ti))) for ti, t in enumerate(d["themes"])]
    return m.RiskQuestionnaire(_text(d, "title"), _text(d, "description"), factors, themes, _src(doc, ()))


def build_portal(doc: YamlDocument) -> m.InformationPortal:
    d = doc.data
    choices = lambda key: [m.PortalChoice(c["id"], c["name"], _text(c, "description")) for c in d[key]]  # noqa: E731
    entries = [m.PortalEntry(
        e["id"], e["kind"], e["title"], e["summary"], list(e["audiences"]), list(e["topics"]), list(e.get("frameworks", [])),
        list(e.get("essentials", [])), list(e.get("modules", [])), list(e.get("policies", [])), e.get("access"),
        e.get("updated"), list(e.get("contributors", [])), _src(doc, ("entries", i))) for i, e in enumerate(d["entries"])]
    return m.InformationPortal(_text(d, "title"), _text(d, "description"), choices("audiences"), choices("topics"),
                               choices("frameworks"), {x["number"]: x["title"] for x in d.get("essentials", [])},
                               entries, _src(doc, ()))


def build_dynamics(doc: YamlDocument) -> m.CityDynamics:
    d = doc.data
    shocks = [m.DynamicsShock(x["year"], x["magnitude"], x["name"], _src(doc, ("shocks", i)))
              for i, x in enumerate(d["shocks"])]
    policies = [m.DynamicsPolicy(p["code"], p["cost"], p["upkeep"], p["resilience"], p["engagement"], p.get("income", 0),
                                 _src(doc, ("policies", i))) for i, p in enumerate(d["policies"])]
    return m.CityDynamics(_text(d, "title"), _text(d, "description"), dict(d["simulation"]),
                          {k: dict(v) for k, v in d["stocks"].items()}, dict(d["effects"]), shocks, policies,
                          _src(doc, ()))

def build_certification(doc: YamlDocument) -> m.Certification:
    d = doc.data
    body, rule = d["awarding_body"], d["rule"]
    outcomes = rule.get("outcomes", "all")
    return m.Certification(
        title=d["title"], site_url=d["site_url"], public_key_file=d["public_key"],
        awarding_body=m.AwardingBody(body["name"], body["url"], body["country_code"], body["country"],
                                     bool(body.get("placeholder", False))),
        validity_years=d.get("validity_years"), level_note=_text(d, "level_note"), assessment=d["assessment"],
        participation=d["participation"], quality_assurance=d["quality_assurance"],
        rule=m.CertificationRule(
            modules=None if rule["modules"] == "all" else list(rule["modules"]), pass_score=rule.get("pass_score"),
            min_average_score=rule.get("min_average_score"),
            outcomes=None if outcomes == "all" else [] if outcomes == "none" else list(outcomes),
            source=_src(doc, ("rule",))),
        source=_src(doc, ()))


def _keep_unique(store: dict, key: str, obj, what: str, report: Report) -> None:
    if key in store:
        first = store[key].source
        report.error(obj.source.file, obj.source.pos,
                     f"duplicate {what} id '{key}' (already defined at {first.file}:{first.line})", "id-duplicate")
        return
    store[key] = obj


SCHEMA_COMMENT = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")


def check_schema_comment(root: Path, path: Path, kind: str, report: Report) -> None:
    """The editor's schema line, if any, must point at this kind's schema."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace").splitlines()[:5]
    except OSError:
        return
    for number, line in enumerate(head, 1):
        match = SCHEMA_COMMENT.search(line)
        if not match:
            continue
        target = (path.parent / match.group(1)).resolve()
        expected = f"{kind}.schema.json"
        if target.name != expected or not target.is_file():
            right = Path("tools/oerkit/schemas") / expected
            hint = Path(*([".."] * len(path.relative_to(root).parts[:-1]))) / right
            report.warning(rel(root, path), (number, match.start(1) + 1),
                           f"the editor schema line points to '{match.group(1)}', which is not this file's schema; "
                           f"use '$schema={hint.as_posix()}'", "schema-comment")
        return


def load_project(root: Path, cache: CheckCache = NO_CACHE) -> LoadResult:
    """Load every source of the project at `root`. Problems are collected, never raised; `cache` may hold
    schema findings of unchanged documents from an earlier run."""
    root = root.resolve()
    report = Report()
    cur = m.Curriculum(root=root)
    result = LoadResult(cur, report)
    loaded: list[tuple[YamlDocument, str, Path]] = []
    for path, kind in discover(root, report):
        doc = load_yaml(path, rel(root, path), report, cache)
        if doc is None:
            result.note_not_loaded(kind, None, path)
            continue
        check_schema_comment(root, path, kind, report)
        result.documents[doc.file] = doc
        loaded.append((doc, kind, path))
    check_documents_ahead([(doc, kind) for doc, kind, _ in loaded], cache)
    valid = []
    for doc, kind, path in loaded:
        if check_document(doc, kind, report, cache):
            valid.append((doc, kind, path))
        else:
            result.note_not_loaded(kind, doc.data, path)
    if not any(kind == "programme" for _, kind in discover(root, Report())):
        report.error("curriculum/programme.yaml", (1, 1), "the programme file is missing: every project needs "
                     "curriculum/programme.yaml (it declares the languages and groups)", "file-missing")
    # The programme comes first: it declares the languages the other files use.
    for doc, kind, path in valid:
        if kind == "programme":
            cur.programme = build_programme(doc)
    languages = cur.languages
    for doc, kind, path in valid:
        if kind == "framework":
            cur.framework = build_framework(doc)
        elif kind == "profile":
            p = build_profile(doc)
            _keep_unique(cur.profiles, p.id, p, "profile", report)
        elif kind == "outcomes":
            for o in build_outcomes(doc):
                _keep_unique(cur.outcomes, o.id, o, "outcome", report)
        elif kind == "module":
            mod = build_module(doc, path.parent, languages)
            _keep_unique(cur.modules, mod.id, mod, "module", report)
        elif kind == "quiz":
            bank = build_quiz(doc)
            if bank.module in cur.quizzes:
                first = cur.quizzes[bank.module].source
                report.error(doc.file, doc.pos(("module",)), f"module '{bank.module}' already has a quiz bank "
                             f"({first.file}); put all its items in one file", "quiz-duplicate")
            else:
                cur.quizzes[bank.module] = bank
        elif kind == "maturity":
            cur.maturity = build_maturity(doc)
        elif kind == "certification":
            cur.certification = build_certification(doc)
        elif kind == "risk":
            cur.risk = build_risk(doc)
        elif kind == "dynamics":
            cur.dynamics = build_dynamics(doc)
        elif kind == "portal":
            cur.portal = build_portal(doc)
        elif kind == "glossary":
            for t in build_glossary(doc):
                _keep_unique(cur.glossary, t.id, t, "glossary term", report)
    return result
