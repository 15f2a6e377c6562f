"""eddsa-jcs-2022 Data Integrity proofs in Python: the W3C test vector, RFC 8785 canonical JSON (and the browser's
code giving the same bytes), signing and rejection of changed documents."""

from __future__ import annotations

import json
import subprocess

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conftest import REPO
from oerkit.credentials.keys import base58_decode, base58_encode, multikey, public_multikey, raw_public_key
from oerkit.credentials.proof import ProofError, add_proof, canonical_json, verify_proof

# W3C VC Data Integrity EdDSA Cryptosuites v1.0, test vector TestVectors/eddsa-jcs-2022/signedJCS.json
W3C_KEY = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
W3C_SIGNED = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33", "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential", "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678", "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
    "proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "created": "2023-02-24T23:36:38Z",
              "verificationMethod": "https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
              "proofPurpose": "assertionMethod",
              "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
              "proofValue": "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4"}}

# RFC 8785, section 3.2.2 (the sample input and its canonical form)
RFC_INPUT = r'''{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}'''
RFC_OUTPUT = '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' \
             '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'


def test_the_w3c_test_vector_verifies_and_fails_once_changed():
    key = raw_public_key(W3C_KEY)
    assert verify_proof(W3C_SIGNED, key)
    assert not verify_proof({**W3C_SIGNED, "validFrom": "2023-01-02T00:00:00Z"}, key)
    other = Ed25519PrivateKey.generate()
    assert not verify_proof(W3C_SIGNED, raw_public_key(public_multikey(other)))


def test_canonical_json_is_rfc_8785():
    assert canonical_json(json.loads(RFC_INPUT)).decode() == RFC_OUTPUT
    assert canonical_json({"\u20ac": 1, "\U0001F600": 2, "\r": 3, "1": 4, "\u0080": 5}).decode() == \
        '{"\\r":3,"1":4,"\u0080":5,"\u20ac":1,"\U0001F600":2}'
    assert canonical_json([1e21, 1e-7, 1e-6, 100.0, -0.0, 2 ** 53 - 1]).decode() == "[1e+21,1e-7,0.000001,100,0,9007199254740991]"
    with pytest.raises(ProofError):
        canonical_json([2 ** 53])
    with pytest.raises(ProofError):
        canonical_json({"x": float("nan")})


def test_python_and_the_browser_code_canonicalise_alike():
    document = {"b": [3.4, 1e-7, 12345678901234567890.0, "é\u2028\n\t\"\\", None, False],
                "a": {"z": {}, "Z": [], "ä": 0.1 + 0.2, "\U0001F600": "😀", "\u20ac": 1}}
    script = ("import('./tools/oerkit/web/learner/verify.mjs').then(m => process.stdout.write("
              "m.canonicalJson(JSON.parse(require('fs').readFileSync(0, 'utf8')))))")
    node = subprocess.run(["node", "-e", script], input=json.dumps(document), capture_output=True, text=True,
                          cwd=REPO, timeout=60, check=True)
    assert node.stdout.encode() == canonical_json(document)


def test_signed_documents_verify_and_any_change_breaks_them():
    key = Ed25519PrivateKey.generate()
    public = raw_public_key(public_multikey(key))
    doc = {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
           "credentialSubject": {"name": "Ana Silva", "score": 88.5}}
    signed = add_proof(doc, key, "https://example.org/issuer.json#key-1", "2026-01-15T00:00:00Z")
    assert signed["proof"]["cryptosuite"] == "eddsa-jcs-2022" and signed["proof"]["proofValue"].startswith("z")
    assert verify_proof(signed, public)
    assert verify_proof(json.loads(json.dumps(signed, indent=4, sort_keys=True)), public), "formatting does not matter"
    for path, value in ((("credentialSubject", "score"), 98.5), (("proof", "verificationMethod"), "https://x.example/#k"),
                        (("@context",), ["https://www.w3.org/ns/credentials/v2", "https://x.example/ctx"])):
        changed = json.loads(json.dumps(signed))
        target = changed
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
        assert not verify_proof(changed, public), path
    with pytest.raises(ProofError):
        verify_proof({**signed, "proof": {**signed["proof"], "proofValue": "z0OIl"}}, public)
    with pytest.raises(ProofError):
        verify_proof({k: v for k, v in signed.items() if k != "proof"}, public)


def test_base58_and_multikey_round_trip():
    for data in (b"", b"\0\0\x01", bytes(range(40))):
        assert base58_decode(base58_encode(data)) == data
    raw = bytes(range(32))
    assert multikey(raw).startswith("z6Mk") and raw_public_key(multikey(raw)) == raw
    with pytest.raises(ValueError):
        raw_public_key("z" + base58_encode(b"\x12\x00" + raw))
