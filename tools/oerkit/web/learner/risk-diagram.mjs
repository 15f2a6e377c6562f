// A risk scenario as a small diagram (an SVG string): its factors as boxes in a row, an arrow from each to
// the next, and for a vicious cycle a return arrow from the last box back to the first. The page shows the
// same chain as text beside it.

import { escapeXml } from "./chart.mjs";

const WIDTH = 720, PAD = 6, GAP = 30, LINE = 15, CHAR = 6.6, FONT = 12;

/** Break a label into lines of at most `max` characters, at spaces; longer words are cut with a hyphen. */
export function wrapLabel(label, max) {
  const lines = [];
  let line = "";
  for (let word of String(label).trim().split(/\s+/)) {
    while (word.length > max) {
      if (line) { lines.push(line); line = ""; }
      lines.push(word.slice(0, max - 1) + "-");
      word = word.slice(max - 1);
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= max) line += ` ${word}`;
    else { lines.push(line); line = word; }
  }
  if (line) lines.push(line);
  return lines;
}

const arrowHead = (x, y, dir) => {
  // a small filled triangle with its tip at (x, y), pointing right ("r") or up ("u")
  const pts = dir === "r" ? [[x, y], [x - 8, y - 5], [x - 8, y + 5]] : [[x, y], [x - 5, y + 8], [x + 5, y + 8]];
  return pts.map(([a, b]) => `${a},${b}`).join(" ");
};

/** labels: the factors in causal order; options: {cycle, id (unique in the page), title (accessible name)}. */
export function chainDiagram(labels, { cycle = false, id, title }) {
  const n = labels.length;
  const boxW = (WIDTH - 2 * PAD - GAP * (n - 1)) / n;
  const lines = labels.map((l) => wrapLabel(l, Math.max(6, Math.floor((boxW - 10) / CHAR))));
  const boxH = Math.max(...lines.map((l) => l.length)) * LINE + 14;
  const top = PAD;
  const height = top + boxH + (cycle ? 34 : PAD);
  const left = (i) => PAD + i * (boxW + GAP);
  const mid = top + boxH / 2;
  const r = (v) => Math.round(v * 10) / 10;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${r(height)}" width="${WIDTH}" height="${r(height)}" role="img" aria-labelledby="${id}-title" class="oerkit-risk-svg">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
  ];
  lines.forEach((boxLines, i) => {
    const x = left(i);
    out.push(`<rect x="${r(x)}" y="${top}" width="${r(boxW)}" height="${boxH}" rx="6" fill="#e8eaf6" stroke="#3f51b5" stroke-width="1.5"/>`);
    const first = mid - ((boxLines.length - 1) * LINE) / 2 + FONT / 3;
    out.push(`<text font-size="${FONT}" text-anchor="middle" fill="#000">${boxLines.map((line, k) =>
      `<tspan x="${r(x + boxW / 2)}" y="${r(first + k * LINE)}">${escapeXml(line)}</tspan>`).join("")}</text>`);
    if (i < n - 1) {
      const x1 = x + boxW + 3, x2 = left(i + 1) - 3;
      out.push(`<line x1="${r(x1)}" y1="${r(mid)}" x2="${r(x2 - 6)}" y2="${r(mid)}" stroke="#212121" stroke-width="2"/>`,
        `<polygon points="${arrowHead(r(x2), r(mid), "r")}" fill="#212121"/>`);
    }
  });
  if (cycle) {
    const from = left(n - 1) + boxW / 2, to = left(0) + boxW / 2, bottom = top + boxH, low = bottom + 22;
    out.push(`<path d="M${r(from)} ${bottom + 3} V${low} H${r(to)} V${bottom + 9}" fill="none" stroke="#b71c1c" stroke-width="2.5"/>`,
      `<polygon points="${arrowHead(r(to), bottom + 2, "u")}" fill="#b71c1c"/>`);
  }
  out.push("</svg>");
  return out.join("");
}
