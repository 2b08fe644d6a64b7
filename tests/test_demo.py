"""`make run` seeds a believable partnership: the demo must build on a fresh database and log in."""

from sqlalchemy import func, select

from backend.core.access import Role
from backend.demo import DEMO_PASSWORD, USERS, demo_logins, seed_demo
from backend.identity.models import Agency, SafeguardingPartner, User
from backend.referrals.models import Referral


def test_demo_partnership_has_statutory_partners_one_user_per_role_and_cases(db, client):
    link = seed_demo(db, only_if_empty=False)
    assert link and "/sign-up/" in link
    token = link.rsplit("/", 1)[1]
    assert client.get(f"/api/v1/public/events/{token}").json()["title"] == "Practitioner learning event"
    partners = db.scalars(select(Agency.safeguarding_partner).where(Agency.safeguarding_partner.is_not(None))).all()
    assert sorted(partners) == sorted(SafeguardingPartner)
    assert {u.role for u in db.scalars(select(User))} == set(Role)
    assert db.scalar(select(func.count()).select_from(Referral)) >= 2
    email = dict((local, f"{local}@") for _, local, *_ in USERS)["business.office"]
    login = next(address for _, address in demo_logins() if address.startswith(email))
    token = client.post("/api/v1/auth/token",
                        data={"grant_type": "password", "username": login, "password": DEMO_PASSWORD})
    assert token.status_code == 200


def test_demo_seed_is_skipped_when_data_exists(db):
    seed_demo(db, only_if_empty=False)
    assert seed_demo(db, only_if_empty=True) is None
