"""Per-item responses: what the SCO reported to the LMS as `cmi.interactions`, read back from a CSV file.

Two layouts are recognised by their header row (comma, semicolon or tab separated, UTF-8):

- the generic format, one row per answer (column names in any order; the first three are required):
  `learner_id`, `item_id` (the interaction id, which our SCOs set to the quiz item id), `response`
  (`student_response` in SCORM 1.2, `learner_response` in 2004), and optionally `module_id`, `result`
  (correct, wrong, incorrect, unanticipated, neutral or a number from 0 to 1), `latency` (seconds,
  HHHH:MM:SS.SS or an ISO 8601 duration such as PT1M5S), `timestamp` (ISO 8601) and `attempt` (1, 2...);
- Moodle's SCORM "Interactions report" download, one row per attempt with the columns `Question N`
  (the interaction id), `Response N` and optionally `Result N`; the learner is identified as in the
  gradebook export read by credentials/results.py: the "ID number", or the "Email address" when the ID
  number is empty (then "Username", then "Name", when the download has neither).

Responses are mapped back to the quiz banks of the project: the item fixes the module and the item type
says how to read the response (`a`, `a,b` / `a[,]b`, `t` / `true`, `a.b,b.a` / `a[.]b[,]b[.]a`...). When the
result is missing it is worked out from the item's key. The SCO records a new interaction each time a
learner changes an answer, so one response is kept per learner and item: the last one of the learner's
latest attempt at the module.
"""

from __future__ import annotations

import csv
import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..credentials.results import csv_rows, decode_csv
from ..diagnostics import Report
from ..model import QuizBank, QuizItem

# generic column -> the header names accepted for it (compared lower-case, spaces and '-' as '_')
GENERIC_COLUMNS = {
    "learner_id": ("learner_id",),
    "module_id": ("module_id",),
    "item_id": ("item_id", "interaction_id"),
    "response": ("response", "learner_response", "student_response"),
    "result": ("result",),
    "latency": ("latency", "time_spent"),
    "timestamp": ("timestamp",),
    "attempt": ("attempt",),
}
REQUIRED = ("learner_id", "item_id", "response")
MOODLE_COLUMN = re.compile(r"^(question|response|right answer|result) (\d+)$", re.I)
MOODLE_LEARNER = ("id number", "email address", "username", "name")
RESULT_WORDS = {"correct": 1.0, "wrong": 0.0, "incorrect": 0.0, "unanticipated": 0.0}
NOT_SCORED = "neutral"
FILL_MAX = 40  # characters of a blank the SCO reports (FILL_MAX in web/learner/scorm-mapping.mjs)
CODE = "responses"


@dataclass(frozen=True)
class Response:
    """One learner's answer to one quiz item."""
    learner_id: str
    module_id: str
    item_id: str
    text: str  # the response as the LMS stored it
    choices: frozenset  # option ids chosen (single, multiple) or "true"/"false"; empty for other types
    score: float | None  # 1 correct, 0 not, between for partial credit; None when the LMS marked it neutral
    latency: float | None  # seconds
    line: int
    attempt: int = 1
    timestamp: datetime | None = None


@dataclass
class ResponseSet:
    file: str
    layout: str  # "generic" or "moodle"
    responses: list[Response] = field(default_factory=list)
    problems: Report = field(default_factory=Report)

    def by_module(self) -> dict[str, dict[str, dict[str, Response]]]:
        """module id -> learner id -> item id -> response."""
        out: dict[str, dict[str, dict[str, Response]]] = {}
        for r in self.responses:
            out.setdefault(r.module_id, {}).setdefault(r.learner_id, {})[r.item_id] = r
        return out


def header_key(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def read_csv(path: Path, label: str, problems: Report) -> list[tuple[int, list[str]]]:
    """The rows of a CSV file with the line each starts on (header first); [] after reporting a problem.
    Decoding and delimiter detection are the results reader's, so both files are read alike."""
    text, problem = decode_csv(path)
    if problem:
        problems.error(label, (max(problem.line, 1), 1), problem.message, f"{CODE}-file")
        return []
    rows = []
    for line, row in csv_rows(text):
        if isinstance(row, csv.Error):
            problems.error(label, (line, 1), f"the CSV is malformed from here on ({row})", f"{CODE}-csv")
            break
        rows.append((line, row))
    if not rows and not problems.errors:
        problems.error(label, (1, 1), "the file is empty: expected a header row and one row per answer",
                       f"{CODE}-file")
    return rows


def parse_latency(text: str) -> float:
    """Seconds from '12.5', SCORM 1.2 'HHHH:MM:SS.SS' or ISO 8601 'PT1H2M3.5S'; ValueError if none fits."""
    text = text.strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    m = re.fullmatch(r"(\d{1,4}):([0-5]?\d):([0-5]?\d(?:\.\d{1,2})?)", text)
    if m:
        return int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3])
    m = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?", text)
    if m and text not in ("P", "PT") and not text.endswith("T"):
        d, h, mi, s = (float(g) if g else 0.0 for g in m.groups())
        return d * 86400 + h * 3600 + mi * 60 + s
    raise ValueError(text)


