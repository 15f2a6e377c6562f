"""The pages generated from the model, as Markdown, one function per page and language."""

from __future__ import annotations

from ...licences import LICENCE_URLS
from ...locales import Messages
from ...model import Curriculum, Module, text
from ..__init__ import Artifact
from . import toolkit
from .downloads import SIZE_ATTR
from .graph_svg import prerequisite_svg
from .markdown import anchor, definitions, esc, fmt_number, table


class PageContext:
    """What a page function needs: the model, the language, UI strings and link helpers."""

    def __init__(self, cur: Curriculum, lang: str, artifacts: list[Artifact]):
        self.cur = cur
        self.lang = lang
        self.t = Messages(lang, cur.default_language)
        self.artifacts = artifacts

    def tx(self, value) -> str:
        return text(value, self.lang, self.cur.default_language)

    def num(self, value: float) -> str:
        return fmt_number(value, self.lang)

    def module_link(self, mid: str, from_root: bool = True) -> str:
        mod = self.cur.modules.get(mid)
        if mod is None:
            return f"{mid} ({self.t('programme.planned')})"
        prefix = "" if from_root else "../../"
        return f"[{mid} {self.tx(mod.title)}]({prefix}modules/{mod.slug}/index.md)"


def home(pc: PageContext) -> str:
    cur, t = pc.cur, pc.t
    prog = cur.programme
    hours = sum(m.hours for m in cur.modules.values())
    out = [f"# {pc.tx(prog.title)}", ""]
    if prog.subtitle:
        out += [f"*{pc.tx(prog.subtitle)}*", ""]
    out += [pc.tx(prog.description), "", f"## {t('home.at_a_glance')}", "",
            t("home.figures", modules=len(cur.modules), groups=len(prog.groups), hours=pc.num(hours),
              credits=pc.num(cur.credits(hours)), eqf=prog.eqf_level), ""]
    out += [f"## {t('home.start_here')}", "",
            f"- [{t('nav.self_assessment')}](self-assessment.md): {t('home.start_assessment')}",
            f"- [{t('nav.journey_planner')}](journey-planner.md): {t('home.start_planner')}",
            f"- [{t('nav.programme')}](programme.md): {t('home.start_programme')}",
            f"- [{t('nav.competences')}](competences.md): {t('home.start_framework')}",
            f"- [{t('nav.outcomes')}](outcomes.md): {t('home.start_outcomes')}", ""]
    for group in prog.groups:
        out += [f"## {pc.tx(group.title)}", "", pc.tx(group.description), ""]
        out += [f"- {pc.module_link(mid)}" for mid in group.module_ids]
        out.append("")
    out += [t("home.licence", licence=f"[{prog.licence}]({LICENCE_URLS.get(prog.licence, '')})"
              if prog.licence in LICENCE_URLS else prog.licence), ""]
    return "\n".join(out)


def programme(pc: PageContext) -> str:
    cur, t = pc.cur, pc.t
    prog = cur.programme
    hours = sum(m.hours for m in cur.modules.values())
    out = [f"# {t('programme.title')}", "",
           t("programme.intro", modules=len(cur.modules), groups=len(prog.groups), hours=pc.num(hours)), "",
           t("programme.credits", ects=pc.num(cur.credits(hours)), per_ects=pc.num(prog.hours_per_ects_credit),
             ecvet=pc.num(round(hours / prog.hours_per_ecvet_point, 1)), per_ecvet=pc.num(prog.hours_per_ecvet_point),
             eqf=prog.eqf_level), ""]
    for group in prog.groups:
        mods = [cur.modules[mid] for mid in group.module_ids if mid in cur.modules]
        g_hours = sum(m.hours for m in mods)
        out += [f"## {group.id} {pc.tx(group.title)}", "", pc.tx(group.description), "",
                t("programme.group_hours", hours=pc.num(g_hours), credits=pc.num(cur.credits(g_hours))), ""]
        rows = []
        for mid in group.module_ids:
            mod = cur.modules.get(mid)
            if mod is None:
                rows.append([mid, f"*{t('programme.planned')}*", "", "", ""])
                continue
            prereq = ", ".join(pc.module_link(p) for p in mod.prerequisites) or t("module.no_prerequisites")
            rows.append([mid, f"[{pc.tx(mod.title)}](modules/{mod.slug}/index.md)", pc.num(mod.hours),
                         pc.num(cur.credits(mod.hours)), prereq])
        out += [table([t("col.module"), t("col.title"), t("col.hours"), t("col.credits"), t("col.prerequisites")],
                      rows), ""]
    books = [a for a in pc.artifacts if a.module is None and a.lang == pc.lang]
    if books:
        up = "" if pc.lang == cur.default_language else "../"
        out += [f"## {t('programme.downloads')}", "", t("programme.downloads_intro"), ""]
        out += [download_item(a, up) for a in books]
        out.append("")
    out += [f"## {t('programme.graph_title')}", "", t("programme.graph_intro"), "",
            '<div class="oerkit-graph" markdown="0">',
            prerequisite_svg(cur, pc.lang, t("programme.graph_alt"), link_prefix=""), "</div>", ""]
    return "\n".join(out)


