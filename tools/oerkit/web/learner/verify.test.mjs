import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import { test } from "node:test";

import { base58Decode, canonicalJson, checkCredential, hashData, publicKeyBytes, verifyProof } from "./verify.mjs";

const subtle = webcrypto.subtle;
const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function base58Encode(bytes) {
  let n = BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);
  let out = "";
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  return "1".repeat(bytes.findIndex((b) => b !== 0) === -1 ? bytes.length : bytes.findIndex((b) => b !== 0)) + out;
}

// The W3C test vector for eddsa-jcs-2022 (VC Data Integrity EdDSA Cryptosuites v1.0, TestVectors/eddsa-jcs-2022):
// a credential signed by another implementation must verify here too.
const W3C_KEY = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
const W3C_SIGNED = {
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
  id: "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
  type: ["VerifiableCredential", "AlumniCredential"],
  name: "Alumni Credential",
  description: "A minimum viable example of an Alumni Credential.",
  issuer: "https://vc.example/issuers/5678",
  validFrom: "2023-01-01T00:00:00Z",
  credentialSubject: { id: "did:example:abcdefgh", alumniOf: "The School of Examples" },
  proof: {
    type: "DataIntegrityProof", cryptosuite: "eddsa-jcs-2022", created: "2023-02-24T23:36:38Z",
    verificationMethod: "https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
    proofPurpose: "assertionMethod",
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
    proofValue: "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4",
  },
};

test("the W3C eddsa-jcs-2022 test vector verifies, and fails once changed", async () => {
  const key = publicKeyBytes(W3C_KEY);
  assert.equal(await verifyProof(W3C_SIGNED, key, subtle), true);
  assert.equal(await verifyProof({ ...W3C_SIGNED, name: "Alumni Credentia1" }, key, subtle), false);
  // a context added after signing, before the proof's contexts, breaks the proof
  const reordered = { ...W3C_SIGNED, "@context": [...W3C_SIGNED["@context"]].reverse() };
  assert.equal(await verifyProof(reordered, key, subtle), false);
});

// RFC 8785, section 3.2.2: the sample input and its canonical form
const RFC_INPUT = String.raw`{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}`;
const RFC_OUTPUT = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;

test("canonical JSON follows RFC 8785: key order by UTF-16 units, ECMAScript numbers, no whitespace", () => {
  assert.equal(canonicalJson(JSON.parse(RFC_INPUT)), RFC_OUTPUT);
  assert.equal(canonicalJson({ b: [1, { d: true, c: null }], a: "x" }), '{"a":"x","b":[1,{"c":null,"d":true}]}');
  assert.equal(canonicalJson([1e21, 1e-7, 0.000001, 3.4, 100.0, -0]), "[1e+21,1e-7,0.000001,3.4,100,0]");
  // RFC 8785 section 3.2.3: "\u20ac" sorts before "\ud83d\ude00" (code units), and both after "\r" and "1"
  assert.equal(canonicalJson({ "\u20ac": 1, "\ud83d\ude00": 2, "\r": 3, 1: 4, "\u0080": 5 }),
    '{"\\r":3,"1":4,"\u0080":5,"\u20ac":1,"\ud83d\ude00":2}');
  assert.equal(canonicalJson("é\n\"\u001f"), '"é\\n\\"\\u001f"');
  assert.throws(() => canonicalJson({ x: NaN }));
});

test("base58 and Multikey decoding reject what is not an Ed25519 key", () => {
  assert.deepEqual([...base58Decode("1112")], [0, 0, 0, 1]);
  assert.throws(() => base58Decode("0OIl"));
  assert.equal(publicKeyBytes(W3C_KEY).length, 32);
  assert.throws(() => publicKeyBytes("6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"));
  assert.throws(() => publicKeyBytes("z" + base58Encode(new Uint8Array(34))));
});

const ISSUER_ID = "https://example.org/scro/credentials/issuer.json";

async function issuerAndSigner() {
  const pair = await subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
  const raw = new Uint8Array(await subtle.exportKey("raw", pair.publicKey));
  const issuer = { id: ISSUER_ID, key: `${ISSUER_ID}#key-1`, publicKey: `z${base58Encode(Uint8Array.from([0xed, 0x01, ...raw]))}`, name: "Example body" };
  async function sign(doc, verificationMethod = issuer.key) {
    const options = { type: "DataIntegrityProof", cryptosuite: "eddsa-jcs-2022", created: "2026-01-15T00:00:00Z",
      verificationMethod, proofPurpose: "assertionMethod" };
    const signature = new Uint8Array(await subtle.sign({ name: "Ed25519" }, pair.privateKey, await hashData(doc, options, subtle)));
    return { ...doc, proof: { ...options, proofValue: `z${base58Encode(signature)}` } };
  }
  return { issuer, sign };
}

function badge(overrides = {}) {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: "urn:uuid:0833249c-e138-52a0-9d50-d496fb98d89c", type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: "Smart City Resilience Officer", issuer: { id: ISSUER_ID, type: ["Profile"], name: "Example body" },
    validFrom: "2026-01-15T00:00:00Z", validUntil: "2031-01-15T00:00:00Z",
    credentialSubject: { type: ["AchievementSubject"], name: "Maria Papadopoulou", creditsEarned: 3.4,
      achievement: { id: "https://example.org/scro/programme.html", type: ["Achievement"], name: "SCRO" } },
    ...overrides,
  };
}

const JUNE_2027 = Date.parse("2027-06-01T00:00:00Z");

