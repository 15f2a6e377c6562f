"""Read a course's results from a CSV file: the generic format below, or Moodle's gradebook export. The format
is detected from the header line. One function for callers:

    read_results(path, cur=None) -> Results

`Results.learners` holds one `Learner` per person, in file order, with a `ModuleResult` per module;
`Results.problems` lists every malformed row or cell as `Problem(line, message, learner)` (empty when the file
is clean); `Results.notes` lists what was ignored (unknown columns, activities that are not modules). With
`cur` (the curriculum), module, outcome and language ids are checked against it. Nothing is raised for bad
content: a file that cannot be read at all gives one problem at line 0 or 1.

Generic format: UTF-8 (a byte-order mark is fine), comma or semicolon separated, one row per learner and module:

    learner_id,name,email,language,module,completion,score,outcomes
    L001,Maria Papadopoulou,maria@example.org,el,T1,passed,85,T1-LO1:passed T1-LO2:passed

- required columns: learner_id, name, module, completion; optional: email, language, score, outcomes;
  other columns are ignored (and noted);
- completion: completed, incomplete, not attempted, passed or failed (SCORM's lesson status words;
  passed and failed imply completed);
- score: percent from 0 to 100, decimal point or comma, '-' or empty for none;
- outcomes: outcome ids with their status (passed, failed or unknown), as `ID:status`, separated by
  spaces or semicolons.

Moodle gradebook export (Grades > Export > Plain text file, interface in English): the columns "First name",
"Last name", "ID number", "Email address" and one "SCORM package: <activity name> (Real)" or "(Percentage)"
column per SCORM activity. The activity name must start with the module id (the SCORM packages' titles do:
"T1 Resilience and systems thinking"). The learner id is the ID number, or the email address when the ID
number is empty. Real grades are read as percent, so the activities' maximum grade must be 100 (Moodle's
default); a grade means the module was attempted and completed, '-' that it was not attempted. Two columns for
the same module (a SCORM 1.2 and a 2004 package) give the better grade.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.context import known

GENERIC_COLUMNS = ("learner_id", "name", "email", "language", "module", "completion", "score", "outcomes")
GENERIC_REQUIRED = ("learner_id", "name", "module", "completion")
COMPLETION = {"completed": ("completed", None), "incomplete": ("incomplete", None),
              "not attempted": ("not attempted", None), "passed": ("completed", "passed"),
              "failed": ("completed", "failed")}
OUTCOME_STATUS = ("passed", "failed", "unknown")
MOODLE_GRADE = re.compile(r"^(?P<kind>[^:]+):\s*(?P<name>.+?)\s*\((?P<display>Real|Percentage|Letter)\)$")
MOODLE_KIND = "SCORM package"
MOODLE_KNOWN = ("first name", "last name", "id number", "institution", "department", "email address", "language",
                "last downloaded from this course")  # read, or skipped without a note
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ID_TOKEN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass
class Problem:
    line: int  # 1 is the header; 0 for the file as a whole
    message: str
    learner: str | None = None  # the learner whose data the problem is in, when known


@dataclass
class ModuleResult:
    module: str
    completion: str  # "completed", "incomplete" or "not attempted"
    success: str | None  # "passed" or "failed" when the results say so
    score: float | None  # percent, 0-100
    outcomes: dict[str, str] = field(default_factory=dict)  # outcome id -> "passed", "failed" or "unknown"
    line: int = 0


@dataclass
class Learner:
    id: str
    name: str
    email: str = ""
    language: str = ""  # "" when the file does not say
    modules: dict[str, ModuleResult] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)


@dataclass
class Results:
    path: str
    format: str  # "generic" or "moodle" ("" when the header matches neither)
    learners: list[Learner] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    def problems_of(self, learner_id: str) -> list[Problem]:
        return [p for p in self.problems if p.learner == learner_id]

    def format_problem(self, p: Problem) -> str:
        return f"{self.path}:{p.line}: {p.message}" if p.line else f"{self.path}: {p.message}"


def parse_score(text: str) -> float | None:
    """A percentage such as '85', '85.5', '85,5' or '85.00 %'; None for '' or '-'. ValueError if not one."""
    value = text.strip().rstrip("%").strip()
    if value in ("", "-"):
        return None
    if re.fullmatch(r"[+-]?\d+([.,]\d+)?", value) is None:
        raise ValueError(f"score '{text.strip()}' is not a number")
    number = float(value.replace(",", "."))
    if not 0 <= number <= 100:
        raise ValueError(f"score {text.strip()} is outside 0-100 (scores are percentages)")
    return number


def decode_csv(path: Path) -> tuple[str | None, Problem | None]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, Problem(0, f"cannot read the file ({exc.strerror})")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        return None, Problem(line, "the file is not UTF-8 text; save it as 'CSV UTF-8' and try again")


def _delimiter(header: str) -> str:
    return max((";", ",", "\t"), key=header.count)


def csv_rows(text: str):
    """(first line number, cells) per non-empty row, the header included."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(header), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, exc
            return
        if any(cell.strip() for cell in row):
            yield start, row
        start = reader.line_num + 1


