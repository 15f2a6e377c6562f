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
