// A horizontal bar chart of current and target levels per competence, as an SVG string.
// Drawn by our own code: every label is escaped; the same data is also shown as a table.

export function escapeXml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/**
 * rows: [{id, label, current (or null), target (or null)}], maxLevel, labels: {title, current, target (optional)},
 * step: the distance between grid lines (1 for levels; 25 for a 0-100 score, say)
 * Bars show the current level; a dark tick marks the target; a gap is the distance between them.
 */
export function levelChart(rows, maxLevel, labels, step = 1) {
  const rowH = 26, labelW = 300, barW = 320, top = 34, left = 8;
  const width = left + labelW + barW + 40;
  const height = top + rows.length * rowH + 28;
  const x = (level) => left + labelW + (barW * level) / maxLevel;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="oerkit-chart-title">`,
    `<title id="oerkit-chart-title">${escapeXml(labels.title)}</title>`,
    `<rect x="${left}" y="4" width="14" height="14" fill="#3f51b5"/><text x="${left + 20}" y="16" font-size="13">${escapeXml(labels.current)}</text>`,
  ];
  if (labels.target) {
    out.push(`<rect x="${left + 180}" y="4" width="4" height="14" fill="#212121"/><text x="${left + 190}" y="16" font-size="13">${escapeXml(labels.target)}</text>`);
  }
  for (let level = 0; level <= maxLevel; level += step) {
    out.push(`<line x1="${x(level)}" y1="${top - 6}" x2="${x(level)}" y2="${top + rows.length * rowH}" stroke="#cfd8dc"/>`,
      `<text x="${x(level)}" y="${top + rows.length * rowH + 18}" font-size="12" text-anchor="middle">${level}</text>`);
  }
  rows.forEach((row, i) => {
    const y = top + i * rowH;
    const label = row.label.length > 44 ? row.label.slice(0, 43) + "…" : row.label;
    out.push(`<text x="${left}" y="${y + 16}" font-size="13">${escapeXml(label)}</text>`);
    if (row.current !== null && row.current !== undefined) {
      out.push(`<rect x="${x(0)}" y="${y + 4}" width="${x(row.current) - x(0)}" height="16" fill="#3f51b5"/>`);
    }
    if (row.target !== null && row.target !== undefined) {
      out.push(`<rect x="${x(row.target) - 2}" y="${y + 1}" width="4" height="22" fill="#212121"/>`);
    }
  });
  out.push("</svg>");
  return out.join("");
}