def parse_result(text: str) -> tuple[bool, float | None]:
    """(scored?, score) from a SCORM result word or a number from 0 to 1; ValueError if it is neither."""
    word = text.strip().lower()
    if word in RESULT_WORDS:
        return True, RESULT_WORDS[word]
    if word == NOT_SCORED:
        return False, None
    value = float(word.replace(",", "."))
    if not 0 <= value <= 1:
        raise ValueError(text)
    return True, value


def _split(text: str, v2004: str, v12: str) -> list[str]:
    return text.split(v2004) if v2004 in text else text.split(v12)


def _known(ids: list[str], allowed: list[str], item: QuizItem, what: str) -> None:
    unknown = [i for i in ids if i not in allowed]
    if unknown:
        raise ValueError(f"'{unknown[0]}' is not {what} of item {item.id} ({', '.join(allowed)})")


def parse_answer(item: QuizItem, text: str):
    """The response in the SCORM 1.2 or 2004 format of `formatResponse` (web/learner/scorm-mapping.mjs) as
    Python values; ValueError with a message when it does not fit the item."""
    text = text.strip()
    if item.type == "single":
        _known([text], [o.id for o in item.options], item, "an option")
        return text
    if item.type == "multiple":
        ids = [p.strip() for p in _split(text, "[,]", ",") if p.strip()]
        _known(ids, [o.id for o in item.options], item, "an option")
        return tuple(ids)
    if item.type == "truefalse":
        word = text.lower()
        if word not in ("t", "f", "true", "false", "1", "0"):
            raise ValueError(f"'{text}' is not true or false (t, f, true, false)")
        return word in ("t", "true", "1")
    if item.type == "matching":
        pairs = {}
        for part in _split(text, "[,]", ","):
            left, sep, right = part.partition("[.]") if "[.]" in part else part.partition(".")
            if not sep:
                raise ValueError(f"'{part}' is not a pair such as a.b (SCORM 1.2) or a[.]b (SCORM 2004)")
            _known([left.strip(), right.strip()], [p.id for p in item.pairs], item, "a pair")
            pairs[left.strip()] = right.strip()
        return pairs
    if item.type == "ordering":
        ids = [p.strip() for p in _split(text, "[,]", ",")]
        _known(ids, [s.id for s in item.sequence], item, "an element")
        return tuple(ids)
    if item.type == "fill_blank":
        parts = text.split("[,]") if "[,]" in text or len(item.blanks) == 1 else text.split(",")
        if len(parts) > len(item.blanks):
            raise ValueError(f"{len(parts)} answers for {len(item.blanks)} blank(s) of item {item.id}")
        return tuple(parts)
    raise ValueError(f"item {item.id} has the unknown type '{item.type}'")


def _norm(text: str) -> str:
    # SCORM 1.2 responses had ',', '.' and spaces replaced by '_' (clean12 in scorm-mapping.mjs)
    text = unicodedata.normalize("NFC", str(text)).lower()
    return re.sub(r"[\s_.,]+", " ", text).strip()


def key_score(item: QuizItem, answer) -> float:
    """1 if the answer matches the item's key, else 0 (used when the LMS did not record a result)."""
    if item.type == "single":
        ok = any(o.id == answer and o.correct for o in item.options)
    elif item.type == "multiple":
        ok = set(answer) == {o.id for o in item.options if o.correct}
    elif item.type == "truefalse":
        ok = answer == item.answer
    elif item.type == "matching":
        ok = all(answer.get(p.id) == p.id for p in item.pairs)
    elif item.type == "ordering":
        ok = list(answer) == [s.id for s in item.sequence]
    else:  # the SCO reports at most FILL_MAX characters of each blank, in any language's accepted answer
        ok = len(answer) == len(item.blanks) and all(
            _norm(given) in {_norm(a[:FILL_MAX]) for answers in blank.answers.values() for a in answers}
            for given, blank in zip(answer, item.blanks))
    return 1.0 if ok else 0.0


