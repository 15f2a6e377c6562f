"""Pseudonyms for learners, so a report can be shared with partners.

A learner id becomes "L-" + the first 10 hex digits of HMAC-SHA256(salt, id): the same learner gets the
same pseudonym everywhere in a report (and in later reports made with the same salt), and without the
salt nobody can test guessed ids against the pseudonyms. The salt comes from --salt, or from the file
SALT_FILE in the report folder, or is made at random and saved there: keep that file private.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

SALT_FILE = "anonymisation-salt.txt"
DIGITS = 10


def pseudonym(learner_id: str, salt: str, digits: int = DIGITS) -> str:
    digest = hmac.new(salt.encode("utf-8"), learner_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"L-{digest[:digits]}"


def pseudonyms(learner_ids, salt: str) -> dict[str, str]:
    """learner id -> pseudonym for a whole cohort; longer digests in the rare case two would collide."""
    ids = sorted(set(learner_ids))
    digits = DIGITS
    while True:
        out = {i: pseudonym(i, salt, digits) for i in ids}
        if len(set(out.values())) == len(out) or digits >= 64:
            return out
        digits += 4


def report_salt(out_dir: Path, given: str | None) -> tuple[str, Path | None]:
    """The salt to use and the file it was read from or saved to (None when given on the command line)."""
    if given:
        return given, None
    path = out_dir / SALT_FILE
    if path.is_file():
        saved = path.read_text(encoding="utf-8").strip()
        if saved:
            return saved, path
    salt = secrets.token_hex(16)
    out_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(salt + "\n", encoding="utf-8")
    return salt, path
