"""Capacity is exact even when a whole team signs up at the same moment from their phones."""

import datetime as dt
import uuid
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

from sqlalchemy import func, select

from backend.cases.service import open_case
from backend.core import clock
from backend.core.access import Principal, Role
from backend.core.db import get_sessionmaker
from backend.events import service
from backend.events.models import SignUp, SignUpStatus
from backend.events.schemas import EventCreate
from backend.reviews import service as reviews
from tests.events_support import sign_up_body


def _arrange_event(capacity: int) -> str:
    office = Principal(kind="user", id=uuid.uuid4(), name="Business office",
                       role=Role.business_office, agency_id=None)
    with get_sessionmaker()() as session, session.begin():
        review = reviews.create_review(session, None, case=open_case(session, None, "Child CC"),
                                       decided_on=clock.today())
        _, token = service.create_event(session, office, EventCreate(
            review_id=review.id, kind="practitioner_learning_event", title="Practitioner learning event",
            date=clock.today() + dt.timedelta(days=30), start_time=dt.time(9, 30), end_time=dt.time(12, 0),
            location="Partnership Centre", capacity=capacity,
        ))
    return token


def test_capacity_is_held_exactly_when_twenty_sign_up_at_once(live_app):
    token = _arrange_event(capacity=5)
    start = Barrier(20)

    def sign_up(n: int) -> tuple[int, str]:
        start.wait()
        response = live_app.post(f"/api/v1/public/events/{token}", json=sign_up_body(n))
        return response.status_code, response.json().get("status", response.text)

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(sign_up, range(20)))
    assert all(code == 201 for code, _ in results), results
    statuses = [status for _, status in results]
    assert statuses.count("confirmed") == 5 and statuses.count("waiting_list") == 15
    with get_sessionmaker()() as session:
        rows = session.execute(select(SignUp.status, func.count()).group_by(SignUp.status)).all()
        assert dict(rows) == {SignUpStatus.confirmed: 5, SignUpStatus.waiting_list: 15}
        numbers = sorted(session.scalars(select(SignUp.queue_number)))
        assert numbers == list(range(1, 21))
    assert live_app.get(f"/api/v1/public/events/{token}").json()["places_left"] == 0


def test_concurrent_cancellations_promote_each_waiting_person_once(live_app):
    token = _arrange_event(capacity=3)
    manage = [live_app.post(f"/api/v1/public/events/{token}", json=sign_up_body(n)).json()["manage_token"]
              for n in range(6)]
    start = Barrier(3)

    def cancel(index: int) -> int:
        start.wait()
        return live_app.delete(f"/api/v1/public/sign-ups/{manage[index]}").status_code

    with ThreadPoolExecutor(max_workers=3) as pool:
        assert list(pool.map(cancel, range(3))) == [200, 200, 200]
    statuses = [live_app.get(f"/api/v1/public/sign-ups/{m}").json()["status"] for m in manage]
    assert statuses == ["cancelled"] * 3 + ["confirmed"] * 3
