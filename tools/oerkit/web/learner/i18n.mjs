// UI strings come from the page (the language's catalogue); {name} placeholders are filled in.

export function translate(messages, key, params = {}) {
  const template = messages?.[key];
  if (template === undefined) return key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function formatNumber(value, lang, digits = 1) {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
}

/** A share from 0 to 100 as a whole percentage, as the language writes it ("88%", "88 %"). */
export function formatPercent(value, lang) {
  return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(value / 100);
}

export function formatDate(iso, lang) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d)));
}
