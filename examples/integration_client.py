"""A partnership system talking to the Safeguarding Reviews API: the worked example of docs/integration.md.

In order, it
1. gets a token with the client-credentials grant and asks who it is (`GET /api/v1/me`);
2. drafts a referral (`POST /api/v1/referrals`) with an Idempotency-Key, then sends the very same request again,
   as a retry after a lost answer would, and shows the second answer is the first one replayed: one referral;
3. picks up the oldest open information request for its agency, saves the response as a draft and submits it,
   each change sent with the ETag it read as If-Match;
4. optionally listens for webhooks and checks each delivery's signature before trusting it.

Only needs `httpx`:

    python examples/integration_client.py https://reviews.example.org CLIENT_ID CLIENT_SECRET \\
        --referral referral.json --response response.json \\
        --webhook-secret whsec_... --listen 127.0.0.1:8765 --max-events 1

`referral.json` is a `ReferralCreate` and `response.json` an `InformationResponse` (schemas in openapi.yaml). The
client needs the scopes `referrals:write` (step 2) and `information_requests:write` (step 3).
"""

import argparse
import hashlib
import hmac
import json
import sys
import time
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import httpx

OPEN_STATES = ("requested", "draft", "returned")


class Refused(Exception):
    """The API said no: the message says what to do about it."""


def get_token(http: httpx.Client, client_id: str, client_secret: str) -> dict:
    """Client-credentials grant (RFC 6749 §4.4), credentials as HTTP Basic. Tokens last 15 minutes."""
    response = http.post("/api/v1/auth/token", data={"grant_type": "client_credentials"},
                         auth=(client_id, client_secret))
    response.raise_for_status()
    return response.json()


def idempotent_post(http: httpx.Client, path: str, body: dict | None, key: str,
                    headers: dict[str, str] | None = None) -> httpx.Response:
    """POST with an Idempotency-Key: safe to repeat after a timeout or a dropped connection.

    Keep the key with the record you are sending until you have a response; reuse it on every retry of the same
    request, and use a new one for a new request. A 409 means the first try is still running: wait and retry.
    """
    return http.post(path, json=body, headers={"Idempotency-Key": key, **(headers or {})})


def checked(response: httpx.Response, what: str) -> httpx.Response:
    """The response if it succeeded; otherwise `Refused`, explaining a stale or missing If-Match."""
    if response.status_code == 412:
        raise Refused(f"{what}: someone changed the record since it was read (412); nothing was changed. "
                      "Read it again, reconcile, and retry with the new ETag.")
    if response.status_code == 428:
        raise Refused(f"{what}: If-Match is required (428); send the ETag the record was read with.")
    if response.is_error:
        raise Refused(f"{what}: {response.status_code} {response.text}")
    return response


def submit_referral(http: httpx.Client, body: dict) -> None:
    """Draft a referral; then retry the identical request, which is answered from the first, not repeated."""
    key = str(uuid.uuid4())
    first = checked(idempotent_post(http, "/api/v1/referrals", body, key), "referral")
    referral = first.json()
    print(f"referral: POST /api/v1/referrals -> {first.status_code}, {referral['child_reference']} "
          f"({referral['state']}), id {referral['id']}, ETag {first.headers.get('ETag')}")
    retry = checked(idempotent_post(http, "/api/v1/referrals", body, key), "referral retry")
    replayed = retry.headers.get("Idempotent-Replayed") == "true"
    same = retry.json()["id"] == referral["id"] and retry.content == first.content
    print(f"retry: same Idempotency-Key -> {retry.status_code}, replayed: {str(replayed).lower()}, "
          f"same referral: {str(same).lower()}")
    if not (replayed and same):
        raise Refused("the retry was not answered with the first response")


