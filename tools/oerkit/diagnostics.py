"""Messages for authors: each names a file, a line and a column, and says what is wrong."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    severity: str
    message: str
    code: str

    def format_text(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message} [{self.code}]"

    def format_github(self) -> str:
        # GitHub workflow commands: newlines and % must be escaped in the message.
        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.file},line={self.line},col={self.column},title={self.code}::{msg}"


@dataclass
class Report:
    """Collects every problem found in one run; nothing stops at the first."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, severity: str, file: str, line: int, column: int, message: str, code: str) -> None:
        self.items.append(Diagnostic(file, max(line, 1), max(column, 1), severity, message, code))

    def error(self, file: str, pos: tuple[int, int], message: str, code: str) -> None:
        self.add(ERROR, file, pos[0], pos[1], message, code)

    def warning(self, file: str, pos: tuple[int, int], message: str, code: str) -> None:
        self.add(WARNING, file, pos[0], pos[1], message, code)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == WARNING]

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items), key=lambda d: (d.file, d.line, d.column, d.code, d.message))

    def render(self, fmt: str = "text") -> str:
        items = self.sorted()
        if fmt == "json":
            return json.dumps([d.__dict__ for d in items], ensure_ascii=False, indent=2)
        if fmt == "github":
            return "\n".join(d.format_github() for d in items)
        return "\n".join(d.format_text() for d in items)