test("a genuine credential is valid and its details are read; any change to it breaks the signature", async () => {
  const { issuer, sign } = await issuerAndSigner();
  const signed = await sign(badge());
  const ok = await checkCredential(JSON.stringify(signed), issuer, { now: JUNE_2027, subtle });
  assert.equal(ok.verdict, "valid");
  assert.deepEqual(ok.details, { id: signed.id, learner: "Maria Papadopoulou", achievement: "SCRO", issuer: "Example body",
    validFrom: "2026-01-15T00:00:00Z", validUntil: "2031-01-15T00:00:00Z" });
  // pretty-printed or with keys in another order it is the same credential
  const reordered = JSON.stringify(Object.fromEntries(Object.entries(signed).reverse()), null, 2);
  assert.equal((await checkCredential(reordered, issuer, { now: JUNE_2027, subtle })).verdict, "valid");
  for (const tamper of [
    (d) => { d.credentialSubject.name = "Mallory"; },
    (d) => { d.credentialSubject.creditsEarned = 30; },
    (d) => { d.validUntil = "2099-01-15T00:00:00Z"; },
    (d) => { d.proof.created = "2026-01-16T00:00:00Z"; },
    (d) => { d.proof.proofValue = d.proof.proofValue.slice(0, -2) + (d.proof.proofValue.endsWith("1") ? "22" : "11"); },
  ]) {
    const copy = structuredClone(signed);
    tamper(copy);
    const result = await checkCredential(JSON.stringify(copy), issuer, { now: JUNE_2027, subtle });
    assert.equal(result.verdict, "signature-invalid");
    assert.equal(result.details, undefined, "a forged credential's content is not shown");
  }
});

test("another issuer, another key or another issuer's signature: unknown issuer or invalid", async () => {
  const { issuer, sign } = await issuerAndSigner();
  const other = await issuerAndSigner();
  const elsewhere = await sign(badge({ issuer: { id: "https://elsewhere.example/issuer.json", type: ["Profile"] } }));
  assert.equal((await checkCredential(JSON.stringify(elsewhere), issuer, { now: JUNE_2027, subtle })).verdict, "unknown-issuer");
  const otherKey = await sign(badge(), `${ISSUER_ID}#key-2`);
  assert.equal((await checkCredential(JSON.stringify(otherKey), issuer, { now: JUNE_2027, subtle })).verdict, "unknown-issuer");
  // someone else's key, claiming to be this issuer: the signature does not match the published key
  const forged = await other.sign(badge());
  assert.equal((await checkCredential(JSON.stringify(forged), issuer, { now: JUNE_2027, subtle })).verdict, "signature-invalid");
});

test("validity dates: not yet valid before validFrom, expired after validUntil, no expiry without it", async () => {
  const { issuer, sign } = await issuerAndSigner();
  const text = JSON.stringify(await sign(badge()));
  const early = await checkCredential(text, issuer, { now: Date.parse("2026-01-14T23:59:59Z"), subtle });
  assert.deepEqual([early.verdict, early.date], ["not-yet-valid", "2026-01-15T00:00:00Z"]);
  const late = await checkCredential(text, issuer, { now: Date.parse("2031-01-15T00:00:01Z"), subtle });
  assert.deepEqual([late.verdict, late.date], ["expired", "2031-01-15T00:00:00Z"]);
  const { validUntil: _drop, ...forever } = badge();
  const lasting = JSON.stringify(await sign(forever));
  assert.equal((await checkCredential(lasting, issuer, { now: Date.parse("2090-01-01T00:00:00Z"), subtle })).verdict, "valid");
});

test("malformed files are named as such, with the reason", async () => {
  const { issuer, sign } = await issuerAndSigner();
  const signed = await sign(badge());
  const check = async (text) => checkCredential(text, issuer, { now: JUNE_2027, subtle });
  assert.deepEqual(await check("{not json"), { verdict: "malformed", reason: "verify.reason_json" });
  assert.deepEqual(await check("[1, 2]"), { verdict: "malformed", reason: "verify.reason_json" });
  assert.deepEqual(await check(JSON.stringify({ ...signed, type: ["VerifiableCredential"] })),
    { verdict: "malformed", reason: "verify.reason_type" });
  const { proof: _p, ...unsigned } = signed;
  assert.deepEqual(await check(JSON.stringify(unsigned)), { verdict: "malformed", reason: "verify.reason_proof" });
  assert.deepEqual(await check(JSON.stringify({ ...signed, proof: { ...signed.proof, cryptosuite: "eddsa-rdfc-2022" } })),
    { verdict: "malformed", reason: "verify.reason_proof" });
  assert.deepEqual(await check(JSON.stringify({ ...signed, validFrom: "yesterday" })),
    { verdict: "malformed", reason: "verify.reason_dates" });
  assert.deepEqual(await check(JSON.stringify({ ...signed, proof: { ...signed.proof, proofValue: "z0OIl" } })),
    { verdict: "malformed", reason: "verify.reason_value" });
  assert.deepEqual(await check(JSON.stringify({ ...signed, proof: { ...signed.proof, proofValue: "z3mJr7AoUCHxNqd" } })),
    { verdict: "malformed", reason: "verify.reason_value" });
  assert.deepEqual(await check(" ".repeat(1_000_001)), { verdict: "malformed", reason: "verify.reason_large" });
});

test("a browser without Ed25519 in WebCrypto gets 'unsupported', not a wrong verdict", async () => {
  const { issuer, sign } = await issuerAndSigner();
  const text = JSON.stringify(await sign(badge()));
  const noEd25519 = { digest: subtle.digest.bind(subtle), importKey: async () => { throw new DOMException("no", "NotSupportedError"); } };
  assert.equal((await checkCredential(text, issuer, { now: JUNE_2027, subtle: noEd25519 })).verdict, "unsupported");
  assert.equal((await checkCredential(text, issuer, { now: JUNE_2027, subtle: null })).verdict, "unsupported");
});
