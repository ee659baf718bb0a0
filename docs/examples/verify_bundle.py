#!/usr/bin/env python3
"""Independent check of an Ankerpunkt audit bundle (format version 1), written only from
docs/audit-bundle.md: the hash chain, every sign-off signature with the key valid at the time,
the signed head, and that each erasure names a file revision the log recorded with that digest
(erased content is then expected to be absent). It does not replay the process rules;
`ankerpunkt verify` does that too.

Needs Python 3.9+ and the `cryptography` package. Usage: python3 verify_bundle.py BUNDLE.json
Exit 0 if intact, 1 naming the first problem, 2 if the file is not a version-1 bundle.
"""
import base64
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def canonical(value):
    # RFC 8785 for this format's data: ASCII keys, integers only, no lone surrogates.
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def verify_signature(public_key_b64, statement, signature_b64):
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64url(public_key_b64))
    raw = b64url(signature_b64)  # IEEE P1363: r || s, 32 bytes each
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    try:
        key.verify(der, canonical(statement), ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


def register(keys, person_id, key, where):
    if hashlib.sha256(b64url(key["publicKey"])).hexdigest()[:32] != key["keyId"]:
        raise ValueError(f"{where}: key id {key['keyId']} does not match its public key")
    keys[key["keyId"]] = {"personId": person_id, "publicKey": key["publicKey"], "revoked": False}


def main(path):
    try:
        with open(path, encoding="utf-8") as f:
            bundle = json.load(f)
    except (OSError, ValueError) as error:
        print(f"not a bundle: {error}")
        return 2
    if not isinstance(bundle, dict) or bundle.get("format") != "ankerpunkt.audit-bundle" or bundle.get("formatVersion") != 1:
        print("not an Ankerpunkt audit bundle of format version 1")
        return 2

    keys = {}  # keyId -> {"personId", "publicKey", "revoked"}
    requests = {}  # requestId -> (stage, cycle, milestoneId)
    contents = {}  # (evidenceId, revision) -> {"type", "sha256", "erased"}
    erased = []  # (evidenceId, revision, sha256, at) of each logged erasure
    process_id = None
    prev = "0" * 64
    for n, event in enumerate(bundle["events"], start=1):
        where = f"event {n} ({event.get('type')})"
        body = {k: v for k, v in event.items() if k != "hash"}
        if event["seq"] != n:
            print(f"{where}: sequence number {event['seq']}, expected {n}")
            return 1
        if event["prevHash"] != prev:
            print(f"{where}: prevHash does not match the previous event's hash")
            return 1
        if hashlib.sha256(canonical(body)).hexdigest() != event["hash"]:
            print(f"{where}: hash mismatch")
            return 1
        prev = event["hash"]

        t, p = event["type"], event["payload"]
        try:
            if t == "ProcessOpened":
                process_id = p["processId"]
                register(keys, p["founder"]["personId"], p["founder"]["key"], where)
            elif t in ("PersonRegistered", "KeyRegistered"):
                register(keys, p["personId"], p["key"], where)
        except ValueError as error:
            print(error)
            return 1
        if t == "KeyRevoked" and p["keyId"] in keys:
            keys[p["keyId"]]["revoked"] = True
        elif t in ("EvidenceAttached", "EvidenceRevised"):
            revision = 1 if t == "EvidenceAttached" else p["revision"]
            contents[(p["evidenceId"], revision)] = {"type": p["content"]["type"], "sha256": p["content"]["sha256"], "erased": False}
        elif t == "EvidenceErased":
            content = contents.get((p["evidenceId"], p["revision"]))
            if content is None or content["type"] != "file" or content["sha256"] != p["sha256"] or content["erased"]:
                print(f"{where}: erasure names no recorded file revision with digest {p['sha256']}")
                return 1
            content["erased"] = True
            erased.append((p["evidenceId"], p["revision"], p["sha256"], event["at"]))
        elif t == "SignOffRequested":
            requests[p["requestId"]] = (p["stage"], p["cycle"], p["milestoneId"])
        elif t in ("SignOffGranted", "SignOffRefused"):
            key = keys.get(p["keyId"])
            if key is None or key["revoked"] or key["personId"] != event["actor"]["personId"]:
                print(f"{where}: key {p['keyId']} is not a valid key of {event['actor']['personId']} at this point")
                return 1
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
            if not verify_signature(key["publicKey"], statement, p["signature"]):
                print(f"{where}: bad signature")
                return 1

    head = bundle["head"]
    if head["eventCount"] != len(bundle["events"]) or head["headHash"] != prev or head["processId"] != process_id:
        print("head: event count, head hash or process id does not match the events")
        return 1
    exporter = keys.get(head["exportedBy"]["keyId"])
    if exporter is None or exporter["revoked"] or exporter["personId"] != head["exportedBy"]["personId"]:
        print("head: not signed with a valid key of a person registered in the process")
        return 1
    if not verify_signature(exporter["publicKey"], {k: v for k, v in head.items() if k != "signature"}, head["signature"]):
        print("head: bad signature")
        return 1
    print(f"intact: {len(bundle['events'])} events, head hash {prev}")
    for evidence_id, revision, digest, at in erased:
        print(f"erased: evidence {evidence_id} revision {revision} sha256 {digest} (erasure logged at {at})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
