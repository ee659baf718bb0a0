#!/usr/bin/env python3
"""Independent check of an Ankerpunkt audit bundle (format versions 1 and 2), written only from
docs/audit-bundle.md: the hash chain, every event's signature by a key valid for its recorder
at that point (format 2), each new key's proof of possession, every sign-off signature, the
signed head, and that each erasure names a file revision the log recorded with that digest. It
does not replay the process rules; `ankerpunkt verify` does that too.

Needs Python 3.9+ and the `cryptography` package.
Usage: python3 verify_bundle.py BUNDLE.json [--trust FINGERPRINT]...
Exit 0 if intact (and the founder's key is the trusted one, if given), 1 naming the first
problem, 2 if the file is not a bundle of format 1 or 2.
"""
import base64
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551  # order of P-256


def canonical(value):
    # RFC 8785 for this format's data: ASCII keys, integers only, no lone surrogates.
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def verify_signature(public_key_b64, statement, signature_b64, low_s_only):
    raw = b64url(signature_b64)  # IEEE P1363: r || s, 32 bytes each
    r, s = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    if len(raw) != 64 or (low_s_only and s > N // 2):
        return False
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url(public_key_b64))
    try:
        key.verify(encode_dss_signature(r, s), canonical(statement), ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


def fingerprint(key_id):
    return " ".join(key_id[i:i + 4].upper() for i in range(0, len(key_id), 4))


class Broken(Exception):
    pass


def check_event_signature(event, n, keys, people, process_id, signed_from):
    """The event's own signature (format 2): who may sign, and that the signature holds."""
    t, p, key_id = event["type"], event["payload"], event.get("signerKeyId")
    if key_id is None and "signature" not in event:
        if signed_from is not None:
            raise Broken(f"unsigned, but events are signed from event {signed_from} on")
        return signed_from
    if key_id is None or "signature" not in event:
        raise Broken("signerKeyId and signature must come together")
    if t == "ProcessOpened":
        if key_id != p["founder"]["key"]["keyId"]:
            raise Broken("the opening is not signed by the founder's key it registers")
        public_key = p["founder"]["key"]["publicKey"]
    else:
        key = keys.get(key_id)
        if key is None or key["revoked"]:
            raise Broken(f"signed with key {key_id}, which is not valid at this point")
        recorder_may = key["personId"] == event["actor"]["personId"]
        if t in ("SignOffGranted", "SignOffRefused") and not recorder_may:
            # Read in from a response file: recorded by a person who may request sign-offs.
            recorder_may = "ambassador" in people.get(key["personId"], [])
        if not recorder_may:
            raise Broken(f"key {key_id} does not belong to the person who recorded this event")
        public_key = key["publicKey"]
    statement = {"type": "ankerpunkt.event", "version": 2, "processId": process_id, "hash": event["hash"]}
    if not verify_signature(public_key, statement, event["signature"], True):
        raise Broken("bad event signature: changed, moved or re-linked after signing")
    if t in ("PersonRegistered", "KeyRegistered"):
        proof = {"type": "ankerpunkt.key-possession", "version": 2, "personId": p["personId"], "keyId": p["key"]["keyId"]}
        if "keyProof" not in p or not verify_signature(p["key"]["publicKey"], proof, p["keyProof"], True):
            raise Broken(f"the new key {p['key']['keyId']} has no valid proof of possession")
    return signed_from or n


def register(keys, person_id, key):
    if hashlib.sha256(b64url(key["publicKey"])).hexdigest()[:32] != key["keyId"]:
        raise Broken(f"key id {key['keyId']} does not match its public key")
    keys[key["keyId"]] = {"personId": person_id, "publicKey": key["publicKey"], "revoked": False, "signed": 0}


def walk(bundle):
    """Checks the events; returns what the head check and the summary need."""
    version = bundle["formatVersion"]
    keys, people, requests, contents, erased = {}, {}, {}, {}, []
    process_id, founder, signed_from, prev = None, None, None, "0" * 64
    for n, event in enumerate(bundle["events"], start=1):
        try:
            body = {k: v for k, v in event.items() if k not in ("hash", "signature")}
            if version == 1 and ("signerKeyId" in event or "signature" in event):
                raise Broken("format 1 has no signed events")
            if event["seq"] != n or event["prevHash"] != prev:
                raise Broken("not linked to the event before (seq or prevHash)")
            if hashlib.sha256(canonical(body)).hexdigest() != event["hash"]:
                raise Broken("hash mismatch")
            prev = event["hash"]
            t, p = event["type"], event["payload"]
            if t == "ProcessOpened":
                process_id, founder = p["processId"], p["founder"]["key"]["keyId"]
            signed_from = check_event_signature(event, n, keys, people, process_id, signed_from)
            if t == "ProcessOpened":
                register(keys, p["founder"]["personId"], p["founder"]["key"])
                people[p["founder"]["personId"]] = p["founder"]["roles"]
            elif t in ("PersonRegistered", "KeyRegistered"):
                register(keys, p["personId"], p["key"])
                if t == "PersonRegistered":
                    people[p["personId"]] = p["roles"]
            elif t == "KeyRevoked" and p["keyId"] in keys:
                keys[p["keyId"]]["revoked"] = True
            elif t in ("EvidenceAttached", "EvidenceRevised"):
                revision = 1 if t == "EvidenceAttached" else p["revision"]
                contents[(p["evidenceId"], revision)] = {"type": p["content"]["type"], "sha256": p["content"]["sha256"], "erased": False}
            elif t == "EvidenceErased":
                content = contents.get((p["evidenceId"], p["revision"]))
                if content is None or content["type"] != "file" or content["sha256"] != p["sha256"] or content["erased"]:
                    raise Broken(f"erasure names no recorded file revision with digest {p['sha256']}")
                content["erased"] = True
                erased.append((p["evidenceId"], p["revision"], p["sha256"], event["at"]))
            elif t == "SignOffRequested":
                requests[p["requestId"]] = (p["stage"], p["cycle"], p["milestoneId"])
            elif t in ("SignOffGranted", "SignOffRefused"):
                key = keys.get(p["keyId"])
                if key is None or key["revoked"] or key["personId"] != event["actor"]["personId"]:
                    raise Broken(f"key {p['keyId']} is not a valid key of {event['actor']['personId']} at this point")
                stage, cycle, milestone = requests[p["requestId"]]
                statement = {
                    "type": "ankerpunkt.sign-off",
                    "version": 1,
                    "processId": process_id,
                    "milestone": {"id": milestone, "stage": stage, "cycle": cycle},
                    "requestId": p["requestId"],
                    "requestHash": p["requestHash"],
                    "decision": "granted" if t == "SignOffGranted" else "refused",
                    "comment": p["comment"],
                    "signedAt": p["signedAt"],
                    "signer": {"personId": event["actor"]["personId"], "role": event["actor"]["role"], "keyId": p["keyId"]},
                }
                if not verify_signature(key["publicKey"], statement, p["signature"], "signerKeyId" in event):
                    raise Broken("bad sign-off signature")
                key["signed"] += 1
            if "signerKeyId" in event:
                keys[event["signerKeyId"]]["signed"] += 1
        except Broken as problem:
            raise Broken(f"event {n} ({event.get('type')}): {problem}") from None
    return {"keys": keys, "process_id": process_id, "founder": founder, "signed_from": signed_from, "prev": prev, "erased": erased}


def check_head(bundle, w):
    head = bundle["head"]
    if head["eventCount"] != len(bundle["events"]) or head["headHash"] != w["prev"] or head["processId"] != w["process_id"]:
        raise Broken("head: event count, head hash or process id does not match the events")
    if bundle["formatVersion"] == 2:
        for member in ("format", "formatVersion", "templateVersion", "catalogVersion", "machineVersion"):
            if head[member] != bundle[member]:
                raise Broken(f"head: {member} is not the one the file names")
    exporter = w["keys"].get(head["exportedBy"]["keyId"])
    if exporter is None or exporter["revoked"] or exporter["personId"] != head["exportedBy"]["personId"]:
        raise Broken("head: not signed with a valid key of a person registered in the process")
    statement = {k: v for k, v in head.items() if k != "signature"}
    if not verify_signature(exporter["publicKey"], statement, head["signature"], bundle["formatVersion"] == 2):
        raise Broken("head: bad signature")


POLLUTING = {"__proto__", "constructor", "prototype"}


def _strict_int(token):
    # Plain integers only, as Ankerpunkt writes them and as every reader holds them exactly.
    value = int(token)
    if token == "-0" or abs(value) > 2**53 - 1:
        raise ValueError(f"number {token} is not a plain integer")
    return value


def _refuse_number(token):
    raise ValueError(f"number {token} is not a plain integer")


def _members(pairs):
    names = set()
    for name, value in pairs:
        if name in names:
            raise ValueError(f'member "{name}" appears twice in one object')
        if name in POLLUTING:
            raise ValueError(f'forbidden member "{name}"')
        for text in (name, value):
            if isinstance(text, str):
                text.encode("utf-8")  # a lone surrogate from an escape has no UTF-8 form
        names.add(name)
    return dict(pairs)


def strict_load(raw):
    """The strict JSON of docs/audit-bundle.md, "The file": refuses what could mean two things."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ValueError("byte-order mark")
    text = raw.decode("utf-8")  # strict: invalid UTF-8 raises
    value = json.loads(text, object_pairs_hook=_members, parse_int=_strict_int, parse_float=_refuse_number, parse_constant=_refuse_number)
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            item.encode("utf-8")
    return value


def main(argv):
    path = argv[0]
    trusted = [argv[i + 1].replace(" ", "").lower() for i in range(1, len(argv) - 1) if argv[i] == "--trust"]
    try:
        with open(path, "rb") as f:
            bundle = strict_load(f.read())
    except (OSError, ValueError) as error:
        print(f"not a bundle: {error}")
        return 2
    if not isinstance(bundle, dict) or bundle.get("format") != "ankerpunkt.audit-bundle" or bundle.get("formatVersion") not in (1, 2):
        print("not an Ankerpunkt audit bundle of format version 1 or 2")
        return 2
    try:
        w = walk(bundle)
        check_head(bundle, w)
    except (Broken, KeyError, TypeError) as problem:
        print(problem)
        return 1
    count, signed_from = len(bundle["events"]), w["signed_from"]
    print(f"intact: {count} events, head hash {w['prev']}")
    if signed_from != 1:
        unsigned = count if signed_from is None else signed_from - 1
        print(f"warning: {unsigned} events are not signed; who recorded them rests on the exporter")
    print(f"founder's key: {fingerprint(w['founder'])}")
    for key_id, key in w["keys"].items():
        if key["signed"]:
            print(f"signer: {key['personId']} {fingerprint(key_id)} ({key['signed']} signatures)")
    for evidence_id, revision, digest, at in w["erased"]:
        print(f"erased: evidence {evidence_id} revision {revision} sha256 {digest} (erasure logged at {at})")
    for fp in trusted:
        if fp != w["founder"]:
            print(f"not trusted: {fingerprint(fp)} is not the founder's key")
            return 1
        print(f"trusted: {fingerprint(fp)} is the founder's key")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
