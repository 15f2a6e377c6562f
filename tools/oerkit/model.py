"""The curriculum model: plain typed objects that every exporter reads.

It imports no output library (no MkDocs, no pandoc, no zip code). Texts in several languages
are dicts from language code to text; `text(t, lang)` picks one with fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Text = dict  # language code -> text


def text(value: Text | None, lang: str, default: str = "en") -> str:
    """The text in `lang`, falling back to the default language, then to any language."""
    if not value:
        return ""
    return value.get(lang) or value.get(default) or next(iter(value.values()), "")


@dataclass
class Source:
    """Where an object was defined, for messages."""
    file: str
    line: int = 1
    column: int = 1
    path: tuple = ()  # path into the YAML document, to point at a field inside the object

    @property
    def pos(self) -> tuple[int, int]:
        return (self.line, self.column)


@dataclass
class ProficiencyLevel:
    level: int
    label: Text
    descriptor: Text
    can_do: Text = field(default_factory=dict)


@dataclass
class Alignment:
    framework: str
    ref: str
    note: str = ""


@dataclass
class Competence:
    id: str
    area: str
    title: Text
    description: Text
    levels: dict[int, Text]
    alignments: list[Alignment]
    source: Source


@dataclass
class CompetenceArea:
    id: str
    title: Text
    description: Text
    competences: list[Competence]
    source: Source


@dataclass
class Framework:
    title: Text
    description: Text
    scale: list[ProficiencyLevel]
    areas: list[CompetenceArea]
    source: Source

    @property
    def competences(self) -> list[Competence]:
        return [c for a in self.areas for c in a.competences]


@dataclass
class ProfileTarget:
    competence: str
    level: int
    criticality: int
    rationale: Text
    source: Source


@dataclass
class Profile:
    id: str
    title: Text
    description: Text
    targets: list[ProfileTarget]
    source: Source


@dataclass
class Group:
    id: str
    title: Text
    description: Text
    competence_area: str | None
    module_ids: list[str]
    source: Source


@dataclass
class Programme:
    id: str
    title: Text
    subtitle: Text
    description: Text
    languages: list[str]
    language_names: dict[str, str]
    eqf_level: int
    hours_per_ects_credit: float
    hours_per_ecvet_point: float
    mastery_score: int
    profile_id: str | None
    licence: str
    publisher: str
    groups: list[Group]
    source: Source

    @property
    def default_language(self) -> str:
        return self.languages[0]


@dataclass
class Outcome:
    id: str
    statement: Text
    competences: list[str]
    bloom: str
    knowledge_type: str | None
    eqf_domain: str
    source: Source


@dataclass
class Activity:
    id: str
    title: Text
    strategy: str
    modality: str | None
    duration_minutes: int
    group_size: str | None
    instructions: Text
    output: Text
    outcomes: list[str]
    tool: str | None
    source: Source


@dataclass
class Author:
    name: str
    affiliation: str = ""
    orcid: str = ""


@dataclass
class Reference:
    text: str
    url: str = ""
    doi: str = ""


@dataclass
class Page:
    """One Markdown page of a module, with its translations found beside it."""
    name: str  # file name in the default language, e.g. introduction.md
    path: Path  # absolute path of the default-language file
    translations: dict[str, Path]  # lang -> path of name.<lang>.md
    source: Source  # where module.yaml lists it

    @property
    def stem(self) -> str:
        return self.name[:-3]


@dataclass
class Module:
    id: str
    slug: str  # folder name, e.g. T1-resilience-basics
    folder: Path
    title: Text
    summary: Text
    group: str
    outcomes: list[str]
    prerequisites: list[str]
    hours: float
    pages: list[Page]
    activities: list[Activity]
    authors: list[Author]
    licence: str
    version: str
    keywords: dict[str, list[str]]
    references: list[Reference]
    source: Source


@dataclass
class Option:
    id: str
    text: Text
    correct: bool
    feedback: Text


@dataclass
class Pair:
    id: str
    prompt: Text
    match: Text


@dataclass
class SequenceElement:
    id: str
    text: Text


@dataclass
class Blank:
    answers: dict[str, list[str]]
    distractors: dict[str, list[str]]


@dataclass
class QuizItem:
    id: str
    type: str  # single | multiple | truefalse | matching | ordering | fill_blank
    outcomes: list[str]
    difficulty: str | None
    stem: Text
    feedback: Text
    options: list[Option] = field(default_factory=list)
    answer: bool | None = None
    feedback_true: Text = field(default_factory=dict)
    feedback_false: Text = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)
    sequence: list[SequenceElement] = field(default_factory=list)
    blanks: list[Blank] = field(default_factory=list)
    source: Source = field(default_factory=lambda: Source(""))


@dataclass
class QuizBank:
    module: str
    mastery_score: int | None
    items: list[QuizItem]
    source: Source


@dataclass
class GlossaryTerm:
    id: str
    term: Text
    definition: Text
    modules: list[str]
    origin: str
    source: Source


@dataclass
class Stage:
    id: str
    name: Text
    description: Text


@dataclass
class SubDimension:
    id: str
    dimension: str
    title: Text
    description: Text


@dataclass
class PolicyCase:
    fictional: bool
    context: Text
    goals: Text
    challenges: Text
    resources: Text
    outcomes: Text


@dataclass
class Policy:
    code: str
    subdimension: str
    stage: str
    title: Text
    summary: Text
    origin: str  # "smr" or "curriculum"
    stakeholders: list[str]
    case: PolicyCase | None
    source: Source


@dataclass
class MaturityModel:
    """The resilience maturity model and its policies (curriculum/tools/maturity-model.yaml)."""
    title: Text
    description: Text
    stages: list[Stage]
    dimensions: list[tuple[str, Text, list[SubDimension]]]
    stakeholders: dict[str, Text]
    policies: list[Policy]
    source: Source

    @property
    def subdimensions(self) -> list[SubDimension]:
        return [s for _, _, subs in self.dimensions for s in subs]


@dataclass
class PortalChoice:
    """An audience, topic or framework of the information portal."""
    id: str
    name: Text
    description: Text


@dataclass
class PortalEntry:
    id: str
    kind: str  # resource | indicator | data-source
    title: Text
    summary: Text
    audiences: list[str]
    topics: list[str]
    frameworks: list[str]
    essentials: list[int]
    modules: list[str]
    policies: list[str]
    access: str | None  # data sources: open | shared | closed
    updated: str | None  # data sources: continuous | daily | periodic | yearly | multi-year | event
    contributors: list[str]
    source: Source


@dataclass
class InformationPortal:
    """The resilience information portal's catalogue (curriculum/tools/information-portal.yaml)."""
    title: Text
    description: Text
    audiences: list[PortalChoice]
    topics: list[PortalChoice]
    frameworks: list[PortalChoice]
    essentials: dict[int, Text]
    entries: list[PortalEntry]
    source: Source


