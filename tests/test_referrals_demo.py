"""The demo partnership's referrals, as the integrator will seed them from backend/demo.py."""

from sqlalchemy import select

from backend.core.access import Role
from backend.deadlines.models import Deadline
from backend.demo import DEMO_PASSWORD, seed_demo
from backend.identity.models import User
from backend.referrals.models import Referral
from tests.referral_forms import URL


def test_demo_referrals_are_complete_and_in_different_states(db, client):
    seed_demo(db)
    users = {user.email.split("@")[0]: user for user in db.scalars(select(User))}
    referrals = {r.child_reference: r for r in db.scalars(select(Referral))}  # seed_demo made them
    assert {reference: r.state for reference, r in referrals.items()} == {
        "Child HW": "decided", "Child RL": "under_consideration", "Child SN": "awaiting_sign_off"}
    assert referrals["Child HW"].decision_agreed is True and referrals["Child HW"].decision_review_type == "cspr"
    kinds = {(d.kind, d.status) for d in db.scalars(select(Deadline))}
    assert {("referral_decision", "met"), ("referral_decision", "open"), ("referral_sign_off", "open")} <= kinds

    token = client.post("/api/v1/auth/token", data={"grant_type": "password", "password": DEMO_PASSWORD,
                                                    "username": users["business.office"].email}).json()
    listed = client.get(URL, headers={"Authorization": f"Bearer {token['access_token']}"}).json()
    assert {item["child_reference"] for item in listed["items"]} == {"Child HW", "Child RL"}
    assert users["business.office"].role == Role.business_office
