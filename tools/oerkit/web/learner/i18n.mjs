// UI strings come from the page (the language's catalogue); {name} placeholders are filled in.

export function translate(messages, key, params = {}) {
  const template = messages?.[key];
  if (template === undefined) return key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function formatNumber(value, lang) {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value);
}

export function formatDate(iso, lang) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d)));
}
