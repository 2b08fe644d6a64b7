"""A short journey with the client openapi-python-client generates from openapi.yaml (no raw HTTP): sign in,
create a referral, read it back, and read the problem a refused request answers.

    python tests/generated_client_journey.py <base URL> <e-mail> <password>   (cspr_client importable)
"""

import json
import sys

from cspr_client import AuthenticatedClient, Client
from cspr_client.api.auth import token_api_v1_auth_token_post as sign_in
from cspr_client.api.referrals import create_referral_api_v1_referrals_post as create_referral
from cspr_client.api.referrals import read_referral_api_v1_referrals_referral_id_get as read_referral
from cspr_client.models import (
    BodyTokenApiV1AuthTokenPost,
    BodyTokenApiV1AuthTokenPostGrantType,
    Problem,
    ReferralCreate,
    ReferralRead,
    TokenResponse,
)


def main(base_url: str, email: str, password: str) -> dict[str, object]:
    token = sign_in.sync(client=Client(base_url=base_url), body=BodyTokenApiV1AuthTokenPost(
        grant_type=BodyTokenApiV1AuthTokenPostGrantType.PASSWORD, username=email, password=password))
    assert isinstance(token, TokenResponse), token
    client = AuthenticatedClient(base_url=base_url, token=token.access_token)

    created = create_referral.sync(client=client, body=ReferralCreate(child_reference="Child GC"))
    assert isinstance(created, ReferralRead), created
    read = read_referral.sync(created.id, client=client)
    assert isinstance(read, ReferralRead) and read.child_reference == "Child GC"

    refused = create_referral.sync_detailed(client=client, body=ReferralCreate(child_reference="C" * 300))
    problem = refused.parsed
    assert isinstance(problem, Problem), refused.content
    return {"referral": str(read.id), "state": str(read.state), "refused_status": int(refused.status_code),
            "problem_title": problem.title, "problem_fields": [error.field for error in problem.errors or []]}


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:4])))
