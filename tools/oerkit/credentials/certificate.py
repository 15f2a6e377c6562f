"""The PDF certificate: HTML from the package's template (templates/certificate.html and .css), rendered by
WeasyPrint as a tagged PDF (PDF/UA-1). Page one carries the EU micro-credential elements; the annex lists the
learning outcomes module by module. The same inputs give the same bytes (the creation date is the issue date).
"""

from __future__ import annotations

from datetime import date
from html import escape
from importlib import resources
from pathlib import Path
from string import Template

from ..export.site.markdown import fmt_number
from ..locales import Messages
from ..model import Curriculum, text
from .badge import level_text, valid_until, workload_text
from .rule import Verdict, required_modules, required_outcomes


def _template(name: str) -> str:
    return (resources.files("oerkit") / "credentials" / "templates" / name).read_text(encoding="utf-8")


def long_date(day: date, t: Messages) -> str:
    months = t("cert.months").split()
    return t("cert.date", day=day.day, month=months[day.month - 1], year=day.year)


def _annex(cur: Curriculum, verdict: Verdict, lang: str, t: Messages) -> str:
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    wanted = required_outcomes(cur)
    groups: list[tuple[str, list[str]]] = []
    listed: set[str] = set()
    for mid in required_modules(cur):
        mod = cur.modules[mid]
        mine = [o for o in mod.outcomes if o in wanted and o not in listed]
        listed.update(mine)
        result = verdict.learner.modules.get(mid)
        values = dict(id=mid, title=tx(mod.title), hours=fmt_number(mod.hours, lang))
        heading = (t("cert.annex_module", score=fmt_number(result.score, lang), **values)
                   if result and result.score is not None else t("cert.annex_module_no_score", **values))
        groups.append((heading, mine))
    rest = [o for o in wanted if o not in listed]
    if rest:
        groups.append(("", rest))
    out = []
    for heading, outcomes in groups:
        if heading:
            out.append(f"<h3>{escape(heading)}</h3>")
        items = "".join(f'<li><span class="code">{escape(o)}</span> {escape(tx(cur.outcomes[o].statement))}</li>'
                        for o in outcomes if o in cur.outcomes)
        if items:
            out.append(f"<ul>{items}</ul>")
    return "\n".join(out)


def certificate_html(cur: Curriculum, verdict: Verdict, lang: str, issued: date, credential_id: str,
                     verify_url: str) -> str:
    cert, prog = cur.certification, cur.programme
    default = cur.default_language
    t = Messages(lang, default)
    tx = lambda v: text(v, lang, default)  # noqa: E731
    body = cert.awarding_body
    facts = [(t("cert.awarding_body"), tx(body.name)), (t("cert.country"), tx(body.country)),
             (t("cert.date_issued"), long_date(issued, t))]
    until = valid_until(cur, issued)
    if until:
        facts.append((t("cert.valid_until"), long_date(until, t)))
    modules = required_modules(cur)
    facts += [(t("cert.workload"), workload_text(cur, t, lang)), (t("cert.level"), level_text(cur, t, lang)),
              (t("cert.assessment"), tx(cert.assessment)), (t("cert.participation"), tx(cert.participation)),
              (t("cert.quality"), tx(cert.quality_assurance))]
    outcomes = required_outcomes(cur)
    if outcomes:
        facts.append((t("cert.outcomes"), t("cert.outcomes_value", count=len(outcomes), modules=len(modules))))
    if verdict.average is not None:
        facts.append((t("cert.result"), t("cert.result_value", modules=len(verdict.passed_modules),
                                          average=fmt_number(verdict.average, lang))))
    facts.append((t("cert.verification"), t("cert.verification_value", id=credential_id, url=verify_url)))
    specimen = f'<p class="specimen">{escape(t("cert.specimen"))}</p>' if body.placeholder else ""
    name = verdict.learner.name
    return Template(_template("certificate.html")).substitute(
        lang=escape(lang), document_title=escape(f"{t('cert.heading')}: {tx(cert.title)}, {name}"),
        awarding_body=escape(tx(body.name)), created=f"{issued.isoformat()}T00:00:00Z", css=_template("certificate.css"),
        credential_footer=escape(f"{name} · {credential_id}"), heading=escape(t("cert.heading")),
        certifies=escape(t("cert.certifies")), learner=escape(name), has_earned=escape(t("cert.has_earned")),
        title=escape(tx(cert.title)), programme=escape(tx(prog.title)), specimen=specimen,
        facts="\n".join(f"<div><dt>{escape(k)}</dt><dd>{escape(v)}</dd></div>" for k, v in facts),
        annex=escape(t("cert.annex")), annex_intro=escape(t("cert.annex_intro", name=name)),
        modules=_annex(cur, verdict, lang, t))


class RendererMissing(Exception):
    """WeasyPrint cannot run on this machine; the message says what to install."""


def renderer():
    """WeasyPrint's HTML class, imported only here: only certify needs it (and the pango library)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise RendererMissing(f"WeasyPrint cannot render PDFs here ({exc}); it needs pango: "
                              "apt-get install libpango-1.0-0 libpangoft2-1.0-0 (`make test-deps` does it)") from None
    return HTML


def render_pdf(html: str) -> bytes:
    return renderer()(string=html).write_pdf(pdf_variant="pdf/ua-1")


def write_certificate(html: str, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_pdf(html))
