// Validation primitives for data that comes from outside (imports, share links, stored state):
// each returns the clean value or throws Invalid with a message key the views translate.

export const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_TEXT = 2000;
export const MAX_LIST = 500;

export class Invalid extends Error {
  constructor(key, params = {}) {
    super(key);
    this.key = key;
    this.params = params;
  }
}

export const isObject = (v) => !!v && typeof v === "object" && !Array.isArray(v);

export function idList(value, where, known) {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_LIST) throw new Invalid("data.bad_field", { field: where });
  return value.map((id) => {
    if (typeof id !== "string" || !ID.test(id)) throw new Invalid("data.bad_field", { field: where });
    if (known && !known.has(id)) throw new Invalid("data.unknown_id", { id, field: where });
    return id;
  });
}

export function idMap(value, where, check) {
  if (value === undefined) return {};
  if (!isObject(value) || Object.keys(value).length > MAX_LIST) throw new Invalid("data.bad_field", { field: where });
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (!ID.test(k)) throw new Invalid("data.bad_field", { field: where });
    out[k] = check(v, `${where}.${k}`);
  }
  return out;
}

export function text(value, where) {
  if (value === undefined) return "";
  if (typeof value !== "string" || value.length > MAX_TEXT) throw new Invalid("data.bad_field", { field: where });
  return value;
}

export function level(v, where) {
  if (!Number.isInteger(v) || v < 0 || v > 10) throw new Invalid("data.bad_field", { field: where });
  return v;
}

export function number(v, where, min, max) {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) throw new Invalid("data.bad_field", { field: where });
  return v;
}

export function date(v, where) {
  const s = text(v, where);
  if (s && !DATE.test(s)) throw new Invalid("data.bad_field", { field: where });
  return s;
}

export function response(v, where) {
  // a quiz response: option id, boolean, list of ids or answers, or a map of pair ids
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return text(v, where);
  if (Array.isArray(v)) {
    if (v.length > 50) throw new Invalid("data.bad_field", { field: where });
    return v.map((x) => text(x, where));
  }
  if (isObject(v)) return idMap(v, where, (x) => text(x, where));
  throw new Invalid("data.bad_field", { field: where });
}

