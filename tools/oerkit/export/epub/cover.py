"""A generated cover: the title on a plain background, as SVG (no fonts or images to fetch)."""

from __future__ import annotations

import textwrap
from xml.sax.saxutils import escape


def cover_svg(title: str, subtitle: str, lang: str) -> str:
    lines = textwrap.wrap(title, 22)[:5]
    sub = textwrap.wrap(subtitle, 42)[:6]
    title_text = "".join(f'<tspan x="80" dy="{0 if i == 0 else 84}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    sub_text = "".join(f'<tspan x="80" dy="{0 if i == 0 else 44}">{escape(line)}</tspan>' for i, line in enumerate(sub))
    sub_y = 420 + 84 * len(lines) + 60
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 1800" width="1200" height="1800" '
            f'xml:lang="{lang}" role="img" aria-label="{escape(title)}">'
            f'<title>{escape(title)}</title>'
            '<rect width="1200" height="1800" fill="#283593"/><rect x="0" y="1500" width="1200" height="300" fill="#1a237e"/>'
            '<rect x="80" y="300" width="160" height="12" fill="#ffb300"/>'
            f'<text x="80" y="420" font-family="sans-serif" font-size="72" font-weight="bold" fill="#ffffff">{title_text}</text>'
            f'<text x="80" y="{sub_y}" font-family="sans-serif" font-size="34" fill="#e8eaf6">{sub_text}</text>'
            '<text x="80" y="1660" font-family="sans-serif" font-size="36" fill="#ffffff">CC BY-SA 4.0</text>'
            "</svg>")
