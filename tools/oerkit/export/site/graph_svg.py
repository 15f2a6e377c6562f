"""The prerequisite graph drawn as SVG at build time: one row per group, arrows from prerequisite to module."""

from __future__ import annotations

from ...graph import layers
from ...model import Curriculum, text
from .markdown import esc

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 170, 54, 40, 46, 12


def _short(title: str, limit: int = 24) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def prerequisite_svg(cur: Curriculum, lang: str, label: str, link_prefix: str = "") -> str:
    mods = {m.id: m for m in cur.modules_in_order()}
    edges = {mid: [p for p in m.prerequisites if p in mods] for mid, m in mods.items()}
    depth = layers(edges)
    rows: list[list[str]] = []
    placed: set[str] = set()
    for group in (cur.programme.groups if cur.programme else []):
        row = [mid for mid in group.module_ids if mid in mods]
        row.sort(key=lambda mid: (depth.get(mid, 0), group.module_ids.index(mid)))
        if row:
            rows.append(row)
            placed.update(row)
    rest = [mid for mid in mods if mid not in placed]
    if rest:
        rows.append(rest)
    pos: dict[str, tuple[int, int]] = {}
    for r, row in enumerate(rows):
        for c, mid in enumerate(row):
            pos[mid] = (MARGIN + c * (BOX_W + GAP_X), MARGIN + r * (BOX_H + GAP_Y))
    width = MARGIN * 2 + max((len(r) for r in rows), default=1) * (BOX_W + GAP_X) - GAP_X
    height = MARGIN * 2 + max(len(rows), 1) * (BOX_H + GAP_Y) - GAP_Y
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="oerkit-prereq" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" aria-labelledby="prereq-title prereq-desc">',
             f'<title id="prereq-title">{esc(label)}</title>']
    described = [f"{mid} ← {', '.join(edges[mid])}" for mid in mods if edges[mid]]
    parts.append(f'<desc id="prereq-desc">{esc("; ".join(described))}</desc>')
    parts.append('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
                 'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#37474f"/></marker></defs>')
    for mid in mods:
        for pre in edges[mid]:
            (x1, y1), (x2, y2) = pos[pre], pos[mid]
            if y1 == y2:
                sx, sy, ex, ey = (x1 + BOX_W, y1 + BOX_H / 2, x2, y2 + BOX_H / 2) if x2 > x1 else \
                    (x1, y1 + BOX_H / 2, x2 + BOX_W, y2 + BOX_H / 2)
                cy = sy - (BOX_H * 0.9 if abs(x2 - x1) > BOX_W + GAP_X else 0)
                parts.append(f'<path d="M {sx:g} {sy:g} Q {(sx + ex) / 2:g} {cy:g} {ex:g} {ey:g}" fill="none" '
                             'stroke="#37474f" stroke-width="1.6" marker-end="url(#arrow)"/>')
            else:
                down = y2 > y1
                sx, sy = x1 + BOX_W / 2, y1 + (BOX_H if down else 0)
                ex, ey = x2 + BOX_W / 2, y2 + (0 if down else BOX_H)
                parts.append(f'<path d="M {sx:g} {sy:g} C {sx:g} {(sy + ey) / 2:g} {ex:g} {(sy + ey) / 2:g} {ex:g} {ey:g}" '
                             'fill="none" stroke="#37474f" stroke-width="1.6" marker-end="url(#arrow)"/>')
    for mid, mod in mods.items():
        x, y = pos[mid]
        title = text(mod.title, lang, cur.default_language)
        parts.append(f'<a href="{link_prefix}modules/{esc(mod.slug)}/index.html"><title>{esc(mid + " " + title)}</title>'
                     f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="#e8eaf6" stroke="#283593"/>'
                     f'<text x="{x + 8}" y="{y + 21}" font-size="15" font-weight="bold" fill="#1a237e">{esc(mid)}</text>'
                     f'<text x="{x + 8}" y="{y + 42}" font-size="13" fill="#212121">{esc(_short(title))}</text></a>')
    parts.append("</svg>")
    return "".join(parts)
