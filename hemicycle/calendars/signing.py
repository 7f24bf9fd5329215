"""Ed25519 signatures over canonical JSON: how two Hemicycle instances know a message is really from the other.

Pure module (no Django). A message travels as an *envelope*::

    {"body": {"from": "kz.hemicycle.example", "to": "be.hemicycle.example", "seq": 7, "sent_at": "…Z",
              "method": "REQUEST", "uid": "…", "jcal": [...], ...},
     "signature": "<base64 of the Ed25519 signature of canonical_json(body)>"}

Canonical JSON is what both sides sign and check: keys sorted, UTF-8 (not \\u escapes), no spaces. Numbers in a
body are integers only (floats have several spellings). A private key is the 32-byte Ed25519 seed, exchanged as
base64; a public key is the 32-byte raw public key, pinned by the partner when the two instances pair.
"""

import base64
import binascii
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_BYTES = 32


class SignatureError(ValueError):
    """A signature, a key or an envelope that does not check out; the message says which and why."""


class InvalidKey(SignatureError):
    """A key that is not a base64-encoded 32-byte Ed25519 key."""


def canonical_json(value: Any) -> bytes:
    """The one byte string both sides sign for ``value``: sorted keys, UTF-8, no spaces; floats refused."""
    _refuse_floats(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _refuse_floats(value: Any) -> None:
    if isinstance(value, float):
        raise SignatureError("a signed body may not hold floating-point numbers (they have no single spelling)")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise SignatureError("a signed body's keys must be strings")
            _refuse_floats(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _refuse_floats(item)


def _b64decode(text: str, what: str) -> bytes:
    if not isinstance(text, str):
        raise SignatureError(f"the {what} is not a base64 string")
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError(f"the {what} is not valid base64") from exc


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# Keys ----------------------------------------------------------------------------------------------------------

def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_to_seed(private_key: Ed25519PrivateKey) -> str:
    """The base64 seed to put in HEMICYCLE_FEDERATION_KEY."""
    raw = private_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                    serialization.NoEncryption())
    return b64encode(raw)


def load_private_key(key: "str | Ed25519PrivateKey") -> Ed25519PrivateKey:
    """A private key from its base64 seed (or the key itself)."""
    if isinstance(key, Ed25519PrivateKey):
        return key
    raw = _b64decode(key, "private key")
    if len(raw) != KEY_BYTES:
        raise InvalidKey(f"the private key must be {KEY_BYTES} bytes (base64 of the Ed25519 seed), not {len(raw)}")
    return Ed25519PrivateKey.from_private_bytes(raw)


def load_public_key(key: "str | Ed25519PublicKey") -> Ed25519PublicKey:
    """A public key from its base64 raw bytes (or the key itself)."""
    if isinstance(key, Ed25519PublicKey):
        return key
    raw = _b64decode(key, "public key")
    if len(raw) != KEY_BYTES:
        raise InvalidKey(f"the public key must be {KEY_BYTES} bytes (base64), not {len(raw)}")
    return Ed25519PublicKey.from_public_bytes(raw)


def public_key_b64(key: "str | Ed25519PrivateKey | Ed25519PublicKey") -> str:
    """The base64 public key that goes with a private key (or seed), to give to the partner."""
    if isinstance(key, Ed25519PublicKey):
        public = key
    else:
        public = load_private_key(key).public_key()
    return b64encode(public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def new_key_pair() -> tuple[str, str]:
    """A fresh (seed, public key), both base64."""
    private = generate_private_key()
    return private_key_to_seed(private), public_key_b64(private)


# Signatures ----------------------------------------------------------------------------------------------------

def sign_bytes(data: bytes, private_key) -> str:
    return b64encode(load_private_key(private_key).sign(data))


def verify_bytes(data: bytes, signature: str, public_key) -> None:
    """Raise ``SignatureError`` unless ``signature`` (base64) is ``public_key``'s signature of ``data``."""
    raw = _b64decode(signature, "signature")
    if len(raw) != 64:
        raise SignatureError("the signature is not 64 bytes long: it is not an Ed25519 signature")
    try:
        load_public_key(public_key).verify(raw, data)
    except InvalidSignature as exc:
        raise SignatureError("the signature does not match the message and the sender's pinned key: "
                             "the message was forged or altered") from exc


def sign_value(value: Any, private_key) -> str:
    """Signature (base64) of the canonical JSON of ``value``."""
    return sign_bytes(canonical_json(value), private_key)


def verify_value(value: Any, signature: str, public_key) -> None:
    verify_bytes(canonical_json(value), signature, public_key)


def sign_envelope(body: dict, private_key) -> dict:
    """Wrap ``body`` in an envelope with its Ed25519 signature."""
    if not isinstance(body, dict):
        raise SignatureError("an envelope's body must be a JSON object")
    return {"body": body, "signature": sign_value(body, private_key)}


def verify_envelope(envelope: Any, public_key) -> dict:
    """Return the envelope's body if its signature is ``public_key``'s; raise ``SignatureError`` otherwise."""
    if not isinstance(envelope, dict):
        raise SignatureError("the envelope is not a JSON object")
    if set(envelope) != {"body", "signature"}:
        missing = {"body", "signature"} - set(envelope)
        if missing:
            raise SignatureError(f"the envelope has no {' and no '.join(sorted(missing))}")
        extra = ", ".join(sorted(set(envelope) - {"body", "signature"}))
        raise SignatureError(f"the envelope has unexpected members: {extra}")
    body = envelope["body"]
    if not isinstance(body, dict):
        raise SignatureError("the envelope's body is not a JSON object")
    if not envelope["signature"]:
        raise SignatureError("the envelope is not signed")
    verify_value(body, envelope["signature"], public_key)
    return body


def request_statement(*, method: str, path: str, date: str, sender: str, recipient: str) -> dict:
    """What a signed HTTP request (e.g. a pull of changes) signs: method, path with query, date, both parties."""
    return {"method": method.upper(), "path": path, "date": date, "from": sender, "to": recipient}