def download_item(a: Artifact, up: str) -> str:
    """A download link; its size is filled in once the file exists (downloads.fill_sizes), since the site is
    built while the exports are still being written."""
    return (f'- <a href="{up}{esc(a.path)}" download>{esc(a.format)}</a> '
            f'<span class="oerkit-size" {SIZE_ATTR}="{esc(a.path)}"></span>')


def competences(pc: PageContext) -> str:
    cur, t = pc.cur, pc.t
    fw = cur.framework
    out = [f"# {t('competences.title')}", ""]
    if fw is None:
        return "\n".join(out)
    if fw.description:
        out += [pc.tx(fw.description), ""]
    out += [f"## {t('competences.scale')}", "",
            table([t("col.level"), t("col.label"), t("col.descriptor"), t("col.can_do")],
                  [[s.level, pc.tx(s.label), pc.tx(s.descriptor), pc.tx(s.can_do)] for s in fw.scale]), ""]
    labels = {s.level: pc.tx(s.label) for s in fw.scale}
    for area in fw.areas:
        out += [f"## {area.id} {pc.tx(area.title)}", ""]
        if area.description:
            out += [pc.tx(area.description), ""]
        for c in area.competences:
            out += [f'### {c.id} {pc.tx(c.title)} {{#{anchor("c", c.id)}}}', "", pc.tx(c.description), ""]
            out += [table([t("col.level"), t("col.descriptor")],
                          [[f"{lv} {labels.get(lv, '')}", pc.tx(d)] for lv, d in sorted(c.levels.items())]), ""]
            if c.alignments:
                out += [t("competences.alignments"), ""]
                out += [f"- {a.framework}: {a.ref}" + (f" ({a.note})" if a.note else "") for a in c.alignments]
                out.append("")
    profile = cur.profile
    if profile:
        out += [f"## {t('competences.profile', title=pc.tx(profile.title))}", "", pc.tx(profile.description), "",
                t("competences.profile_intro"), ""]
        comps = cur.competences
        rows = [[f"[{tg.competence} {pc.tx(comps[tg.competence].title)}](#{anchor('c', tg.competence)})"
                 if tg.competence in comps else tg.competence,
                 f"{tg.level} {labels.get(tg.level, '')}", tg.criticality, pc.tx(tg.rationale)]
                for tg in profile.targets]
        out += [table([t("col.competence"), t("col.target"), t("col.criticality"), t("col.rationale")], rows), ""]
    return "\n".join(out)


def _outcome_rows(pc: PageContext, outcome_ids: list[str]) -> list[list]:
    cur, t = pc.cur, pc.t
    rows = []
    for oid in outcome_ids:
        o = cur.outcomes.get(oid)
        if o is None:
            continue
        comps = ", ".join(f"[{c}](competences.md#{anchor('c', c)})" for c in o.competences)
        rows.append([f'<span id="{anchor("lo", oid)}"></span>{oid}', pc.tx(o.statement), comps,
                     t(f"bloom.{o.bloom}"), t(f"domain.{o.eqf_domain}")])
    return rows


