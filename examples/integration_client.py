"""A partnership system talking to the Safeguarding Reviews API (see docs/integration.md).

It gets a token with the client-credentials grant, asks who it is, optionally makes one write twice with the same
Idempotency-Key (showing the second answer is the stored first one), and optionally listens for webhooks and
checks their signatures. Only needs `httpx`.

    python examples/integration_client.py https://reviews.example.org CLIENT_ID CLIENT_SECRET \\
        --write-path /api/v1/referrals --write-body referral.json \\
        --webhook-secret whsec_... --listen 127.0.0.1:8765 --max-events 1

The write is whatever your client's scopes allow: a referral (`POST /api/v1/referrals`, body as the
`ReferralCreate` schema in openapi.yaml, scope `referrals:write`) is the usual one for a case system.
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


def get_token(http: httpx.Client, client_id: str, client_secret: str) -> dict:
    """Client-credentials grant (RFC 6749 §4.4), credentials as HTTP Basic. Tokens last 15 minutes."""
    response = http.post("/api/v1/auth/token", data={"grant_type": "client_credentials"},
                         auth=(client_id, client_secret))
    response.raise_for_status()
    return response.json()


def idempotent_post(http: httpx.Client, path: str, body: dict, key: str) -> httpx.Response:
    """POST with an Idempotency-Key: safe to repeat after a timeout or a dropped connection.

    Keep the key with the record you are sending until you have a response; reuse it on every retry of the same
    request, and use a new one for a new request. A 409 means the first try is still running: wait and retry.
    """
    return http.post(path, json=body, headers={"Idempotency-Key": key})


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
    parser.add_argument("--webhook-secret", help="the subscription's secret, to check deliveries")
    parser.add_argument("--write-path", default="/api/v1/referrals", help="where the idempotent POST goes")
    parser.add_argument("--write-body", type=Path, help="JSON file with the POST body; no write without it")
    parser.add_argument("--listen", metavar="HOST:PORT", help="receive webhooks here (needs --webhook-secret)")
    parser.add_argument("--max-events", type=int, default=1, help="stop listening after this many events")
    args = parser.parse_args(argv)

    with httpx.Client(base_url=args.base_url, timeout=30) as http:
        token = get_token(http, args.client_id, args.client_secret)
        print(f"token: obtained, expires in {token['expires_in']} s, scopes: {token['scope'] or '(none)'}")
        http.headers["Authorization"] = f"Bearer {token['access_token']}"

        me = http.get("/api/v1/me")
        me.raise_for_status()
        agency = (me.json().get("agency") or {}).get("name", "no agency")
        print(f"me: {me.json()['name']} acting for {agency}")

        if args.write_body is not None:
            body = json.loads(args.write_body.read_text())
            key = str(uuid.uuid4())
            first = idempotent_post(http, args.write_path, body, key)
            print(f"write: POST {args.write_path} -> {first.status_code} (Idempotency-Key {key})")
            if first.status_code >= 400:
                print(f"write refused: {first.text}")
                return 1
            retry = idempotent_post(http, args.write_path, body, key)
            replayed = retry.headers.get("Idempotent-Replayed") == "true"
            print(f"retry: -> {retry.status_code}, replayed: {str(replayed).lower()}, "
                  f"same body: {str(retry.content == first.content).lower()}")
            if not replayed or retry.content != first.content:
                return 1

    if args.listen:
        if not args.webhook_secret:
            parser.error("--listen needs --webhook-secret")
        listen(args.listen, args.webhook_secret, args.max_events)
    return 0


if __name__ == "__main__":
    sys.exit(main())