def _unknown(what: str, value: str, ids) -> str:
    hint = difflib.get_close_matches(value, list(ids), n=1)
    return f"unknown {what} '{value}' (known: {known(ids)})" + (f"; did you mean '{hint[0]}'?" if hint else "")


class _Reader:
    def __init__(self, path: Path, cur):
        self.results = Results(str(path), "")
        self.modules = {m.lower(): m for m in cur.modules} if cur else None
        self.outcomes = set(cur.outcomes) if cur else None
        self.languages = list(cur.languages) if cur else None
        self.by_id: dict[str, Learner] = {}

    def problem(self, line: int, message: str, learner: str | None = None) -> None:
        self.results.problems.append(Problem(line, message, learner))

    def note(self, line: int, message: str) -> None:
        self.results.notes.append(Problem(line, message))

    def learner(self, line: int, lid: str, name: str, email: str, language: str) -> Learner:
        seen = self.by_id.get(lid)
        if seen is None:
            seen = Learner(lid, name, email, language)
            self.by_id[lid] = seen
            self.results.learners.append(seen)
        else:
            for what, mine, theirs in (("name", seen.name, name), ("email", seen.email, email),
                                       ("language", seen.language, language)):
                if theirs and mine and theirs != mine:
                    self.problem(line, f"learner {lid} has {what} '{theirs}' here but '{mine}' on line "
                                 f"{seen.lines[0]}", lid)
            seen.email = seen.email or email
            seen.language = seen.language or language
        seen.lines.append(line)
        return seen

    def check_identity(self, line: int, lid: str, email: str, language: str) -> None:
        if email and not EMAIL.match(email):
            self.problem(line, f"'{email}' is not an email address", lid)
        if language and self.languages is not None and language not in self.languages:
            self.problem(line, f"unknown language '{language}' (the programme's languages: "
                         f"{', '.join(self.languages)})", lid)

    def module_id(self, value: str) -> str | None:
        if self.modules is None:
            return value
        return self.modules.get(value.lower())

    # --- generic format ---------------------------------------------------------------------------

    def generic(self, header: list[str], rows) -> None:
        self.results.format = "generic"
        names = [h.strip().lower().replace(" ", "_").replace("-", "_") for h in header]
        missing = [c for c in GENERIC_REQUIRED if c not in names]
        if missing:
            self.problem(1, f"missing column(s) {', '.join(missing)} (the generic format needs "
                         f"{', '.join(GENERIC_REQUIRED)})")
            return
        for i, name in enumerate(names):
            if name not in GENERIC_COLUMNS:
                self.note(1, f"column {i + 1} '{header[i].strip()}' is not part of the format and is ignored")
        col = {name: names.index(name) for name in GENERIC_COLUMNS if name in names}
        first_row: dict[tuple[str, str], int] = {}
        for line, row in rows:
            if isinstance(row, csv.Error):
                self.problem(line, f"the CSV is malformed from here on ({row})")
                return
            if len(row) > len(header):
                self.problem(line, f"the row has {len(row)} fields but the header has {len(header)} "
                             "(a value with the separator in it needs quotes)")
                continue
            cell = {name: (row[i].strip() if i < len(row) else "") for name, i in col.items()}
            lid = cell["learner_id"]
            if not lid:
                self.problem(line, "learner_id is empty")
                continue
            before = len(self.results.problems)
            if not cell["name"]:
                self.problem(line, f"learner {lid} has no name", lid)
            self.check_identity(line, lid, cell.get("email", ""), cell.get("language", ""))
            learner = self.learner(line, lid, cell["name"], cell.get("email", ""), cell.get("language", ""))
            result = self.generic_result(line, lid, cell)
            if result is None or len(self.results.problems) > before:
                continue
            if (lid, result.module) in first_row:
                self.problem(line, f"a second row for learner {lid} and module {result.module} (the first is "
                             f"on line {first_row[(lid, result.module)]})", lid)
                continue
            first_row[(lid, result.module)] = line
            learner.modules[result.module] = result

    def generic_result(self, line: int, lid: str, cell: dict) -> ModuleResult | None:
        ok = True
        module = self.module_id(cell["module"]) if cell["module"] else None
        if not cell["module"]:
            self.problem(line, "module is empty", lid)
            ok = False
        elif module is None:
            self.problem(line, _unknown("module", cell["module"], self.modules.values()), lid)
            ok = False
        status = COMPLETION.get(re.sub(r"[\s_]+", " ", cell["completion"].lower()))
        if status is None:
            self.problem(line, f"completion '{cell['completion']}' is not one of: {', '.join(COMPLETION)}", lid)
            ok = False
        score = None
        try:
            score = parse_score(cell.get("score", ""))
        except ValueError as exc:
            self.problem(line, str(exc), lid)
            ok = False
        outcomes = self.outcome_statuses(line, lid, cell.get("outcomes", ""))
        if not ok or outcomes is None:
            return None
        return ModuleResult(module, status[0], status[1], score, outcomes, line)

    def outcome_statuses(self, line: int, lid: str, text: str) -> dict[str, str] | None:
        out: dict[str, str] = {}
        for item in re.split(r"[\s;,|]+", text.strip()) if text.strip() else []:
            oid, sep, status = item.partition(":")
            status = status.lower()
            if not sep or not oid or status not in OUTCOME_STATUS:
                self.problem(line, f"outcome status '{item}' must be ID:status with status "
                             f"{', '.join(OUTCOME_STATUS)}", lid)
                return None
            if self.outcomes is not None and oid not in self.outcomes:
                self.problem(line, _unknown("learning outcome", oid, self.outcomes), lid)
                return None
            out[oid] = status
        return out

    # --- Moodle gradebook export ------------------------------------------------------------------

    def moodle(self, header: list[str], rows) -> None:
        self.results.format = "moodle"
        names = [h.strip().lower() for h in header]
        where = {n: names.index(n) for n in MOODLE_KNOWN if n in names}
        grades: dict[int, str] = {}
        for i, h in enumerate(header):
            match = MOODLE_GRADE.match(h.strip())
            if match is None:
                if names[i] not in MOODLE_KNOWN and not names[i].startswith("course total"):
                    self.note(1, f"column {i + 1} '{h.strip()}' is not a SCORM activity grade and is ignored")
                continue
            if match["kind"].strip() != MOODLE_KIND:
                self.note(1, f"column {i + 1} '{h.strip()}' is not a SCORM package and is ignored")
                continue
            if match["display"] == "Letter":
                self.problem(1, f"column {i + 1} '{h.strip()}' holds letter grades, which cannot be compared "
                             "with scores: export the grades as Real or Percentage")
                continue
            token = ID_TOKEN.match(match["name"])
            module = self.module_id(token.group(1)) if token else None
            if module is None:
                self.note(1, f"column {i + 1} '{h.strip()}': the activity name does not start with a module id, "
                          "so the column is ignored")
                continue
            if module in grades.values():
                self.note(1, f"column {i + 1} '{h.strip()}' is a second activity for module {module}; the "
                          "better grade counts")
            grades[i] = module
        if self.results.problems:
            return
        if not grades:
            self.problem(1, "no column holds a SCORM activity grade ('SCORM package: <module id> ... (Real)')")
            return
        for line, row in rows:
            if isinstance(row, csv.Error):
                self.problem(line, f"the CSV is malformed from here on ({row})")
                return
            if len(row) > len(header):
                self.problem(line, f"the row has {len(row)} fields but the header has {len(header)}")
                continue
            cell = lambda key: row[where[key]].strip() if key in where and where[key] < len(row) else ""  # noqa: E731
            email = cell("email address")
            lid = cell("id number") or email
            name = f"{cell('first name')} {cell('last name')}".strip()
            if not lid:
                self.problem(line, "the learner has neither an ID number nor an email address")
                continue
            if not name:
                self.problem(line, f"learner {lid} has no name", lid)
            self.check_identity(line, lid, email, cell("language"))
            if lid in self.by_id:
                self.problem(line, f"learner {lid} appears twice (also on line {self.by_id[lid].lines[0]})", lid)
                continue
            learner = self.learner(line, lid, name, email, cell("language"))
            for i, module in grades.items():
                try:
                    score = parse_score(row[i] if i < len(row) else "")
                except ValueError as exc:
                    self.problem(line, f"{module}: {exc}", lid)
                    continue
                best = learner.modules.get(module)
                if best is not None and (score is None or (best.score is not None and best.score >= score)):
                    continue
                learner.modules[module] = ModuleResult(module, "not attempted" if score is None else "completed",
                                                       None, score, {}, line)


def read_results(path: Path, cur=None) -> Results:
    """Read a results CSV (generic or Moodle gradebook export) into learners, problems and notes."""
    reader = _Reader(path, cur)
    text, problem = decode_csv(path)
    if problem:
        reader.results.problems.append(problem)
        return reader.results
    rows = csv_rows(text)
    first = next(rows, None)
    if first is None:
        reader.problem(1, "the file is empty")
        return reader.results
    _, header = first
    if isinstance(header, csv.Error):
        reader.problem(1, f"the header line is not valid CSV ({header})")
        return reader.results
    names = {h.strip().lower().replace(" ", "_") for h in header}
    if "learner_id" in names:
        reader.generic(header, rows)
    elif {"first_name", "last_name"} <= names:
        reader.moodle(header, rows)
    else:
        reader.problem(1, "the header matches neither results format: the generic format needs the columns "
                       f"{', '.join(GENERIC_REQUIRED)}; a Moodle gradebook export has 'First name', 'Last name' and "
                       "'SCORM package: <module id> ... (Real)' columns (export with Moodle's interface in English)")
    return reader.results
