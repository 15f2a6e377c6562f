"""`oerkit new module|outcome|quiz`: start a module, a learning outcome or a quiz bank from a commented
template that passes `oerkit validate` at once and says what to fill in.

Nothing is written unless every file could be prepared: bad input (an existing or malformed id, an unknown
group or module) is refused with what to do instead. Existing files (the programme, a module's outcome
list, an outcomes file) are edited by inserting text, so the author's comments and layout stay as they
were, and every new or edited file is checked against its schema before anything is saved.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

import yaml

from .diagnostics import Report
from .load import LoadResult, load_project, rel
from .schemas import check_document, schema_files
from .yaml_source import load_yaml

_COMMON = schema_files()["common.schema.json"]["$defs"]
ID_RE = re.compile(_COMMON["id"]["pattern"])
ID_RULE = _COMMON["id"]["description"].split(": ", 1)[-1].rstrip(".")  # "letters, digits, ..."
BLOOM_LEVELS = schema_files()["outcomes.schema.json"]["properties"]["outcomes"]["items"]["properties"]["bloom"]["enum"]
KNOWLEDGE_BLOOM = ("remember", "understand")  # the levels whose outcomes are mainly knowledge (EQF)


class ScaffoldError(Exception):
    """Bad input for `oerkit new`: the message says what is wrong and what to do."""


@dataclass
class Plan:
    """The files to write (full new text) and what to tell the author."""
    root: Path
    writes: dict[Path, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, path: Path, text: str, kind: str | None) -> None:
        if kind:
            check_schema(self.root, path, text, kind)
        self.writes[path] = text

    def apply(self) -> list[str]:
        lines = []
        for path, text in self.writes.items():
            lines.append(f"{'changed' if path.exists() else 'created'} {rel(self.root, path)}")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return lines + self.notes


# --- checks on the input -------------------------------------------------------------------------------

def load(root: Path) -> LoadResult:
    result = load_project(root)
    if result.curriculum.programme is None:
        raise ScaffoldError("curriculum/programme.yaml is missing or has errors; run `oerkit validate` and fix it first")
    return result


def check_id(value: str, what: str) -> None:
    if not ID_RE.fullmatch(value):
        raise ScaffoldError(f"'{value}' is not a valid {what} id: use {ID_RULE} (for example T6)")


def known_module(result: LoadResult, module_id: str):
    modules = result.curriculum.modules
    if module_id not in modules:
        hint = difflib.get_close_matches(module_id, list(modules), n=1)
        tail = f"; did you mean '{hint[0]}'?" if hint else ""
        raise ScaffoldError(f"unknown module '{module_id}' (known: {', '.join(sorted(modules)) or 'none'}){tail}")
    return modules[module_id]


def check_schema(root: Path, path: Path, text: str, kind: str) -> None:
    """The prepared text must load and match its schema, exactly as `oerkit validate` reads it."""
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / path.name
        probe.write_text(text, encoding="utf-8")
        doc = load_yaml(probe, rel(root, path), report)
        if doc is not None:
            check_document(doc, kind, report)
    if report.errors:
        first = report.sorted()[0]
        raise ScaffoldError(f"could not prepare {rel(root, path)} ({first.message} at line {first.line}); "
                            "nothing was written. Edit the file by hand, or fix it and try again")


# --- YAML text edits that keep comments and layout ----------------------------------------------------

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _node_at(node, path: tuple):
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return None
        if node is None:
            return None
    return node


def append_to_list(text: str, path: tuple, item: str, file: str) -> str:
    """Add `item` (one scalar, or a block of YAML lines for a mapping) at the end of the list at `path`."""
    seq = _node_at(yaml.compose(text, Loader=_Loader), path)
    if not isinstance(seq, yaml.SequenceNode):
        raise ScaffoldError(f"{file}: '{'.'.join(map(str, path))}' is not a list; add '{item.splitlines()[0]}' by hand")
    if seq.flow_style:  # [a, b]: insert before the closing bracket
        end = seq.end_mark.index - 1
        if text[end] != "]":
            raise ScaffoldError(f"{file}: cannot find the end of the list '{path[-1]}'; add '{item}' by hand")
        return text[:end] + (", " if seq.value else "") + item + text[end:]
    lines = text.splitlines(keepends=True)
    last = seq.value[-1]
    first_line = lines[last.start_mark.line]
    prefix = first_line[:last.start_mark.column]  # "  - "
    indent = " " * len(prefix)
    if isinstance(last, yaml.ScalarNode) and last.end_mark.line == last.start_mark.line:
        at = last.end_mark.line + 1
    else:  # a mapping item: the list ends where the next key starts; leave blank lines and comments there
        at = seq.end_mark.line + (1 if seq.end_mark.column else 0)
        at = min(at, len(lines))
        while at - 1 > last.start_mark.line and (not lines[at - 1].strip() or (
                lines[at - 1].lstrip().startswith("#") and len(lines[at - 1]) - len(lines[at - 1].lstrip()) < len(indent))):
            at -= 1
    block = item.splitlines()
    new = [prefix + block[0] + "\n"] + [(indent + line if line else "") + "\n" for line in block[1:]]
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    return "".join(lines[:at] + new + lines[at:])


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def schema_line(root: Path, path: Path, kind: str) -> str:
    """The editor's schema line, relative from the new file to the schema the project uses."""
    local = root / "tools" / "oerkit" / "schemas"
    folder = local if local.is_dir() else Path(__file__).resolve().parent / "schemas"
    target = os.path.relpath(folder / f"{kind}.schema.json", path.parent)
    return f"# yaml-language-server: $schema={Path(target).as_posix()}"


