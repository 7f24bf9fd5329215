"""Signed envelopes (pure: no database, no Django): what verifies and what does not, and why."""

import base64
import copy

import pytest

from hemicycle.calendars import signing

BODY = {"from": "kz.hemicycle.localhost", "to": "be.hemicycle.localhost", "seq": 3, "sent_at": "2025-10-01T08:00:00Z",
        "method": "REQUEST", "uid": "a@kz.hemicycle.localhost",
        "jcal": ["vcalendar", [["method", {}, "text", "REQUEST"]], [["vevent", [
            ["summary", {"language": "kk"}, "text", "Бельгия достық тобының сапары"]], []]]]}


@pytest.fixture(scope="module")
def keys():
    seed, public = signing.new_key_pair()
    other_seed, other_public = signing.new_key_pair()
    return {"seed": seed, "public": public, "other_seed": other_seed, "other_public": other_public}


def test_canonical_json_is_sorted_compact_utf8():
    assert signing.canonical_json({"b": 1, "a": ["é", {"d": None, "c": True}]}) == \
        '{"a":["é",{"c":true,"d":null}],"b":1}'.encode()
    with pytest.raises(signing.SignatureError, match="floating-point"):
        signing.canonical_json({"a": 1.5})


def test_signed_envelope_verifies_and_returns_its_body(keys):
    envelope = signing.sign_envelope(BODY, keys["seed"])
    assert set(envelope) == {"body", "signature"}
    assert len(base64.b64decode(envelope["signature"])) == 64
    assert signing.verify_envelope(envelope, keys["public"]) == BODY
    # Key order and a JSON round trip do not matter: the signature is over canonical JSON.
    reordered = {"signature": envelope["signature"], "body": dict(reversed(list(BODY.items())))}
    assert signing.verify_envelope(reordered, keys["public"]) == BODY


def test_forged_signature_is_refused(keys):
    envelope = signing.sign_envelope(BODY, keys["seed"])
    raw = bytearray(base64.b64decode(envelope["signature"]))
    raw[10] ^= 0x01
    forged = {"body": BODY, "signature": base64.b64encode(bytes(raw)).decode()}
    with pytest.raises(signing.SignatureError, match="forged or altered"):
        signing.verify_envelope(forged, keys["public"])
    with pytest.raises(signing.SignatureError, match="not 64 bytes"):
        signing.verify_envelope({"body": BODY, "signature": base64.b64encode(b"short").decode()}, keys["public"])
    with pytest.raises(signing.SignatureError, match="not valid base64"):
        signing.verify_envelope({"body": BODY, "signature": "***"}, keys["public"])
    with pytest.raises(signing.SignatureError, match="not signed"):
        signing.verify_envelope({"body": BODY, "signature": ""}, keys["public"])


def test_altered_body_is_refused(keys):
    envelope = signing.sign_envelope(BODY, keys["seed"])
    for change in (lambda b: b.update(seq=4), lambda b: b.update(to="fr.hemicycle.localhost"),
                   lambda b: b["jcal"][2][0][1][0].__setitem__(3, "Another visit"), lambda b: b.update(extra=1)):
        altered = copy.deepcopy(envelope)
        change(altered["body"])
        with pytest.raises(signing.SignatureError, match="forged or altered"):
            signing.verify_envelope(altered, keys["public"])


def test_wrong_key_is_refused(keys):
    envelope = signing.sign_envelope(BODY, keys["other_seed"])
    with pytest.raises(signing.SignatureError, match="forged or altered"):
        signing.verify_envelope(envelope, keys["public"])
    assert signing.verify_envelope(envelope, keys["other_public"]) == BODY


def test_malformed_envelopes_and_keys_are_refused(keys):
    for envelope, reason in (("text", "not a JSON object"), ({"body": BODY}, "no signature"),
                             ({"body": [], "signature": "x"}, "body is not a JSON object"),
                             ({"body": BODY, "signature": "x", "more": 1}, "unexpected members")):
        with pytest.raises(signing.SignatureError, match=reason):
            signing.verify_envelope(envelope, keys["public"])
    with pytest.raises(signing.SignatureError, match="32 bytes"):
        signing.load_public_key(base64.b64encode(b"x" * 31).decode())
    with pytest.raises(signing.SignatureError, match="32 bytes"):
        signing.load_private_key(base64.b64encode(b"x" * 33).decode())


def test_seed_gives_back_its_public_key(keys):
    assert signing.public_key_b64(keys["seed"]) == keys["public"]
    assert signing.public_key_b64(signing.load_private_key(keys["seed"])) == keys["public"]


def test_request_statement_binds_method_path_date_and_parties(keys):
    statement = signing.request_statement(method="get", path="/federation/v1/changes?since=4", date="2025-10-01T08:00Z",
                                          sender="kz", recipient="be")
    signature = signing.sign_value(statement, keys["seed"])
    signing.verify_value(statement, signature, keys["public"])
    for other in ({"path": "/federation/v1/changes?since=0"}, {"to": "fr"}, {"date": "2025-10-02T08:00Z"}):
        with pytest.raises(signing.SignatureError):
            signing.verify_value({**statement, **other}, signature, keys["public"])
