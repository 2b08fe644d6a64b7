"""Edits as a browser or a partnership system makes them: read the record, send its ETag back as If-Match."""

from typing import Any

import httpx
from fastapi.testclient import TestClient


def current_etag(client: TestClient, url: str, headers: dict[str, str]) -> str:
    read = client.get(url, headers=headers)
    assert read.status_code == 200 and read.headers.get("ETag"), (url, read.status_code, read.text)
    return read.headers["ETag"]


def edit(client: TestClient, method: str, url: str, *, headers: dict[str, str], json: Any,
         read: str | None = None) -> httpx.Response:
    """`method` `url` with the ETag of `read` (default: `url` itself) as If-Match."""
    return client.request(method, url, headers=headers | {"If-Match": current_etag(client, read or url, headers)},
                          json=json)