def slugify(title: str) -> str:
    """Folder-name part from a title: lower-case ASCII words joined by '-', at most about 50 characters."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = ""
    for word in re.findall(r"[a-z0-9]+", ascii_title.lower()):
        if len(slug) + len(word) > 50:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "module"


def _fill(template: str, **values) -> str:
    return Template(template).substitute(**values)


# --- oerkit new module -----------------------------------------------------------------------------------

MODULE_TEMPLATE = """\
$schema_line
# Module $id, started with `oerkit new module`. Replace every TODO, then run `oerkit validate`.
# Each field is explained in the authoring guide (Contribute > Field reference on the site).
# Texts that readers see are maps from language to text: add el:, de:, pt: lines to translate them.
id: $id
title:
  $lang: $title
summary:
  # Two or three sentences: what the module covers and for whom.
  $lang: >-
    TODO: what this module covers, and for whom, in two or three sentences.
group: $group
# The learning outcomes this module teaches (defined in $outcomes_file).
# Add one with `oerkit new outcome $id`.
outcomes: [$outcomes]
# Modules a learner should complete first, e.g. [T1]; [] when there are none.
prerequisites: []
# The learner's total workload in hours: reading, activities and the quiz.
hours: 4
# The pages in reading order, Markdown files in this folder. Translations sit beside
# them: introduction.el.md, introduction.de.md, introduction.pt.md.
pages:
  - introduction.md
# Learning activities: what learners do to practise the outcomes.
# strategy: self-paced, case-study, collaborative, project-based, simulation,
#           problem-solving, concept-mapping, peer-learning or discussion
# modality (optional): reading, writing, discussion, fieldwork, tool, video or mixed
activities:
  - id: $id-A1
    title:
      $lang: "TODO: name the activity"
    strategy: self-paced
    modality: writing
    duration_minutes: 30
    instructions:
      # Markdown: what the learner does, step by step.
      $lang: |-
        1. TODO: the first step.
        2. TODO: the second step.
    output:
      $lang: "TODO: what the learner produces, e.g. a one-page note"
    outcomes: [$first_outcome]
authors:
  - name: $author
    # affiliation: Your organisation
    # orcid: 0000-0000-0000-0000
# Version of the module: raise it when the content changes (in quotes).
version: "0.1.0"
# licence: CC-BY-SA-4.0   (the default; every medium you add must allow it)
# keywords:
#   $lang: [resilience, TODO]
# Sources the module relies on: the citation, and a url or doi when there is one.
references: []
#  - text: "Author (year). Title. Publisher."
#    url: https://example.org/report
"""

PAGE_TEMPLATE = """\
# $title

<!-- The first page of module $id. Write for the learner: why this topic matters in
their work, what they will be able to do at the end (the learning outcomes), and how
the module is organised. Delete this comment when you have written the page.
Figures go in the media/ folder beside this page, each with alt text:
![What the figure shows, in one sentence](media/figure.svg) -->

TODO: write the introduction here.
"""

OUTCOMES_TEMPLATE = """\
$schema_line
# Learning outcomes of module $id. Each outcome says what a learner can do after the module,
# starting with one observable verb (Explain, Compare, Design ...). Add one with `oerkit new outcome $id`.
outcomes:
$items"""

OUTCOME_ITEM = """\
id: $oid
# What the learner can do, starting with ONE observable verb whose level matches bloom below.
statement:
  $lang: >-
    $statement
