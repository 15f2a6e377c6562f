"""The cohort report of `oerkit certify`: per learner certified, not certified (with what is missing) or held
back (with the malformed rows), then the file's problems and notes; as text and as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field

from .results import Problem, Results
from .rule import Verdict


@dataclass
class Entry:
    learner_id: str
    name: str
    status: str  # "certified", "not-certified" or "held-back"
    verdict: Verdict | None = None
    problems: list[Problem] = field(default_factory=list)
    language: str = ""
    files: list[str] = field(default_factory=list)  # relative to the output folder
    credential_id: str = ""


@dataclass
class CohortReport:
    results: Results
    issued: str
    rule: str  # the rule in one line
    entries: list[Entry] = field(default_factory=list)
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for e in self.entries if e.status == status)

    def fatal(self) -> list[Problem]:
        """Problems nothing can be issued past, even with --skip-invalid: the file or its header."""
        return [p for p in self.results.problems if p.line <= 1]

    def unattributed(self) -> list[Problem]:
        """Problems that belong to no learner: the file, its header, rows that name no learner."""
        return [p for p in self.results.problems if p.line <= 1 or p.learner is None]

    def to_text(self) -> str:
        r = self.results
        fmt = {"generic": "generic results format", "moodle": "Moodle gradebook export"}.get(r.format, "unknown format")
        out = [f"Cohort report for {r.path} ({fmt}): {len(r.learners)} learner(s)",
               f"Rule: {self.rule}", f"Issue date: {self.issued}" + (" (dry run: nothing written)" if self.dry_run else ""),
               ""]
        sections = (("certified", "Certified"), ("not-certified", "Not certified"),
                    ("held-back", "Held back: malformed rows (fix them, or they stay out with --skip-invalid)"))
        for status, title in sections:
            entries = [e for e in self.entries if e.status == status]
            if not entries:
                continue
            out.append(f"{title} ({len(entries)}):")
            for e in entries:
                if status == "certified":
                    avg = f", average {e.verdict.average:g} %" if e.verdict.average is not None else ""
                    files = f": {', '.join(e.files)}" if e.files else ""
                    out.append(f"  {e.learner_id}  {e.name} ({e.language}{avg}){files}")
                elif status == "not-certified":
                    out.append(f"  {e.learner_id}  {e.name}: missing {'; '.join(s.message for s in e.verdict.shortfalls)}")
                else:
                    out.append(f"  {e.learner_id}  {e.name}: " + "; ".join(f"line {p.line}: {p.message}" for p in e.problems))
            out.append("")
        others = self.unattributed()
        if others:
            out.append(f"Problems in the file ({len(others)}):")
            out += [f"  {r.format_problem(p)}" for p in others]
            out.append("")
        if r.notes:
            out.append(f"Notes ({len(r.notes)}):")
            out += [f"  {r.format_problem(p)}" for p in r.notes]
            out.append("")
        return "\n".join(out).rstrip() + "\n"

    def to_json(self) -> dict:
        r = self.results
        problem = lambda p: {"line": p.line, "message": p.message}  # noqa: E731
        learners = []
        for e in self.entries:
            item = {"id": e.learner_id, "name": e.name, "status": e.status}
            if e.verdict is not None:
                item["average"] = e.verdict.average
                item["passed_modules"] = e.verdict.passed_modules
                item["missing"] = [{k: v for k, v in vars(s).items() if v is not None} for s in e.verdict.shortfalls]
            if e.status == "certified":
                item.update(language=e.language, credential=e.credential_id, files=e.files)
            if e.problems:
                item["problems"] = [problem(p) for p in e.problems]
            learners.append(item)
        return {"results": r.path, "format": r.format, "issued": self.issued, "rule": self.rule,
                "dry_run": self.dry_run,
                "counts": {s: self.count(s) for s in ("certified", "not-certified", "held-back")},
                "learners": learners, "problems": [problem(p) for p in self.unattributed()],
                "notes": [problem(p) for p in r.notes]}
