"""Small SVG charts for the evaluation report, drawn as text: horizontal bars, stacked bars and an item map.

Every chart has a <title> and a <desc> (its text alternative, referenced by aria-labelledby); the report
also gives the same figures as a table. Labels are escaped; coordinates have fixed decimals, so the same
data gives the same bytes.
"""

from __future__ import annotations

from html import escape

INK = "#212121"
GRID = "#cfd8dc"
BAR = "#3f51b5"
FONT = 'font-family="sans-serif"'


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _label(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _open(chart_id: str, width: float, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" width="{_num(width)}" '
        f'height="{_num(height)}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" {FONT}>',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def bar_chart(chart_id: str, title: str, desc: str, rows: list[tuple[str, float | None, str]],
              axis: list[tuple[float, str]]) -> str:
    """rows: (label, share 0..1 or None for no data, value text); axis: (share, tick label)."""
    row_h, label_w, bar_w, top, left = 24, 280, 300, 8, 4
    width = left + label_w + bar_w + 70
    height = top + len(rows) * row_h + 24
    x = lambda v: left + label_w + bar_w * v  # noqa: E731
    out = _open(chart_id, width, height, title, desc)
    for share, tick in axis:
        out.append(f'<line x1="{_num(x(share))}" y1="{top}" x2="{_num(x(share))}" y2="{top + len(rows) * row_h}" '
                   f'stroke="{GRID}"/><text x="{_num(x(share))}" y="{top + len(rows) * row_h + 16}" font-size="12" '
                   f'text-anchor="middle" fill="{INK}">{escape(tick)}</text>')
    for i, (label, share, text) in enumerate(rows):
        y = top + i * row_h
        out.append(f'<text x="{left}" y="{y + 16}" font-size="13" fill="{INK}">{escape(_label(label))}</text>')
        if share is not None and share > 0:
            out.append(f'<rect x="{_num(x(0))}" y="{y + 4}" width="{_num(bar_w * share)}" height="16" fill="{BAR}"/>')
        out.append(f'<text x="{_num(x(share or 0) + 6)}" y="{y + 16}" font-size="12" fill="{INK}">'
                   f"{escape(text)}</text>")
    out.append("</svg>")
    return "".join(out)


def stacked_bar_chart(chart_id: str, title: str, desc: str, series: list[tuple[str, str, str]],
                      rows: list[tuple[str, list[int]]]) -> str:
    """series: (name, fill, text colour); rows: (label, one count per series). Each bar is one row's
    total; a segment shows its count when there is room."""
    row_h, label_w, bar_w, left = 26, 200, 420, 4
    top = 30
    width = left + label_w + bar_w + 10
    height = top + len(rows) * row_h + 8
    out = _open(chart_id, width, height, title, desc)
    lx = left
    for name, fill, _ in series:
        out.append(f'<rect x="{lx}" y="6" width="14" height="14" fill="{fill}" stroke="{INK}" stroke-width="0.5"/>'
                   f'<text x="{lx + 19}" y="18" font-size="12" fill="{INK}">{escape(name)}</text>')
        lx += 19 + 7.2 * len(name) + 18
    for i, (label, counts) in enumerate(rows):
        y = top + i * row_h
        out.append(f'<text x="{left}" y="{y + 17}" font-size="13" fill="{INK}">{escape(_label(label, 26))}</text>')
        total = sum(counts)
        x = left + label_w
        for (name, fill, ink), count in zip(series, counts):
            if not total or not count:
                continue
            w = bar_w * count / total
            out.append(f'<rect x="{_num(x)}" y="{y + 4}" width="{_num(w)}" height="18" fill="{fill}"/>')
            if w >= 8 * len(str(count)) + 6:
                out.append(f'<text x="{_num(x + w / 2)}" y="{y + 17}" font-size="12" text-anchor="middle" '
                           f'fill="{ink}">{count}</text>')
            x += w
    out.append("</svg>")
    return "".join(out)


def item_map(chart_id: str, title: str, desc: str, points: list[tuple[str, float, float, bool]],
             x_label: str, y_label: str, x_lines: list[float], y_lines: list[float], tick=_num) -> str:
    """A scatter of items: points (label, difficulty 0..1, discrimination -1..1, flagged). Flagged items are
    red squares, the others blue circles, so the shape tells them apart without colour; dashed lines
    mark the flag thresholds. `tick(value)` writes the axis numbers (e.g. with a decimal comma)."""
    left, top, w, h = 48, 10, 420, 260
    width, height = left + w + 20, top + h + 44
    x = lambda v: left + w * v  # noqa: E731
    y = lambda v: top + h * (1 - v) / 2  # noqa: E731  (-1 at the bottom, +1 at the top)
    out = _open(chart_id, width, height, title, desc)
    out.append(f'<rect x="{left}" y="{top}" width="{w}" height="{h}" fill="none" stroke="{GRID}"/>')
    for v in (0, 0.25, 0.5, 0.75, 1):
        out.append(f'<text x="{_num(x(v))}" y="{top + h + 16}" font-size="11" text-anchor="middle" '
                   f'fill="{INK}">{escape(tick(v))}</text>')
    for v in (-1, -0.5, 0, 0.5, 1):
        out.append(f'<text x="{left - 6}" y="{_num(y(v) + 4)}" font-size="11" text-anchor="end" '
                   f'fill="{INK}">{escape(tick(v))}</text>')
    for v in x_lines:
        out.append(f'<line x1="{_num(x(v))}" y1="{top}" x2="{_num(x(v))}" y2="{top + h}" stroke="#757575" '
                   'stroke-dasharray="4 3"/>')
    for v in y_lines:
        out.append(f'<line x1="{left}" y1="{_num(y(v))}" x2="{left + w}" y2="{_num(y(v))}" stroke="#757575" '
                   'stroke-dasharray="4 3"/>')
    out.append(f'<text x="{_num(left + w / 2)}" y="{top + h + 34}" font-size="12" text-anchor="middle" '
               f'fill="{INK}">{escape(x_label)}</text>')
    out.append(f'<text x="12" y="{_num(top + h / 2)}" font-size="12" text-anchor="middle" fill="{INK}" '
               f'transform="rotate(-90 12 {_num(top + h / 2)})">{escape(y_label)}</text>')
    for label, p, r, flagged in points:
        px, py = x(p), y(r)
        if flagged:
            out.append(f'<rect x="{_num(px - 5)}" y="{_num(py - 5)}" width="10" height="10" fill="#b71c1c"/>')
        else:
            out.append(f'<circle cx="{_num(px)}" cy="{_num(py)}" r="5" fill="{BAR}"/>')
        anchor = "end" if p > 0.85 else "start"
        dx = -8 if anchor == "end" else 8
        out.append(f'<text x="{_num(px + dx)}" y="{_num(py - 6)}" font-size="11" text-anchor="{anchor}" '
                   f'fill="{INK}">{escape(label)}</text>')
    out.append("</svg>")
    return "".join(out)