# Competence ids (curriculum/competences.yaml) this outcome develops.
competences: [$competence]
# Bloom level of the verb: remember, understand, apply, analyse, evaluate or create.
bloom: $bloom
# Kind of knowledge (optional): factual, conceptual, procedural or metacognitive.
knowledge_type: $knowledge_type
# EQF domain: knowledge, skills or responsibility-autonomy.
eqf_domain: $eqf_domain
"""

PLACEHOLDER_STATEMENT = "TODO: replace with what the learner can do, starting with one observable verb."


def _outcome_item(oid: str, lang: str, statement: str, competence: str, bloom: str) -> str:
    knowledge = bloom in KNOWLEDGE_BLOOM
    return _fill(OUTCOME_ITEM, oid=oid, lang=lang, statement=statement, competence=competence, bloom=bloom,
                 knowledge_type="conceptual" if knowledge else "procedural",
                 eqf_domain="knowledge" if knowledge else "skills")


def _outcomes_file(root: Path, path: Path, module_id: str, item: str) -> str:
    items = "".join(("  - " if i == 0 else "    ") + line + "\n" if line else "\n"
                    for i, line in enumerate(item.splitlines()))
    return _fill(OUTCOMES_TEMPLATE, schema_line=schema_line(root, path, "outcomes"), id=module_id, items=items)


def _competence_for(cur, group) -> str:
    comps = cur.framework.competences if cur.framework else []
    in_area = [c.id for c in comps if group is not None and c.area == group.competence_area]
    if in_area or comps:
        return (in_area or [c.id for c in comps])[0]
    raise ScaffoldError("curriculum/competences.yaml defines no competence, but every learning outcome must "
                        "develop one; add the competence framework first")


def _group_for(cur, module_id: str, wanted: str | None):
    groups = cur.programme.groups
    listed = next((g for g in groups if module_id in g.module_ids), None)
    ids = ", ".join(g.id for g in groups)
    if wanted is not None:
        group = next((g for g in groups if g.id == wanted), None)
        if group is None:
            hint = difflib.get_close_matches(wanted, [g.id for g in groups], n=1)
            raise ScaffoldError(f"unknown group '{wanted}' (groups in curriculum/programme.yaml: {ids})"
                                + (f"; did you mean '{hint[0]}'?" if hint else ""))
        if listed is not None and listed is not group:
            raise ScaffoldError(f"curriculum/programme.yaml already plans module '{module_id}' in group "
                                f"'{listed.id}', not '{wanted}'; use --group {listed.id}")
        return group
    if listed is not None:
        return listed
    # no --group: the group whose id starts the module id (T for T6), the longest if several do
    prefixed = sorted((g for g in groups if module_id.startswith(g.id) and module_id != g.id),
                      key=lambda g: len(g.id), reverse=True)
    if prefixed:
        return prefixed[0]
    raise ScaffoldError(f"which group does module '{module_id}' belong to? Pass --group (one of: {ids})")


def plan_module(root: Path, module_id: str, title: str, group_id: str | None = None,
                author: str | None = None) -> Plan:
    check_id(module_id, "module")
    if not title.strip():
        raise ScaffoldError("--title is empty: give the module's title in the default language")
    result = load(root)
    cur = result.curriculum
    lang = cur.default_language
    if module_id in cur.modules:
        raise ScaffoldError(f"module '{module_id}' already exists ({cur.modules[module_id].source.file}); "
                            "choose another id")
    existing = sorted(p for p in (root / "modules").glob(f"{module_id}-*") if p.is_dir())
    if (root / "modules" / module_id).is_dir() or existing:
        folder = existing[0] if existing else root / "modules" / module_id
        raise ScaffoldError(f"the folder {rel(root, folder)}/ already exists; choose another id")
    group = _group_for(cur, module_id, group_id)
    folder = root / "modules" / f"{module_id}-{slugify(title)}"
    plan = Plan(root)

    outcomes_path = root / "learning_outcomes" / f"{module_id}.yaml"
    if outcomes_path.exists():
        outcome_ids = [o.id for o in cur.outcomes.values() if o.source.file == rel(root, outcomes_path)]
        if not outcome_ids:
            raise ScaffoldError(f"{rel(root, outcomes_path)} exists but defines no valid outcome; "
                                "run `oerkit validate` and fix it first")
    else:
        outcome_ids = [f"{module_id}-LO1"]
        if outcome_ids[0] in cur.outcomes:
            raise ScaffoldError(f"outcome '{outcome_ids[0]}' already exists ({cur.outcomes[outcome_ids[0]].source.file})")
        item = _outcome_item(outcome_ids[0], lang, PLACEHOLDER_STATEMENT, _competence_for(cur, group), "understand")
        plan.add(outcomes_path, _outcomes_file(root, outcomes_path, module_id, item), "outcomes")

    module_path = folder / "module.yaml"
    plan.add(module_path, _fill(
        MODULE_TEMPLATE, schema_line=schema_line(root, module_path, "module"), id=module_id, lang=lang,
        title=yaml_string(title.strip()), group=group.id, outcomes=", ".join(outcome_ids),
        first_outcome=outcome_ids[0], outcomes_file=rel(root, outcomes_path),
        author=yaml_string(author.strip()) if author and author.strip() else '"TODO: your name"'), "module")
    plan.add(folder / "introduction.md", _fill(PAGE_TEMPLATE, title=title.strip(), id=module_id), None)

    if module_id not in group.module_ids:
        programme = root / cur.programme.source.file
        gi = cur.programme.groups.index(group)
        text = append_to_list(programme.read_text(encoding="utf-8"), ("groups", gi, "modules"), module_id,
                              cur.programme.source.file)
        plan.add(programme, text, "programme")
        plan.notes.append(f"listed {module_id} in group {group.id} of {cur.programme.source.file}")
    plan.notes += [f"next: replace every TODO in {rel(root, folder)}/, add outcomes with `oerkit new outcome "
                   f"{module_id}` and a quiz with `oerkit new quiz {module_id}`, then run `oerkit validate`"]
    return plan


# --- oerkit new outcome --------------------------------------------------------------------------------

def plan_outcome(root: Path, module_id: str, statement: str | None = None, bloom: str = "understand") -> Plan:
    check_id(module_id, "module")
    if bloom not in BLOOM_LEVELS:
        hint = difflib.get_close_matches(bloom, BLOOM_LEVELS, n=1)
        raise ScaffoldError(f"'{bloom}' is not a Bloom level (allowed: {', '.join(BLOOM_LEVELS)})"
                            + (f"; did you mean '{hint[0]}'?" if hint else ""))
    result = load(root)
    cur = result.curriculum
    mod = known_module(result, module_id)
    lang = cur.default_language
    numbers = [int(m[1]) for oid in cur.outcomes if (m := re.fullmatch(re.escape(module_id) + r"-LO(\d+)", oid))]
    oid = f"{module_id}-LO{max(numbers, default=0) + 1}"
    own = [cur.outcomes[o] for o in mod.outcomes if o in cur.outcomes]
    default_file = root / "learning_outcomes" / f"{module_id}.yaml"
    path = default_file if default_file.exists() or not own else root / own[0].source.file
    group = next((g for g in cur.programme.groups if g.id == mod.group), None)
    competence = own[0].competences[0] if own else _competence_for(cur, group)
    if statement is not None and not statement.strip():
        raise ScaffoldError("--statement is empty")
    item = _outcome_item(oid, lang, " ".join((statement or PLACEHOLDER_STATEMENT).split()), competence, bloom)
    plan = Plan(root)
    if path.exists():
        if rel(root, path) not in result.documents:
            raise ScaffoldError(f"{rel(root, path)} has errors; run `oerkit validate` and fix it first")
        plan.add(path, append_to_list(path.read_text(encoding="utf-8"), ("outcomes",), item, rel(root, path)),
                 "outcomes")
    else:
        plan.add(path, _outcomes_file(root, path, module_id, item), "outcomes")
    module_path = root / mod.source.file
    plan.add(module_path, append_to_list(module_path.read_text(encoding="utf-8"), ("outcomes",), oid,
                                         mod.source.file), "module")
    plan.notes.append(f"next: write the statement of {oid} in {rel(root, path)}, teach it in the module's pages "
                      f"and assess it with a quiz item (assessment_quiz/{module_id}.yaml)")
    return plan


# --- oerkit new quiz -------------------------------------------------------------------------------------

QUIZ_TEMPLATE = """\
$schema_line
# Quiz bank of module $id, started with `oerkit new quiz`. Replace every TODO, then run `oerkit validate`.
# Every item assesses one or more of the module's outcomes ($outcomes). Good items:
# - ask about one problem, in plain words, without negatives ("Which is NOT ...");
# - use distractors that are plausible: real misconceptions, not jokes;
# - give feedback for every option: why it is right, or what the mistake is.
# Item types: single, multiple, truefalse, matching, ordering, fill_blank (examples below).
module: $id
items:
  - id: $q1
    type: single
    outcomes: [$outcome]
    difficulty: easy
    stem:
      $lang: "TODO: the question, one clear problem"
    # General feedback shown after answering: why the answer is what it is.
    feedback:
      $lang: "TODO: why the correct answer is correct"
    options:
      - id: a
        text:
          $lang: "TODO: the correct answer"
        correct: true
        feedback:
          $lang: "TODO: why this is right"
      - id: b
        text:
          $lang: "TODO: a plausible wrong answer (a common misconception)"
        feedback:
          $lang: "TODO: what the mistake is, and what is right instead"
      - id: c
        text:
          $lang: "TODO: another plausible wrong answer"
        feedback:
          $lang: "TODO: what the mistake is, and what is right instead"
  - id: $q2
    type: truefalse
    outcomes: [$outcome]
    stem:
      $lang: "TODO: a statement that is clearly true or clearly false"
    feedback:
      $lang: "TODO: why the statement is true (or false)"
    answer: true
    feedback_true:
      $lang: "TODO: feedback when the learner answers true"
    feedback_false:
      $lang: "TODO: feedback when the learner answers false"
  # More item types: copy one, remove the leading '# ', and give it a new id.
  # - id: $id-Q03
  #   type: multiple          # several correct options, at least one wrong
  #   outcomes: [$outcome]
  #   stem: {$lang: "Which of these ...?"}
  #   feedback: {$lang: "..."}
  #   options:
  #     - {id: a, text: {$lang: "..."}, correct: true, feedback: {$lang: "..."}}
  #     - {id: b, text: {$lang: "..."}, correct: true, feedback: {$lang: "..."}}
  #     - {id: c, text: {$lang: "..."}, feedback: {$lang: "..."}}
  # - id: $id-Q04
  #   type: matching          # each prompt with its match; players shuffle the matches
  #   outcomes: [$outcome]
  #   stem: {$lang: "Match each ... with ..."}
  #   feedback: {$lang: "..."}
  #   pairs:
  #     - {id: a, prompt: {$lang: "..."}, match: {$lang: "..."}}
  #     - {id: b, prompt: {$lang: "..."}, match: {$lang: "..."}}
  # - id: $id-Q05
  #   type: ordering          # the elements in the correct order; players shuffle them
  #   outcomes: [$outcome]
  #   stem: {$lang: "Put the steps in order."}
  #   feedback: {$lang: "..."}
  #   sequence:
  #     - {id: a, text: {$lang: "First step"}}
  #     - {id: b, text: {$lang: "Second step"}}
  # - id: $id-Q06
  #   type: fill_blank        # mark each gap [[1]], [[2]] ... in the stem
  #   outcomes: [$outcome]
  #   stem: {$lang: "The Sendai Framework runs until [[1]]."}
  #   feedback: {$lang: "..."}
  #   blanks:
  #     - answers: {$lang: ["2030"]}        # accepted answers; the first is the canonical one
  #       distractors: {$lang: ["2025"]}    # wrong choices for platforms that show a drop-down
