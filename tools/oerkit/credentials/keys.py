"""The issuer's Ed25519 key pair.

The private key is a PKCS#8 PEM file readable only by its owner (0600), kept outside the repository
(by default in ~/.config/oerkit/). The public key is a Multikey (`publicKeyMultibase`: 'z' + base58btc of
the multicodec prefix 0xed01 and the 32 key bytes) in a small JSON file inside the repository; the site
publishes it in the issuer profile and embeds it in the verification page.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

B58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ED25519_PUB = b"\xed\x01"  # multicodec prefix of an Ed25519 public key


class KeyFileError(Exception):
    """A key file cannot be written or read; the message names the file and says what to do."""


def base58_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rest = divmod(number, 58)
        out = B58_ALPHABET[rest] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def base58_decode(text: str) -> bytes:
    number = 0
    for ch in text:
        index = B58_ALPHABET.find(ch)
        if index < 0:
            raise ValueError(f"'{ch}' is not a base58 character")
        number = number * 58 + index
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def multikey(raw_public_key: bytes) -> str:
    return "z" + base58_encode(ED25519_PUB + raw_public_key)


def raw_public_key(multibase: str) -> bytes:
    """The 32 key bytes of an Ed25519 Multikey; ValueError if it is not one."""
    if not isinstance(multibase, str) or not multibase.startswith("z"):
        raise ValueError("a public key must be base58btc multibase text starting with 'z'")
    data = base58_decode(multibase[1:])
    if len(data) != 34 or not data.startswith(ED25519_PUB):
        raise ValueError("this is not an Ed25519 public key (expected the multicodec prefix 0xed01 and 32 bytes)")
    return data[2:]


def public_multikey(private_key: Ed25519PrivateKey) -> str:
    raw = private_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return multikey(raw)


def default_private_key_path(programme_id: str) -> Path:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "oerkit" / f"{programme_id}-issuer-ed25519.pem"


def work_tree_of(path: Path, project_root: Path) -> Path | None:
    """The project or git work tree that `path` would be inside, if any."""
    path = path.resolve()
    roots = [project_root.resolve()] + [p for p in path.parents if (p / ".git").exists()]
    return next((r for r in roots if r == path or r in path.parents), None)


def guard_with_gitignore(tree: Path, path: Path) -> bool:
    """Make sure git ignores `path` (a key written inside a work tree with --force); True if a line was added."""
    ignore = tree / ".gitignore"
    entry = "/" + path.resolve().relative_to(tree).as_posix()
    lines = ignore.read_text(encoding="utf-8").splitlines() if ignore.is_file() else []
    if entry in lines:
        return False
    with ignore.open("a", encoding="utf-8") as fh:
        if lines and lines[-1] != "":
            fh.write("\n")
        fh.write(f"# the issuer's private key: never commit it\n{entry}\n")
    return True


def write_private_key(key: Ed25519PrivateKey, path: Path) -> None:
    """Write the key as PKCS#8 PEM with mode 0600; never overwrite an existing file."""
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise KeyFileError(f"{path}: a file is already there; move it away first if you really mean to replace "
                           "the issuer key (credentials signed with the old key then no longer verify)") from None
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot write the private key ({exc.strerror})") from None
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"{path}: no private key there; create one with `oerkit keys new`, or give its path "
                           "with --key") from None
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the private key ({exc.strerror})") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise KeyFileError(f"{path}: not an unencrypted PEM private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path}: this is not an Ed25519 key; create one with `oerkit keys new`")
    return key


def public_key_document(multibase: str) -> dict:
    return {"type": "Multikey", "publicKeyMultibase": multibase,
            "note": "The credential issuer's public key, written by `oerkit keys new`. The private key is "
                    "kept outside the repository."}


def write_public_key(path: Path, multibase: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(public_key_document(multibase), indent=2) + "\n", encoding="utf-8")


def read_public_key(path: Path, shown: str) -> str | None:
    """The published public key (publicKeyMultibase), None if the file does not exist yet."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KeyFileError(f"{shown}: not a readable JSON file ({exc})") from None
    value = data.get("publicKeyMultibase") if isinstance(data, dict) else None
    try:
        raw_public_key(value)
    except ValueError as exc:
        raise KeyFileError(f"{shown}: publicKeyMultibase: {exc}; write the file again with `oerkit keys new`") from None
    return value