def choices_of(item: QuizItem, answer) -> frozenset:
    if item.type == "single":
        return frozenset([answer])
    if item.type == "multiple":
        return frozenset(answer)
    if item.type == "truefalse":
        return frozenset(["true" if answer else "false"])
    return frozenset()


class ItemIndex:
    """Quiz items by id and by module, to map an interaction id back to its item."""

    def __init__(self, quizzes: dict[str, QuizBank]):
        self.by_module = {mid: {i.id: i for i in bank.items} for mid, bank in quizzes.items()}
        self.modules_of: dict[str, list[str]] = {}
        for mid, items in self.by_module.items():
            for iid in items:
                self.modules_of.setdefault(iid, []).append(mid)

    def find(self, item_id: str, module_id: str = "") -> tuple[str, QuizItem]:
        if module_id:
            if module_id not in self.by_module:
                raise ValueError(f"module '{module_id}' has no quiz bank in this project")
            item = self.by_module[module_id].get(item_id)
            if item is None:
                raise ValueError(f"item '{item_id}' is not in the quiz bank of module {module_id}")
            return module_id, item
        modules = self.modules_of.get(item_id, [])
        if not modules:
            raise ValueError(f"item '{item_id}' is in no quiz bank of this project")
        if len(modules) > 1:
            raise ValueError(f"item '{item_id}' is in several quiz banks ({', '.join(modules)}): "
                             "add a module_id column")
        return modules[0], self.by_module[modules[0]][item_id]


def _response(index: ItemIndex, *, learner: str, module: str, item_id: str, text: str, result: str,
              latency: str = "", timestamp: str = "", attempt: str = "", line: int) -> Response | None:
    """One response, or None when the interaction holds no answer; ValueError with a message if malformed."""
    module, item = index.find(item_id, module)
    text, result = text.strip(), result.strip()
    if not text and not result:
        return None
    answer = parse_answer(item, text) if text else None
    if result:
        try:
            scored, score = parse_result(result)
        except ValueError:
            raise ValueError(f"result '{result}' is not correct, wrong, incorrect, unanticipated, neutral "
                             "or a number from 0 to 1") from None
        if not scored:
            score = None
    else:
        score = key_score(item, answer)
    seconds = None
    if latency.strip():
        try:
            seconds = parse_latency(latency)
        except ValueError:
            raise ValueError(f"latency '{latency.strip()}' is not seconds, HH:MM:SS or an ISO 8601 duration "
                             "such as PT1M30S") from None
    when = None
    if timestamp.strip():
        try:
            when = datetime.fromisoformat(timestamp.strip())
        except ValueError:
            raise ValueError(f"timestamp '{timestamp.strip()}' is not an ISO 8601 date and time") from None
        if when.tzinfo is not None:
            when = when.astimezone(timezone.utc).replace(tzinfo=None)
    number = 1
    if attempt.strip() and attempt.strip() != "-":
        if not attempt.strip().isdigit():
            raise ValueError(f"attempt '{attempt.strip()}' is not a whole number")
        number = int(attempt.strip())
    return Response(learner, module, item.id, text, choices_of(item, answer) if answer is not None else frozenset(),
                    score, seconds, line, number, when)


def _generic(width: int, rows, columns: dict[str, int], index: ItemIndex, out: ResponseSet, seq: list) -> None:
    needed = max(columns[c] for c in REQUIRED) + 1
    for line, row in rows:
        if len(row) > width:
            out.problems.error(out.file, (line, width + 1), f"the row has {len(row)} column(s), the header {width} "
                               "(a value with the separator in it needs quotes)", f"{CODE}-row")
            continue
        if len(row) < needed:
            missing = next(c for c in REQUIRED if columns[c] >= len(row))
            out.problems.error(out.file, (line, len(row) + 1), f"the row has {len(row)} column(s): {missing} "
                               f"(column {columns[missing] + 1}) is missing", f"{CODE}-row")
            continue
        cell = {name: row[i] if i < len(row) else "" for name, i in columns.items()}
        learner = cell["learner_id"].strip()
        if not learner:
            out.problems.error(out.file, (line, columns["learner_id"] + 1), "learner_id is empty", f"{CODE}-row")
            continue
        if not cell["item_id"].strip():
            out.problems.error(out.file, (line, columns["item_id"] + 1), "item_id is empty", f"{CODE}-row")
            continue
        try:
            r = _response(index, learner=learner, module=cell.get("module_id", "").strip(),
                          item_id=cell["item_id"].strip(), text=cell["response"], result=cell.get("result", ""),
                          latency=cell.get("latency", ""), timestamp=cell.get("timestamp", ""),
                          attempt=cell.get("attempt", ""), line=line)
        except ValueError as e:
            out.problems.error(out.file, (line, 1), str(e), f"{CODE}-value")
            continue
        if r:
            seq.append((r, 0))