"""


def plan_quiz(root: Path, module_id: str) -> Plan:
    check_id(module_id, "module")
    result = load(root)
    cur = result.curriculum
    mod = known_module(result, module_id)
    path = root / "assessment_quiz" / f"{module_id}.yaml"
    if module_id in cur.quizzes or path.exists():
        existing = cur.quizzes[module_id].source.file if module_id in cur.quizzes else rel(root, path)
        raise ScaffoldError(f"module '{module_id}' already has a quiz bank ({existing}); add items to it")
    taken = {item.id for bank in cur.quizzes.values() for item in bank.items}
    free = (f"{module_id}-Q{n:02d}" for n in range(1, 1000) if f"{module_id}-Q{n:02d}" not in taken)
    q1, q2 = next(free), next(free)
    plan = Plan(root)
    plan.add(path, _fill(QUIZ_TEMPLATE, schema_line=schema_line(root, path, "quiz"), id=module_id,
                         lang=cur.default_language, q1=q1, q2=q2, outcome=mod.outcomes[0],
                         outcomes=", ".join(mod.outcomes)), "quiz")
    plan.notes.append(f"next: write the items in {rel(root, path)} (at least one per outcome), then run "
                      "`oerkit validate`")
    return plan


# --- command line ----------------------------------------------------------------------------------------

def run_new(root: Path, args) -> int:
    try:
        if args.new_command == "module":
            plan = plan_module(root, args.id, args.title, args.group, args.author)
        elif args.new_command == "outcome":
            plan = plan_outcome(root, args.module, args.statement, args.bloom)
        else:
            plan = plan_quiz(root, args.module)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for line in plan.apply():
        print(line)
    return 0
