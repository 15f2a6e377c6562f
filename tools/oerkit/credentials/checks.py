"""Validator checks for curriculum/certification.yaml: the rule names modules and outcomes that exist, and the
issuer's public key file, once written, holds an Ed25519 key."""

from __future__ import annotations

from ..checks.context import CheckContext
from ..checks.references import _unknown
from .keys import KeyFileError, read_public_key


def check_certification(ctx: CheckContext) -> None:
    cur = ctx.cur
    cert = cur.certification
    if cert is None:
        return
    rule = cert.rule
    for i, mid in enumerate(rule.modules or []):
        if mid not in cur.modules:
            _unknown(ctx, rule.source, ("modules", i), "module", mid, cur.modules, "ref-module")
    for i, oid in enumerate(rule.outcomes or []):
        if oid not in cur.outcomes:
            _unknown(ctx, rule.source, ("outcomes", i), "learning outcome", oid, cur.outcomes, "ref-outcome")
    try:
        read_public_key(cur.root / cert.public_key_file, cert.public_key_file)
    except KeyFileError as exc:
        ctx.error(cert.source, ("public_key",), str(exc), "certification-key")
