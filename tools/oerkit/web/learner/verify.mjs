// Check an Open Badges 3.0 credential offline: its eddsa-jcs-2022 signature (W3C Data Integrity EdDSA
// Cryptosuites) against the public key of the issuer this site expects, then its validity dates. The same checks,
// in the same order, as oerkit/credentials/badge.py (check_credential). No DOM here; WebCrypto does the Ed25519.

export const MAX_BYTES = 1_000_000;
const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const CRYPTOSUITE = "eddsa-jcs-2022";

export function base58Decode(text) {
  let number = 0n;
  for (const ch of text) {
    const index = B58.indexOf(ch);
    if (index < 0) throw new Error(`'${ch}' is not a base58 character`);
    number = number * 58n + BigInt(index);
  }
  const bytes = [];
  while (number > 0n) {
    bytes.unshift(Number(number & 255n));
    number >>= 8n;
  }
  const zeros = text.length - text.replace(/^1+/, "").length;
  return Uint8Array.from([...new Array(zeros).fill(0), ...bytes]);
}

/** The 32 key bytes of an Ed25519 Multikey ('z' + base58btc of 0xed01 and the key). */
export function publicKeyBytes(multibase) {
  if (typeof multibase !== "string" || !multibase.startsWith("z")) throw new Error("not base58btc multibase");
  const data = base58Decode(multibase.slice(1));
  if (data.length !== 34 || data[0] !== 0xed || data[1] !== 0x01) throw new Error("not an Ed25519 public key");
  return data.slice(2);
}

/** RFC 8785 (JSON Canonicalization Scheme): sorted keys (UTF-16 code units), ECMAScript number and string forms. */
export function canonicalJson(value) {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error("not a JSON number");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
}

export function findProof(doc) {
  const proofs = Array.isArray(doc.proof) ? doc.proof : [doc.proof];
  return proofs.find((p) => p && typeof p === "object" && p.type === "DataIntegrityProof" && p.cryptosuite === CRYPTOSUITE);
}

async function sha256(subtle, text) {
  return new Uint8Array(await subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** The bytes an eddsa-jcs-2022 proof signs: SHA-256 of the proof options, then SHA-256 of the document. */
export async function hashData(unsecured, options, subtle) {
  const config = { ...options };
  if ("@context" in unsecured) config["@context"] = unsecured["@context"];
  const [a, b] = [await sha256(subtle, canonicalJson(config)), await sha256(subtle, canonicalJson(unsecured))];
  return Uint8Array.from([...a, ...b]);
}

class Unsupported extends Error {}

/** true when the proof is a genuine signature of the document by the key; throws for a malformed proof value. */
export async function verifyProof(doc, keyBytes, subtle) {
  const proof = findProof(doc);
  const { proofValue, ...options } = proof;
  if (typeof proofValue !== "string" || !proofValue.startsWith("z")) throw new Error("proofValue");
  const signature = base58Decode(proofValue.slice(1));
  if (signature.length !== 64) throw new Error("proofValue");
  const { proof: _ignored, ...unsecured } = doc;
  if ("@context" in options) {
    const mine = [].concat(options["@context"]);
    const theirs = [].concat(doc["@context"]);
    if (mine.some((c, i) => canonicalJson(c) !== canonicalJson(theirs[i]))) return false;
    unsecured["@context"] = options["@context"];
  }
  let key;
  try {
    key = await subtle.importKey("raw", keyBytes, { name: "Ed25519" }, false, ["verify"]);
  } catch {
    throw new Unsupported("Ed25519");
  }
  return subtle.verify({ name: "Ed25519" }, key, signature, await hashData(unsecured, options, subtle));
}

function instant(value) {
  if (typeof value !== "string" || !value.includes("T")) return NaN;
  return Date.parse(value);
}

function details(doc) {
  const subject = doc.credentialSubject && typeof doc.credentialSubject === "object" ? doc.credentialSubject : {};
  const text = (v) => (typeof v === "string" ? v : "");
  return { id: text(doc.id), learner: text(subject.name), achievement: text(subject.achievement?.name),
    issuer: text(doc.issuer?.name), validFrom: text(doc.validFrom), validUntil: text(doc.validUntil) };
}

/**
 * Check a credential file's text against the expected issuer ({id, key, publicKey}).
 * Returns {verdict, reason?, date?, details?}; verdict is valid, malformed, unknown-issuer, signature-invalid,
 * not-yet-valid, expired or unsupported (the browser has no Ed25519). Details only when the signature is genuine.
 */
export async function checkCredential(text, issuer, { now = Date.now(), subtle = globalThis.crypto?.subtle } = {}) {
  if (text.length > MAX_BYTES) return { verdict: "malformed", reason: "verify.reason_large" };
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return { verdict: "malformed", reason: "verify.reason_json" };
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return { verdict: "malformed", reason: "verify.reason_json" };
  const types = Array.isArray(doc.type) ? doc.type : [];
  if (!types.includes("OpenBadgeCredential") && !types.includes("AchievementCredential")) {
    return { verdict: "malformed", reason: "verify.reason_type" };
  }
  const proof = findProof(doc);
  if (!proof) return { verdict: "malformed", reason: "verify.reason_proof" };
  const start = instant(doc.validFrom);
  const end = "validUntil" in doc ? instant(doc.validUntil) : null;
  if (Number.isNaN(start) || Number.isNaN(end)) return { verdict: "malformed", reason: "verify.reason_dates" };
  const issuerId = doc.issuer && typeof doc.issuer === "object" ? doc.issuer.id : doc.issuer;
  if (issuerId !== issuer.id || proof.verificationMethod !== issuer.key) return { verdict: "unknown-issuer" };
  if (!subtle) return { verdict: "unsupported" };
  let genuine;
  try {
    genuine = await verifyProof(doc, publicKeyBytes(issuer.publicKey), subtle);
  } catch (error) {
    if (error instanceof Unsupported) return { verdict: "unsupported" };
    return { verdict: "malformed", reason: "verify.reason_value" };
  }
  if (!genuine) return { verdict: "signature-invalid" };
  const info = details(doc);
  if (now < start) return { verdict: "not-yet-valid", date: doc.validFrom, details: info };
  if (end !== null && now > end) return { verdict: "expired", date: doc.validUntil, details: info };
  return { verdict: "valid", details: info };
}