def answer_information_request(http: httpx.Client, response: dict) -> None:
    """Save the response as a draft, then submit it: each change names the version it was made against."""
    listed = checked(http.get("/api/v1/information-requests", params={"limit": 100}), "information requests")
    waiting = sorted((r for r in listed.json()["items"] if r["state"] in OPEN_STATES),
                     key=lambda r: (r["requested_on"], r["id"]))
    print(f"information requests: {len(waiting)} open for the agency")
    if not waiting:
        return
    url = f"/api/v1/information-requests/{waiting[0]['id']}"
    read = checked(http.get(url), "read")
    request, etag = read.json(), read.headers["ETag"]
    due = (request["due"] or {}).get("due_date", "no due date")
    print(f"read: {request['child_reference']}, {request['state']}, due {due}, ETag {etag}")

    saved = checked(http.put(f"{url}/draft", json=response, headers={"If-Match": etag}), "draft")
    etag = saved.headers["ETag"]
    print(f"draft: PUT {url}/draft with If-Match -> {saved.status_code}, {saved.json()['state']}, ETag {etag}")

    # No body: the saved draft is what is submitted. If-Match makes sure it is the draft this system saved.
    submitted = checked(idempotent_post(http, f"{url}/submit", None, str(uuid.uuid4()), {"If-Match": etag}),
                        "submit")
    print(f"submit: POST {url}/submit with If-Match -> {submitted.status_code}, {submitted.json()['state']}, "
          f"ETag {submitted.headers['ETag']}")


def verify_signature(secret: str, header: str, body: bytes | str, *, tolerance_seconds: int | None = 300,
                     now: float | None = None) -> bool:
    """True when `Webhook-Signature` (`t=<unix time>,v1=<hex>`) was made with `secret` over this exact body.

    The signature is HMAC-SHA256 of `<t>.<raw body>`; a timestamp further than `tolerance_seconds` from now is
    refused, so a captured delivery cannot be replayed later.
    """
    raw = body.encode() if isinstance(body, str) else body
    pairs = [item.strip().split("=", 1) for item in header.split(",") if "=" in item]
    timestamps = [value for name, value in pairs if name == "t"]
    if len(timestamps) != 1 or not timestamps[0].isdigit():
        return False
    timestamp = int(timestamps[0])
    if tolerance_seconds is not None and abs((time.time() if now is None else now) - timestamp) > tolerance_seconds:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + raw, hashlib.sha256).hexdigest()
    # More than one v1 may be sent while a secret is being changed; any match will do.
    return any(hmac.compare_digest(expected, value) for name, value in pairs if name == "v1")


def listen(address: str, secret: str, max_events: int) -> None:
    """Receive webhooks: answer 204 to a correctly signed delivery (once per Webhook-Id), 400 otherwise."""
    host, _, port = address.rpartition(":")
    seen: set[str] = set()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server naming
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if not verify_signature(secret, self.headers.get("Webhook-Signature", ""), body):
                print("rejected a delivery with a bad signature", flush=True)
                self.send_response(400)
                self.end_headers()
                return
            delivery_id = self.headers.get("Webhook-Id", "")
            if delivery_id not in seen:
                seen.add(delivery_id)
                event = json.loads(body)
                print(f"verified webhook {event['type']} {event['id']} for {event['data']['child_reference']}",
                      flush=True)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    with HTTPServer((host, int(port)), Receiver) as server:
        print(f"listening for webhooks on http://{host}:{port}/", flush=True)
        while len(seen) < max_events:
            server.handle_request()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url")
    parser.add_argument("client_id")
    parser.add_argument("client_secret")
    parser.add_argument("--referral", type=Path, help="JSON file with a referral (ReferralCreate) to draft")
    parser.add_argument("--response", type=Path,
                        help="JSON file with the answer (InformationResponse) to the oldest open information request")
    parser.add_argument("--webhook-secret", help="the subscription's secret, to check deliveries")
    parser.add_argument("--listen", metavar="HOST:PORT", help="receive webhooks here (needs --webhook-secret)")
    parser.add_argument("--max-events", type=int, default=1, help="stop listening after this many events")
    args = parser.parse_args(argv)
    if args.listen and not args.webhook_secret:
        parser.error("--listen needs --webhook-secret")

    with httpx.Client(base_url=args.base_url, timeout=30) as http:
        token = get_token(http, args.client_id, args.client_secret)
        print(f"token: obtained, expires in {token['expires_in']} s, scopes: {token['scope'] or '(none)'}")
        http.headers["Authorization"] = f"Bearer {token['access_token']}"

        me = checked(http.get("/api/v1/me"), "me").json()
        print(f"me: {me['name']} acting for {(me.get('agency') or {}).get('name', 'no agency')}")
        try:
            if args.referral is not None:
                submit_referral(http, json.loads(args.referral.read_text()))
            if args.response is not None:
                answer_information_request(http, json.loads(args.response.read_text()))
        except Refused as refusal:
            print(f"refused: {refusal}")
            return 1

    if args.listen:
        listen(args.listen, args.webhook_secret, args.max_events)
    return 0


if __name__ == "__main__":
    sys.exit(main())
