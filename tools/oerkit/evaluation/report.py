"""The evaluation report: one self-contained HTML page (inline CSS and SVG, nothing loaded from anywhere),
in the trainer's language, and the same page as PDF through WeasyPrint.

Learners appear only as pseudonyms unless the caller passes their names; problems found in the input
files are counted here, never quoted (their messages may hold names or emails).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .. import __version__
from ..locales import Messages
from ..model import Curriculum, Text, text
from . import charts
from .cohort import STATUSES, Cohort
from .item_analysis import MIN_RESPONSES, P_EASY, P_HARD, R_WEAK, ItemStats, QuizAnalysis

STATUS_STYLE = {  # fill, text colour: every pair passes WCAG AA for its count label
    "passed": ("#1b5e20", "#ffffff"), "failed": ("#b71c1c", "#ffffff"), "completed": ("#3f51b5", "#ffffff"),
    "incomplete": ("#f9a825", "#212121"), "not attempted": ("#cfd8dc", "#212121"),
}
STEM_CHARS = 110

CSS = """
body{font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212121;background:#fff;
max-width:70rem;margin:0 auto;padding:1rem 1.5rem 3rem;line-height:1.5}
h1{font-size:1.8rem;margin-bottom:.2rem}h2{font-size:1.4rem;border-bottom:2px solid #3f51b5;padding-bottom:.2rem;
margin-top:2.5rem}h3{font-size:1.2rem;margin-top:2rem}h4{font-size:1rem;margin-top:1.5rem}
a{color:#1a237e}div.table{overflow-x:auto;margin:.8rem 0 1.2rem}div.table:focus{outline:2px solid #1a237e}
table{border-collapse:collapse;width:100%;font-size:.88rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}th,td{border:1px solid #b0bec5;padding:.3rem .5rem;
text-align:left;vertical-align:top}thead th{background:#e8eaf6}td.num,th.num{text-align:right}td.num{white-space:nowrap}
.bar{display:inline-block;height:.75em;background:#3f51b5;margin-right:.4em;vertical-align:baseline}
.key{font-weight:600}.flag{color:#b71c1c;font-weight:600}figure{margin:1rem 0}svg{max-width:100%;height:auto}
figcaption{font-size:.9rem;color:#424242}.note{background:#fff8e1;border-left:4px solid #f9a825;padding:.5rem 1rem}
dl.facts{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dl.facts dt{font-weight:600}
dl.facts dd{margin:0}.formula{font-family:"DejaVu Serif",Georgia,serif;background:#f5f5f5;padding:.4rem .8rem}
footer{margin-top:3rem;font-size:.85rem;color:#424242}
@page{size:A4;margin:14mm}
@media print{body{max-width:none;padding:0;font-size:10pt}table{font-size:8pt}div.table{overflow:visible}
th,td{padding:.15rem .25rem}td.num{white-space:normal}.bar{display:none}
h2,h3,h4,caption,h2+p{break-after:avoid}figure,tr{break-inside:avoid}a{color:#212121}}
"""


@dataclass
class ReportData:
    cur: Curriculum
    cohort: Cohort
    quizzes: list[QuizAnalysis]
    learner_label: dict[str, str]  # learner id -> what the report shows (pseudonym or name)
    anonymised: bool
    responses_given: bool
    counts: dict[str, int] = field(default_factory=dict)  # learners, responses, skipped_results, skipped_responses


class _Writer:
    def __init__(self, data: ReportData, lang: str):
        self.d = data
        self.lang = lang
        self.default = data.cur.default_language
        self.messages = Messages(lang, "en")
        self.tables = 0  # numbers the tables, for their ids

    def t(self, key: str, **values) -> str:
        """A UI string, escaped for HTML."""
        return escape(self.messages(key, **values), quote=True)

    def raw(self, key: str, **values) -> str:
        """A UI string as text, for the charts (which escape what they draw)."""
        return self.messages(key, **values)

    # --- formatting -------------------------------------------------------------------------------
    def text(self, value: Text | None, limit: int | None = None) -> str:
        """Escaped curriculum text in the report's language (cut to `limit` characters), marked with its
        language when it falls back to another one."""
        for lang in (self.lang, self.default, *(value or {})):
            if value and value.get(lang):
                plain = " ".join(str(value[lang]).split())
                if limit and len(plain) > limit:
                    plain = plain[: limit - 1] + "…"
                return escape(plain) if lang == self.lang else f'<span lang="{lang}">{escape(plain)}</span>'
        return ""

    def num(self, value: float, places: int = 2) -> str:
        """Fixed decimals; a decimal comma outside English (as fmt_number writes numbers on the site)."""
        out = f"{value:.{places}f}"
        return out if self.lang == "en" else out.replace(".", ",")

    def pct(self, share: float | None, raw: bool = False) -> str:
        t = self.raw if raw else self.t
        return t("eval.none") if share is None else t("eval.percent", value=self.num(100 * share, 0))

    def score(self, percent: float | None) -> str:
        return self.pct(None if percent is None else percent / 100)

    def duration(self, seconds: float | None, raw: bool = False) -> str:
        """Seconds under two minutes, minutes with one decimal above."""
        t = self.raw if raw else self.t
        if seconds is None:
            return t("eval.none")
        if seconds < 120:
            return t("eval.seconds", value=self.num(seconds, 0))
        return t("eval.minutes", value=self.num(seconds / 60, 1))

    def rate_cell(self, share: float | None) -> str:
        """A share as a number with a small bar beside it (the bar is decoration: the number says it)."""
        if share is None:
            return f'<td class="num">{self.t("eval.none")}</td>'
        width = f"{3 * share:.2f}".rstrip("0").rstrip(".")
        bar = f'<span class="bar" style="width:{width}em" aria-hidden="true"></span>' if share > 0 else ""
        return f'<td class="num">{bar}{self.pct(share)}</td>'

    def module_name(self, mid: str) -> str:
        mod = self.d.cur.modules.get(mid)
        return f"{escape(mid)} {self.text(mod.title)}" if mod else escape(mid)

    def module_plain(self, mid: str) -> str:
        mod = self.d.cur.modules.get(mid)
        return f"{mid} {text(mod.title, self.lang, self.default)}" if mod else mid

    def table(self, caption: str, headers: list[tuple[str, bool]], rows: list[str]) -> str:
        """headers: (escaped text, numeric?); numeric columns are right-aligned. A table wider than the screen
        scrolls in its own region, which the keyboard can reach."""
        self.tables += 1
        cid = f"table-{self.tables}"
        head = "".join(('<th scope="col" class="num">' if numeric else '<th scope="col">') + f"{h}</th>"
                       for h, numeric in headers)
        return (f'<div class="table" role="region" tabindex="0" aria-labelledby="{cid}"><table>'
                f'<caption id="{cid}">{caption}</caption><thead><tr>{head}</tr></thead><tbody>'
                + "".join(rows) + "</tbody></table></div>")

    @staticmethod
    def section(sid: str, title: str, *parts: str) -> str:
        return (f'<section id="{sid}" aria-labelledby="{sid}-h"><h2 id="{sid}-h">{title}</h2>'
                + "".join(parts) + "</section>")

    def figure(self, svg: str, caption_key: str) -> str:
        return f"<figure>{svg}<figcaption>{self.t(caption_key)}</figcaption></figure>"

    # --- sections ---------------------------------------------------------------------------------
    def summary(self) -> str:
        t, c = self.t, self.d.counts
        responses = str(c.get("responses", 0)) if self.d.responses_given else t("eval.no_responses_file")
        facts = [(t("eval.fact.learners"), str(c.get("learners", 0))),
                 (t("eval.fact.modules"), str(len(self.d.cohort.modules))),
                 (t("eval.fact.responses"), responses),
                 (t("eval.fact.identities"), t("eval.anonymised") if self.d.anonymised else t("eval.named"))]
        notes = []
        if c.get("skipped_results"):
            notes.append(t("eval.skipped_results", count=c["skipped_results"]))
        if c.get("skipped_responses"):
            notes.append(t("eval.skipped_responses", count=c["skipped_responses"]))
        if self.d.cohort.unmatched:
            notes.append(t("eval.unmatched", count=len(self.d.cohort.unmatched)))
        return self.section("summary", t("eval.summary"),
                            '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>",
                            *(f'<p class="note">{n}</p>' for n in notes))

    def modules(self) -> str:
        t = self.t
        mods = self.d.cohort.modules
        if not mods:
            return self.section("modules", t("eval.modules"), f"<p>{t('eval.no_results')}</p>")
        status = [f"eval.status.{s.replace(' ', '_')}" for s in STATUSES]
        series = [(self.raw(key), *STATUS_STYLE[s]) for key, s in zip(status, STATUSES)]
        svg = charts.stacked_bar_chart(
            "chart-modules", self.raw("eval.modules_chart"), self.raw("eval.chart_table_below"), series,
            [(self.module_plain(m.module_id), [m.counts[s] for s in STATUSES]) for m in mods])
        headers = [(t("eval.col.module"), False), (t("eval.col.learners"), True)]
        headers += [(t(key), True) for key in status]
        headers += [(t("eval.col.completion_rate"), True), (t("eval.col.pass_rate"), True),
                    (t("eval.col.median_score"), True)]
        rows = [f'<tr><th scope="row">{self.module_name(m.module_id)}</th><td class="num">{m.learners}</td>'
                + "".join(f'<td class="num">{m.counts[s]}</td>' for s in STATUSES)
                + f'{self.rate_cell(m.completion_rate)}{self.rate_cell(m.pass_rate)}'
                f'<td class="num">{self.score(m.median_score)}</td></tr>' for m in mods]
        return self.section("modules", t("eval.modules"), f"<p>{t('eval.modules_intro')}</p>",
                            self.figure(svg, "eval.modules_chart"), self.table(t("eval.modules_table"), headers, rows))

    def outcomes(self) -> str:
        t = self.t
        items = self.d.cohort.outcomes
        if not items:
            return self.section("outcomes", t("eval.outcomes"), f"<p>{t('eval.no_outcomes')}</p>")
        axis = [(v / 100, self.raw("eval.percent", value=str(v))) for v in (0, 25, 50, 75, 100)]
        svg = charts.bar_chart("chart-outcomes", self.raw("eval.outcomes_chart"), self.raw("eval.chart_table_below"),
                               [(o.outcome_id, o.rate, self.pct(o.rate, raw=True)) for o in items], axis)
        rows = []
        for o in items:
            outcome = self.d.cur.outcomes.get(o.outcome_id)
            estimated = f" {t('eval.estimated_mark')}" if o.estimated else ""
            rows.append(f'<tr><th scope="row">{escape(o.outcome_id)}</th>'
                        f"<td>{self.text(outcome.statement) if outcome else ''}</td>"
                        f"<td>{escape(', '.join(o.module_ids))}</td><td class=\"num\">{o.assessed}{estimated}</td>"
                        f'<td class="num">{o.mastered}</td>{self.rate_cell(o.rate)}</tr>')
        headers = [(t("eval.col.outcome"), False), (t("eval.col.statement"), False), (t("eval.col.module"), False),
                   (t("eval.col.assessed"), True), (t("eval.col.mastered"), True), (t("eval.col.mastery_rate"), True)]
        estimated = any(o.estimated for o in items)
        note = f"<p>{t('eval.estimated_mark')} {t('eval.estimated_note')}</p>" if estimated else ""
        return self.section("outcomes", t("eval.outcomes"), f"<p>{t('eval.outcomes_intro')}</p>",
                            self.figure(svg, "eval.outcomes_chart"),
                            self.table(t("eval.outcomes_table"), headers, rows), note)

    def flag_text(self, flag) -> str:
        thresholds = {"too-hard": P_HARD, "too-easy": P_EASY, "weak": R_WEAK}
        if flag.option:
            return self.t(f"eval.flag.{flag.code}", option=flag.option)
        if flag.code in thresholds:
            return self.t(f"eval.flag.{flag.code}", threshold=self.num(thresholds[flag.code]))
        return self.t(f"eval.flag.{flag.code}")

    def item_label(self, s: ItemStats) -> str:
        return self.t("eval.item_label", number=s.number, id=s.item.id)

    def item_rows(self, qa: QuizAnalysis) -> list[str]:
        t = self.t
        rows = []
        for s in qa.items:
            p = self.num(s.p) if s.p is not None else t("eval.none")
            # an undefined r is said in words (never NaN), in a cell that may wrap
            if s.r is None:
                r = f"<td>{t(f'eval.undefined.{s.undefined}')}</td>"
            else:
                r = f'<td class="num">{self.num(s.r)}</td>'
            notes = "<br>".join(f'<span class="flag">{self.flag_text(f)}</span>' for f in s.flags)
            if 0 < s.n < MIN_RESPONSES:
                notes += t("eval.few", n=MIN_RESPONSES)
            rows.append(f'<tr><th scope="row">{self.item_label(s)}</th><td>{self.text(s.item.stem, 70)}</td>'
                        f'<td>{t(f"eval.type.{s.item.type}")}</td><td class="num">{s.n}</td><td class="num">{p}</td>'
                        f'{r}<td class="num">{self.duration(s.median_latency)}</td><td>{notes}</td></tr>')
        return rows

    def choice_tables(self, qa: QuizAnalysis) -> str:
        t = self.t
        tables = []
        for s in (s for s in qa.items if s.options and s.n):
            rows = []
            for o in s.options:
                label = self.text(o.text) if o.text else t(f"quiz.{o.id}")  # true/false have no option text
                key = f' <span class="key">({t("eval.key")})</span>' if o.correct else ""
                rows.append(f'<tr><th scope="row">{escape(o.id)}</th><td>{label}{key}</td>'
                            f'<td class="num">{o.chosen}</td>{self.rate_cell(o.rate)}</tr>')
            tables.append(self.table(f"{self.item_label(s)}: {self.text(s.item.stem, 70)}", [
                (t("eval.col.option"), False), (t("eval.col.text"), False), (t("eval.col.chosen"), True),
                (t("eval.col.rate"), True)], rows))
        return f"<h4>{t('eval.choices')}</h4><p>{t('eval.choices_intro')}</p>" + "".join(tables) if tables else ""

    def item_section(self, qa: QuizAnalysis) -> str:
        t = self.t
        anchor = f"items-{escape(qa.module_id)}"
        facts = t("eval.quiz_facts", learners=qa.learners, items=len(qa.items), mean=self.pct(qa.mean_score))
        out = [f'<section id="{anchor}" aria-labelledby="{anchor}-h"><h3 id="{anchor}-h">'
               f"{self.module_name(qa.module_id)}</h3><p>{facts}</p>"]
        drawn = [s for s in qa.items if s.p is not None and s.r is not None]
        if drawn:
            svg = charts.item_map(
                f"chart-map-{anchor}", self.raw("eval.item_map", module=qa.module_id),
                self.raw("eval.item_map_desc", drawn=len(drawn), total=len(qa.items)),
                [(f"Q{s.number}", s.p, s.r, bool(s.flags)) for s in drawn],
                self.raw("eval.col.difficulty"), self.raw("eval.col.discrimination"), [P_HARD, P_EASY], [0, R_WEAK],
                lambda v: self.num(v, 2).rstrip("0").rstrip(".,"))
            out.append(self.figure(svg, "eval.item_map_caption"))
        out.append(f"<h4>{t('eval.to_review')}</h4>")
        if qa.to_review:
            out.append("<ul>" + "".join(
                f"<li><strong>{self.item_label(s)}</strong> {self.text(s.item.stem, STEM_CHARS)}<ul>"
                + "".join(f'<li class="flag">{self.flag_text(f)}</li>' for f in s.flags) + "</ul></li>"
                for s in qa.to_review) + "</ul>")
        else:
            out.append(f"<p>{t('eval.nothing_to_review')}</p>")
        out.append(self.table(t("eval.items_table", module=qa.module_id), [
            (t("eval.col.item"), False), (t("eval.col.stem"), False), (t("eval.col.type"), False),
            (t("eval.col.n"), True), (t("eval.col.difficulty"), True), (t("eval.col.discrimination"), True),
            (t("eval.col.median_time"), True), (t("eval.col.flags"), False)], self.item_rows(qa)))
        out.append(self.choice_tables(qa))
        out.append("</section>")
        return "".join(out)

    def items(self) -> str:
        t = self.t
        if not self.d.responses_given:
            return self.section("items", t("eval.items"), f"<p>{t('eval.no_responses')}</p>")
        if not self.d.quizzes:
            return self.section("items", t("eval.items"), f"<p>{t('eval.no_quiz_responses')}</p>")
        return self.section("items", t("eval.items"), f"<p>{t('eval.items_intro')}</p>",
                            *(self.item_section(qa) for qa in self.d.quizzes))

    def time(self) -> str:
        t = self.t
        timed = [m for m in self.d.cohort.modules if m.median_time is not None]
        if not timed:
            return self.section("time", t("eval.time"), f"<p>{t('eval.no_time')}</p>")
        longest = max(m.median_time for m in timed) or 1
        axis = [(share, self.duration(share * longest, raw=True)) for share in (0, 0.5, 1)]
        svg = charts.bar_chart("chart-time", self.raw("eval.time_chart"), self.raw("eval.chart_table_below"),
                               [(self.module_plain(m.module_id), m.median_time / longest,
                                 self.duration(m.median_time, raw=True)) for m in timed], axis)
        rows = [f'<tr><th scope="row">{self.module_name(m.module_id)}</th><td class="num">{m.timed}</td>'
                f'<td class="num">{self.duration(m.median_time)}</td></tr>' for m in timed]
        headers = [(t("eval.col.module"), False), (t("eval.col.learners"), True), (t("eval.col.median_time"), True)]
        return self.section("time", t("eval.time"), f"<p>{t('eval.time_intro')}</p>",
                            self.figure(svg, "eval.time_chart"), self.table(t("eval.time_table"), headers, rows))

    def learners(self) -> str:
        t = self.t
        people = sorted(self.d.cohort.learners, key=lambda lrn: self.d.learner_label[lrn.learner_id])
        if not people:
            return self.section("learners", t("eval.learners"), f"<p>{t('eval.no_results')}</p>")
        rows = [f'<tr><th scope="row">{escape(self.d.learner_label[lrn.learner_id])}</th>'
                f'<td class="num">{lrn.modules}</td><td class="num">{lrn.completed}</td>'
                f'<td class="num">{lrn.passed}</td><td class="num">{self.score(lrn.mean_score)}</td></tr>'
                for lrn in people]
        headers = [(t("eval.col.learner"), False), (t("eval.col.modules"), True), (t("eval.status.completed"), True),
                   (t("eval.status.passed"), True), (t("eval.col.mean_score"), True)]
        intro = t("eval.learners_intro_anonymised" if self.d.anonymised else "eval.learners_intro_named")
        return self.section("learners", t("eval.learners"), f"<p>{intro}</p>",
                            self.table(t("eval.learners_table"), headers, rows))

    def method(self) -> str:
        t = self.t
        rules = (t("eval.flag.too-hard", threshold=self.num(P_HARD)),
                 t("eval.flag.too-easy", threshold=self.num(P_EASY)),
                 t("eval.flag.negative"), t("eval.flag.weak", threshold=self.num(R_WEAK)),
                 t("eval.rule.unused-distractor"), t("eval.rule.distractor-beats-key"))
        privacy = t("eval.method_privacy_anonymised" if self.d.anonymised else "eval.method_privacy_named")
        return self.section(
            "method", t("eval.method"),
            f"<p>{t('eval.method_status')}</p><p>{t('eval.method_mastery')}</p><p>{t('eval.method_responses')}</p>",
            f"<h3>{t('eval.method_difficulty_h')}</h3>",
            f'<p class="formula"><var>p</var> = ({t("eval.method_correct")}) / <var>n</var></p>',
            f"<p>{t('eval.method_difficulty')}</p>",
            f"<h3>{t('eval.method_discrimination_h')}</h3>",
            '<p class="formula"><var>r</var> = corr(<var>x</var>, <var>y</var>), '
            "<var>y</var> = <var>T</var> − <var>x</var><br><var>r</var><sub>pb</sub> = "
            "(<var>M</var><sub>1</sub> − <var>M</var><sub>0</sub>) / <var>s</var><sub><var>y</var></sub> · "
            "√(<var>p</var>(1 − <var>p</var>))</p>",
            f"<p>{t('eval.method_discrimination')}</p>",
            f"<h3>{t('eval.method_flags_h')}</h3>", "<ul>" + "".join(f"<li>{x}</li>" for x in rules) + "</ul>",
            f"<p>{t('eval.method_min', n=MIN_RESPONSES)}</p>",
            f"<h3>{t('eval.method_privacy_h')}</h3><p>{privacy}</p>")

    def page(self) -> str:
        t = self.t
        programme = self.d.cur.programme
        title = t("eval.title")
        subtitle = escape(text(programme.title, self.lang, self.default)) if programme else ""
        sections = [("summary", t("eval.summary"), self.summary()), ("modules", t("eval.modules"), self.modules()),
                    ("outcomes", t("eval.outcomes"), self.outcomes()), ("items", t("eval.items"), self.items()),
                    ("time", t("eval.time"), self.time()), ("learners", t("eval.learners"), self.learners()),
                    ("method", t("eval.method"), self.method())]
        nav = "".join(f'<li><a href="#{sid}">{name}</a></li>' for sid, name, _ in sections)
        return (f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n<meta charset="utf-8">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>{title}: {subtitle}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
                f"<header><h1>{title}</h1><p>{self.text(programme.title) if programme else ''}</p></header>\n"
                f'<nav aria-label="{t("eval.contents")}"><h2>{t("eval.contents")}</h2><ol>{nav}</ol></nav>\n'
                "<main>\n" + "\n".join(body for _, _, body in sections) + "\n</main>\n"
                f"<footer><p>{t('eval.footer', version=__version__)}</p></footer>\n</body>\n</html>\n")


def render_html(data: ReportData, lang: str) -> str:
    return _Writer(data, lang).page()


def write_pdf(html: str, path: Path) -> None:
    """The report as a tagged PDF (PDF/UA-1), rendered as the certificates are; RendererMissing (with what to
    install) when WeasyPrint cannot run here."""
    from ..credentials.certificate import render_pdf
    path.write_bytes(render_pdf(html))