def _moodle(header: list[str], rows, index: ItemIndex, out: ResponseSet, seq: list) -> None:
    names = [h.strip().lower() for h in header]
    learner_cols = [names.index(n) for n in MOODLE_LEARNER if n in names]
    groups: dict[int, dict[str, int]] = {}
    for col, name in enumerate(names):
        m = MOODLE_COLUMN.match(name)
        if m:
            groups.setdefault(int(m[2]), {})[m[1].lower()] = col
    if not learner_cols or not any("question" in g for g in groups.values()):
        missing = "a learner column (ID number, Email address, Username or Name)" if not learner_cols else \
            "the 'Question N' columns with the interaction ids"
        out.problems.error(out.file, (1, 1), f"this Moodle interactions report has no {missing}: download it "
                           "again with 'Summary of question' and 'Summary of result' ticked", f"{CODE}-header")
        return
    attempt_col = names.index("attempt") if "attempt" in names else None
    for line, row in rows:
        learner = next((html.unescape(row[c]).strip() for c in learner_cols if c < len(row) and row[c].strip()), "")
        attempt = row[attempt_col] if attempt_col is not None and attempt_col < len(row) else ""
        if attempt.strip() == "-":
            continue  # enrolled, no attempt yet
        if not learner:
            out.problems.error(out.file, (line, learner_cols[0] + 1), "the learner is not identified: "
                               f"'{header[learner_cols[0]].strip()}' is empty", f"{CODE}-row")
            continue
        for n, cols in sorted(groups.items()):
            def get(key: str, cols=cols, row=row) -> str:
                return html.unescape(row[cols[key]]) if key in cols and cols[key] < len(row) else ""
            item_id = get("question").strip()
            if not item_id:
                continue
            try:
                r = _response(index, learner=learner, module="", item_id=item_id, text=get("response"),
                              result=get("result"), attempt=attempt, line=line)
            except ValueError as e:
                out.problems.error(out.file, (line, cols["question"] + 1), f"Question {n}: {e}", f"{CODE}-value")
                continue
            if r:
                seq.append((r, n))


def _keep_last(seq: list[tuple[Response, int]]) -> list[Response]:
    """One response per learner and item: the last one of the learner's latest attempt at the module."""
    latest: dict[tuple[str, str], int] = {}
    for r, _ in seq:
        key = (r.learner_id, r.module_id)
        latest[key] = max(latest.get(key, r.attempt), r.attempt)
    last: dict[tuple[str, str, str], tuple] = {}
    for r, n in seq:
        if r.attempt != latest[(r.learner_id, r.module_id)]:
            continue
        order = (r.timestamp or datetime.min, r.line, n)
        key = (r.learner_id, r.module_id, r.item_id)
        if key not in last or order >= last[key][0]:
            last[key] = (order, r)
    return sorted((v[1] for v in last.values()), key=lambda r: (r.module_id, r.learner_id, r.item_id))


def read_responses(path: Path, quizzes: dict[str, QuizBank], label: str | None = None) -> ResponseSet:
    """Read a responses file; every malformed row is reported in `problems` with its line, never raised."""
    label = label or str(path)
    problems = Report()
    rows = read_csv(Path(path), label, problems)
    if not rows:
        return ResponseSet(label, "generic", problems=problems)
    (_, header), body = rows[0], rows[1:]
    keys = [header_key(h) for h in header]
    columns: dict[str, int] = {}
    for name, aliases in GENERIC_COLUMNS.items():
        found = next((keys.index(a) for a in aliases if a in keys), None)
        if found is not None:
            columns[name] = found
    index = ItemIndex(quizzes)
    seq: list[tuple[Response, int]] = []
    if any(MOODLE_COLUMN.match(h.strip()) for h in header) and "learner_id" not in columns:
        out = ResponseSet(label, "moodle", problems=problems)
        _moodle(header, body, index, out, seq)
    else:
        out = ResponseSet(label, "generic", problems=problems)
        missing = [c for c in REQUIRED if c not in columns]
        if missing:
            problems.error(label, (rows[0][0], 1), f"the header has no column {', '.join(missing)} (expected "
                           f"{', '.join(GENERIC_COLUMNS)}, or a Moodle SCORM interactions report)", f"{CODE}-header")
            return out
        _generic(len(header), body, columns, index, out, seq)
    out.responses = _keep_last(seq)
    return out
