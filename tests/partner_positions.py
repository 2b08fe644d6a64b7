"""The three safeguarding partners, and their positions recorded through the API, for tests that need a rapid review
or a referral decided (partner_decisions/)."""

from typing import Any

from fastapi.testclient import TestClient

from backend.identity.models import SafeguardingPartner, User

SP = SafeguardingPartner


def three_partners(make: Any) -> dict[SafeguardingPartner, User]:
    """A lead (or delegate) of each partner, in its partner's agency: the same agencies whenever asked in a test."""
    return {SP.local_authority: make.partner(SP.local_authority, name="Lena Council"),
            SP.integrated_care_board: make.partner(SP.integrated_care_board, name="Ivy Board"),
            SP.police: make.partner(SP.police, name="Percy Constable")}


def decide(client: TestClient, make: Any, url: str, body: dict[str, Any],
           partners: dict[SafeguardingPartner, User] | None = None, headers: dict[str, str] | None = None) -> Any:
    """Each of the three partners records `body` as its position at `url` (a rapid review's or a referral's
    `/partner-positions`); the answer to the third, which makes the decision stand."""
    response: Any = None
    for user in (partners or three_partners(make)).values():
        response = client.post(url, headers=make.headers(user) | (headers or {}), json=body)
        assert response.status_code == 200, response.text
    return response
