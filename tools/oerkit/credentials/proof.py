"""Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C VC Data Integrity EdDSA Cryptosuites v1.0).

The document and the proof options are canonicalised with the JSON Canonicalization Scheme (RFC 8785), each is
hashed with SHA-256, and the proof's hash followed by the document's hash is signed with Ed25519; the signature
is stored as base58btc multibase text in `proofValue`. The browser does the same in web/learner/verify.mjs.
"""

from __future__ import annotations

import hashlib
import json
import math

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .keys import base58_decode, base58_encode

CRYPTOSUITE = "eddsa-jcs-2022"
PROOF_TYPE = "DataIntegrityProof"
PURPOSE = "assertionMethod"
MAX_SAFE_INTEGER = 2 ** 53 - 1


class ProofError(ValueError):
    """The document has no proof this module can check; the message says what is wrong."""


def _number(value: float) -> str:
    """A number as ECMAScript writes it (RFC 8785, section 3.2.2.3)."""
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise ProofError(f"the integer {value} cannot be represented exactly in JSON")
        return str(value)
    if not math.isfinite(value):
        raise ProofError("JSON has no representation for NaN or infinity")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    lead = len(digits) - len(digits.lstrip("0"))
    s = digits.strip("0")
    k, n = len(s), len(whole) + int(exponent or 0) - lead  # value = 0.s x 10^n
    if k <= n <= 21:
        return sign + s + "0" * (n - k)
    if 0 < n <= 21:
        return sign + s[:n] + "." + s[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + s
    e = n - 1
    head = s if k == 1 else s[0] + "." + s[1:]
    return f"{sign}{head}e{'+' if e >= 0 else '-'}{abs(e)}"


def _jcs(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(_jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))  # UTF-16 code units, as RFC 8785 asks
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + _jcs(value[k]) for k in keys) + "}"
    raise ProofError(f"a {type(value).__name__} is not a JSON value")


def canonical_json(value) -> bytes:
    """RFC 8785 (JCS) canonical form, UTF-8 encoded."""
    try:
        return _jcs(value).encode("utf-8")
    except UnicodeEncodeError:
        raise ProofError("the document contains a lone surrogate, which JSON text cannot carry") from None


def hash_data(unsecured: dict, proof_options: dict) -> bytes:
    config = dict(proof_options)
    if "@context" in unsecured:
        config["@context"] = unsecured["@context"]
    return hashlib.sha256(canonical_json(config)).digest() + hashlib.sha256(canonical_json(unsecured)).digest()


def add_proof(document: dict, private_key: Ed25519PrivateKey, verification_method: str, created: str) -> dict:
    """A copy of `document` with an eddsa-jcs-2022 proof; `created` is an XML Schema dateTimeStamp."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    options = {"type": PROOF_TYPE, "cryptosuite": CRYPTOSUITE, "created": created,
               "verificationMethod": verification_method, "proofPurpose": PURPOSE}
    signature = private_key.sign(hash_data(unsecured, options))
    return {**unsecured, "proof": {**options, "proofValue": "z" + base58_encode(signature)}}


def find_proof(document) -> dict:
    """The document's eddsa-jcs-2022 proof; ProofError if there is none."""
    if not isinstance(document, dict):
        raise ProofError("a credential is a JSON object")
    proofs = document.get("proof")
    proofs = proofs if isinstance(proofs, list) else [proofs]
    for proof in proofs:
        if isinstance(proof, dict) and proof.get("type") == PROOF_TYPE and proof.get("cryptosuite") == CRYPTOSUITE:
            return proof
    raise ProofError(f"the credential has no {PROOF_TYPE} proof with the {CRYPTOSUITE} cryptosuite")


def verify_proof(document: dict, raw_public_key: bytes) -> bool:
    """True if the proof is a valid signature of the document by this key; ProofError if malformed."""
    proof = find_proof(document)
    value = proof.get("proofValue")
    if not isinstance(value, str) or not value.startswith("z"):
        raise ProofError("proofValue must be base58btc multibase text starting with 'z'")
    try:
        signature = base58_decode(value[1:])
    except ValueError as exc:
        raise ProofError(f"proofValue: {exc}") from None
    if len(signature) != 64:
        raise ProofError("proofValue is not a 64-byte Ed25519 signature")
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    if "@context" in options:  # the proof's contexts must lead the document's, in order
        mine, theirs = options["@context"], document.get("@context")
        mine = mine if isinstance(mine, list) else [mine]
        theirs = theirs if isinstance(theirs, list) else [theirs]
        if theirs[:len(mine)] != mine:
            return False
        unsecured["@context"] = options["@context"]
    try:
        Ed25519PublicKey.from_public_bytes(raw_public_key).verify(signature, hash_data(unsecured, options))
    except InvalidSignature:
        return False
    return True