def outcomes(pc: PageContext) -> str:
    cur, t = pc.cur, pc.t
    headers = [t("col.id"), t("col.outcome"), t("col.competences"), t("col.bloom"), t("col.domain")]
    out = [f"# {t('outcomes.title')}", "", t("outcomes.intro"), ""]
    for mod in cur.modules_in_order():
        out += [f"## {pc.module_link(mod.id)}", "", table(headers, _outcome_rows(pc, mod.outcomes)), ""]
    taught = {oid for m in cur.modules.values() for oid in m.outcomes}
    rest = sorted(o for o in cur.outcomes if o not in taught)
    if rest:
        out += [f"## {t('outcomes.untaught')}", "", table(headers, _outcome_rows(pc, rest)), ""]
    return "\n".join(out)


def coverage(pc: PageContext) -> str:
    """Competences x modules as an HTML heatmap; the counts are in the cells, not only the colour."""
    cur, t = pc.cur, pc.t
    mods = cur.modules_in_order()
    counts = {(c, m.id): sum(1 for oid in m.outcomes if oid in cur.outcomes and c in cur.outcomes[oid].competences)
              for c in cur.competences for m in mods}
    top = max(counts.values(), default=0) or 1
    head = "".join(f'<th scope="col"><a href="modules/{m.slug}/index.html" title="{esc(pc.tx(m.title))}">{esc(m.id)}</a></th>'
                   for m in mods)
    rows = []
    for cid, comp in cur.competences.items():
        cells = []
        for m in mods:
            n = counts[(cid, m.id)]
            level = 0 if n == 0 else 1 + min(3, int(3 * n / top))
            label = esc(t("coverage.cell", count=n, module=m.id, competence=cid))
            cells.append(f'<td class="heat-{level}" aria-label="{label}">{n or ""}</td>')
        rows.append(f'<tr><th scope="row"><a href="competences.html#{anchor("c", cid)}">{esc(cid)}</a> '
                    f'{esc(pc.tx(comp.title))}</th>{"".join(cells)}</tr>')
    return "\n".join([
        f"# {t('coverage.title')}", "", t("coverage.intro"), "",
        '<div class="oerkit-coverage" markdown="0"><table class="oerkit-heatmap">',
        f"<caption>{esc(t('coverage.caption'))}</caption>",
        f'<thead><tr><th scope="col">{esc(t("col.competence"))}</th>{head}</tr></thead>',
        "<tbody>", *rows, "</tbody></table></div>", ""])


def glossary(pc: PageContext) -> str:
    cur, t = pc.cur, pc.t
    out = [f"# {t('glossary.title')}", "", t("glossary.intro"), ""]
    terms = sorted(cur.glossary.values(), key=lambda g: pc.tx(g.term).casefold())
    for g in terms:
        out += [f'## {pc.tx(g.term)} {{#{anchor("term", g.id)}}}', "", pc.tx(g.definition), ""]
        if g.modules:
            out += [t("glossary.taught_in") + " " + ", ".join(pc.module_link(mid) for mid in g.modules), ""]
    return "\n".join(out)


