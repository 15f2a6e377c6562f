// Talking to the LMS: find the SCORM 1.2 (API) or 2004 (API_1484_11) object in a parent window and
// wrap it in one small interface. With no LMS, `connect` returns null and the SCO runs as plain pages.

export function findApi(win, version) {
  const name = version === "2004" ? "API_1484_11" : "API";
  for (let w = win, depth = 0; w && depth < 10; depth += 1) {
    try {
      if (w[name]) return w[name];
    } catch { /* a cross-origin frame: keep looking */ }
    if (w.parent && w.parent !== w) w = w.parent;
    else if (w.opener && w.opener !== w) w = w.opener;
    else break;
  }
  return null;
}

export function connect(win, version) {
  const api = findApi(win, version);
  if (!api) return null;
  const v2004 = version === "2004";
  const call = (name12, name2004, ...args) => api[v2004 ? name2004 : name12](...args);
  const ok = String(call("LMSInitialize", "Initialize", "")) === "true";
  if (!ok) return null;
  let open = true;
  return {
    version,
    get: (key) => String(call("LMSGetValue", "GetValue", key) ?? ""),
    set: (key, value) => String(call("LMSSetValue", "SetValue", key, String(value))) === "true",
    commit: () => String(call("LMSCommit", "Commit", "")) === "true",
    terminate: () => {
      if (!open) return false;
      open = false;
      return String(call("LMSFinish", "Terminate", "")) === "true";
    },
  };
}
