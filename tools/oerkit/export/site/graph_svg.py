"""The prerequisite graph drawn as SVG at build time: one column per group, modules in teaching order,
arrows from prerequisite to module."""

from __future__ import annotations

from ...model import Curriculum, text
from .markdown import esc

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 168, 54, 52, 30, 12


def _short(title: str, limit: int = 24) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def prerequisite_svg(cur: Curriculum, lang: str, label: str, link_prefix: str = "") -> str:
    mods = {m.id: m for m in cur.modules_in_order()}
    edges = {mid: [p for p in m.prerequisites if p in mods] for mid, m in mods.items()}
    rows: list[list[str]] = []
    placed: set[str] = set()
    for group in (cur.programme.groups if cur.programme else []):
        row = [mid for mid in group.module_ids if mid in mods]
        if row:
            rows.append(row)
            placed.update(row)
    rest = [mid for mid in mods if mid not in placed]
    if rest:
        rows.append(rest)
    pos: dict[str, tuple[int, int]] = {}
    for c, column in enumerate(rows):
        for r, mid in enumerate(column):
            pos[mid] = (MARGIN + c * (BOX_W + GAP_X), MARGIN + r * (BOX_H + GAP_Y))
    width = MARGIN * 2 + max(len(rows), 1) * (BOX_W + GAP_X) - GAP_X
    height = MARGIN * 2 + max((len(r) for r in rows), default=1) * (BOX_H + GAP_Y) - GAP_Y
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="oerkit-prereq" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" aria-labelledby="prereq-title prereq-desc">',
             f'<title id="prereq-title">{esc(label)}</title>']
    described = [f"{mid} ← {', '.join(edges[mid])}" for mid in mods if edges[mid]]
    parts.append(f'<desc id="prereq-desc">{esc("; ".join(described))}</desc>')
    parts.append('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
                 'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#37474f"/></marker></defs>')
    for mid in mods:
        for pre in edges[mid]:
            parts.append(f'<path d="{_edge(pos[pre], pos[mid])}" fill="none" stroke="#37474f" stroke-width="1.6" '
                         'marker-end="url(#arrow)"/>')
    for mid, mod in mods.items():
        x, y = pos[mid]
        title = text(mod.title, lang, cur.default_language)
        parts.append(f'<a href="{link_prefix}modules/{esc(mod.slug)}/index.html"><title>{esc(mid + " " + title)}</title>'
                     f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#e8eaf6" stroke="#283593"/>'
                     f'<text x="{x + 8}" y="{y + 21}" font-size="15" font-weight="bold" fill="#1a237e">{esc(mid)}</text>'
                     f'<text x="{x + 8}" y="{y + 42}" font-size="13" fill="#212121">{esc(_short(title))}</text></a>')
    parts.append("</svg>")
    return "".join(parts)


def _edge(a: tuple[int, int], b: tuple[int, int]) -> str:
    """An SVG path from box a (the prerequisite) to box b that does not cross other boxes."""
    (x1, y1), (x2, y2) = a, b
    if x1 == x2:  # same group: straight down to the next box, or around the side when skipping boxes
        if abs(y2 - y1) == BOX_H + GAP_Y:
            top, bottom = (y1 + BOX_H, y2) if y2 > y1 else (y1, y2 + BOX_H)
            return f"M {x1 + BOX_W / 2:g} {top:g} L {x2 + BOX_W / 2:g} {bottom:g}"
        sx, sy, ey = x1 + BOX_W, y1 + BOX_H / 2, y2 + BOX_H / 2
        bulge = sx + GAP_X * 0.45
        return f"M {sx:g} {sy:g} C {bulge:g} {sy:g} {bulge:g} {ey:g} {sx:g} {ey:g}"
    forward = x2 > x1  # to a group further right
    sx, ex = (x1 + BOX_W, x2) if forward else (x1, x2 + BOX_W)
    sy, ey = y1 + BOX_H / 2, y2 + BOX_H / 2
    mid = (sx + ex) / 2
    return f"M {sx:g} {sy:g} C {mid:g} {sy:g} {mid:g} {ey:g} {ex:g} {ey:g}"