def module_landing(pc: PageContext, mod: Module) -> str:
    cur, t = pc.cur, pc.t
    group = next((g for g in cur.programme.groups if g.id == mod.group), None) if cur.programme else None
    prereq = ", ".join(pc.module_link(p, from_root=False) for p in mod.prerequisites) or t("module.no_prerequisites")
    licence = f"[{mod.licence}]({LICENCE_URLS[mod.licence]})" if mod.licence in LICENCE_URLS else mod.licence
    out = [f"# {mod.id} {pc.tx(mod.title)}", "", pc.tx(mod.summary), "",
           *definitions([
               (t("module.group"), f"{mod.group} {pc.tx(group.title) if group else ''}"),
               (t("module.workload"), t("module.workload_value", hours=pc.num(mod.hours),
                                        credits=pc.num(cur.credits(mod.hours)))),
               (t("module.prerequisites"), prereq),
               (t("module.version"), mod.version),
               (t("module.licence"), licence),
               (t("module.authors"), ", ".join(a.name + (f" ({a.affiliation})" if a.affiliation else "")
                                              for a in mod.authors)),
           ]), ""]
    keywords = mod.keywords.get(pc.lang) or mod.keywords.get(cur.default_language) or []
    if keywords:
        out += [f"{t('module.keywords')}: {', '.join(keywords)}", ""]
    out += [f"## {t('module.outcomes')}", "", t("module.outcomes_intro"), ""]
    for oid in mod.outcomes:
        o = cur.outcomes.get(oid)
        if o:
            out.append(f"- [{oid}](../../outcomes.md#{anchor('lo', oid)}): {pc.tx(o.statement)}")
    out += ["", f"## {t('module.pages')}", ""]
    for i, page in enumerate(mod.pages, 1):
        out.append(f"{i}. [{esc(page_title(page, pc.lang))}]({page.stem}.md)")
    out += ["", f"## {t('module.activities')}", ""]
    strategies = []
    for a in mod.activities:
        if a.strategy not in strategies:
            strategies.append(a.strategy)
    for strategy in strategies:
        out += [f"### {t('strategy.' + strategy)}", ""]
        for a in (x for x in mod.activities if x.strategy == strategy):
            out += [f"#### {pc.tx(a.title)}", "",
                    f"*{t('module.activity_meta', strategy=t('strategy.' + a.strategy), minutes=a.duration_minutes)}*"
                    + (f" · {t('module.group_size', size=a.group_size)}" if a.group_size else ""), "",
                    pc.tx(a.instructions), "", f"**{t('module.expected_output')}** {pc.tx(a.output)}", ""]
            if a.tool:
                name = a.tool.strip("/").split("/")[-1]
                page = toolkit.available(cur).get(name)
                out += [f"{t('module.uses_tool')} [{t('tool.' + name)}](../../{page})" if page
                        else f"{t('module.uses_tool')} {t('tool.' + name)}", ""]
    out += [f"## {t('module.quiz')}", ""]
    bank = cur.quizzes.get(mod.id)
    out += [f"[{t('module.quiz_link', count=len(bank.items))}](quiz.md)" if bank else t("module.no_quiz"), ""]
    out += [f"## {t('module.downloads')}", ""]
    mine = [a for a in pc.artifacts if a.module == mod.id and a.lang == pc.lang]
    if mine:
        # downloads join the site after MkDocs has built it: plain HTML links, relative to the site root
        up = "../../" if pc.lang == cur.default_language else "../../../"
        out += [download_item(a, up) for a in mine]
        for note in sorted({a.note for a in mine if a.format == "H5P" and a.note}):
            out += ["", t("module.h5p_note", libraries=note)]
        if any(a.format in ("Moodle XML", "GIFT", "H5P") for a in mine):
            out += ["", t("module.quiz_report", report=f'<a href="{up}downloads/quiz/export-report.txt">export-report.txt</a>')]
    else:
        out.append(t("module.no_downloads"))
    out.append("")
    if mod.references:
        out += [f"## {t('module.references')}", ""]
        for r in mod.references:
            link = f" <https://doi.org/{r.doi}>" if r.doi else (f" <{r.url}>" if r.url else "")
            out.append(f"- {r.text}{link}")
        out.append("")
    return "\n".join(out)


def page_title(page, lang: str) -> str:
    from ...markdown_source import first_heading, read_markdown
    path = page.translations.get(lang, page.path)
    return first_heading(read_markdown(path).body) or page.stem


def module_jsonld(cur: Curriculum, mod: Module, lang: str) -> dict:
    """schema.org LearningResource metadata for a module page."""
    prog = cur.programme
    tx = lambda v: text(v, lang, cur.default_language)  # noqa: E731
    hours = mod.hours
    duration = f"PT{int(hours)}H" + (f"{int(round((hours % 1) * 60))}M" if hours % 1 else "")
    return {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "identifier": f"{prog.id if prog else 'module'}-{mod.id}",
        "name": tx(mod.title),
        "description": tx(mod.summary),
        "inLanguage": lang,
        "learningResourceType": "module",
        "educationalLevel": f"EQF level {prog.eqf_level}" if prog else "",
        "timeRequired": duration,
        "license": LICENCE_URLS.get(mod.licence, mod.licence),
        "version": mod.version,
        "keywords": ", ".join(mod.keywords.get(lang) or mod.keywords.get(cur.default_language) or []),
        "author": [{"@type": "Person" if a.orcid else "Organization", "name": a.name} for a in mod.authors],
        "teaches": [tx(cur.outcomes[o].statement) for o in mod.outcomes if o in cur.outcomes],
        "competencyRequired": [f"{p}" for p in mod.prerequisites],
        "isPartOf": {"@type": "Course", "name": tx(prog.title)} if prog else None,
    }