@dataclass
class DynamicsPolicy:
    """A maturity-model policy the city dynamics model lets a learner adopt, with its cost and effects."""
    code: str
    cost: float
    upkeep: float       # a year, once adopted
    resilience: float   # effect on resilience at full readiness
    engagement: float   # effect on engagement at full readiness
    income: float       # extra income a year once realised
    source: Source


@dataclass
class DynamicsShock:
    year: int
    magnitude: float
    name: Text
    source: Source


@dataclass
class CityDynamics:
    """The curriculum's own city dynamics teaching model (curriculum/tools/city-dynamics.yaml): parameters by
    their names in the file (simulation, stocks, effects), shocks and adoptable policies."""
    title: Text
    description: Text
    simulation: dict[str, float]
    stocks: dict[str, dict[str, float]]
    effects: dict[str, float]
    shocks: list[DynamicsShock]
    policies: list[DynamicsPolicy]
    source: Source


@dataclass
class RiskFactor:
    """A box of the causal risk map; scenarios chain factors together."""
    id: str
    label: Text
    source: Source


@dataclass
class RiskScenario:
    id: str
    theme: str
    title: Text
    description: Text
    chain: list[str]  # factor ids in causal order: each leads to the next
    cycle: bool  # the last factor feeds back into the first: a vicious cycle
    policies: list[str]  # maturity-model policy codes that weaken the scenario
    source: Source


@dataclass
class RiskTheme:
    id: str
    title: Text
    description: Text
    scenarios: list[RiskScenario]
    source: Source


@dataclass
class RiskQuestionnaire:
    """The risk systemicity questionnaire's factors, themes and scenarios (curriculum/tools/risk-systemicity.yaml)."""
    title: Text
    description: Text
    factors: list[RiskFactor]
    themes: list[RiskTheme]
    source: Source

    @property
    def scenarios(self) -> list[RiskScenario]:
        return [s for theme in self.themes for s in theme.scenarios]


@dataclass
class AwardingBody:
    name: Text
    url: str
    country_code: str  # ISO 3166-1 alpha-2
    country: Text
    placeholder: bool  # true while the trainer has not yet set the real awarding body


@dataclass
class CertificationRule:
    modules: list[str] | None  # None: every module of the programme
    pass_score: float | None  # None: each module's own mastery score
    min_average_score: float | None
    outcomes: list[str] | None  # None: every outcome of the required modules; []: none
    source: Source


@dataclass
class Certification:
    """The credential learners earn and the rule that awards it (curriculum/certification.yaml)."""
    title: Text
    awarding_body: AwardingBody
    site_url: str  # where the site is published, ending in '/'; credential links and ids start with it
    public_key_file: str  # relative to the project root; written by `oerkit keys new`
    validity_years: int | None
    level_note: Text
    assessment: Text
    participation: Text
    quality_assurance: Text
    rule: CertificationRule
    source: Source


@dataclass
class Curriculum:
    """Everything loaded from one project folder."""
    root: Path
    programme: Programme | None = None
    framework: Framework | None = None
    profiles: dict[str, Profile] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    modules: dict[str, Module] = field(default_factory=dict)
    quizzes: dict[str, QuizBank] = field(default_factory=dict)  # by module id
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    maturity: MaturityModel | None = None
    certification: Certification | None = None
    risk: RiskQuestionnaire | None = None
    portal: InformationPortal | None = None
    dynamics: CityDynamics | None = None

    @property
    def languages(self) -> list[str]:
        return self.programme.languages if self.programme else ["en"]

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def competences(self) -> dict[str, Competence]:
        return {c.id: c for c in self.framework.competences} if self.framework else {}

    @property
    def profile(self) -> Profile | None:
        if self.programme and self.programme.profile_id:
            return self.profiles.get(self.programme.profile_id)
        return next(iter(self.profiles.values()), None)

    def modules_in_order(self) -> list[Module]:
        """Modules in programme order, then any not placed in a group."""
        ordered, seen = [], set()
        if self.programme:
            for group in self.programme.groups:
                for mid in group.module_ids:
                    if mid in self.modules and mid not in seen:
                        ordered.append(self.modules[mid])
                        seen.add(mid)
        ordered += [m for mid, m in sorted(self.modules.items()) if mid not in seen]
        return ordered

    def module_for_outcome(self, outcome_id: str) -> list[Module]:
        return [m for m in self.modules_in_order() if outcome_id in m.outcomes]

    def credits(self, hours: float) -> float:
        per = self.programme.hours_per_ects_credit if self.programme else 25
        return round(hours / per, 1)
