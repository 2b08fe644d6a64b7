"""The cases migration on data: rows made under the schema before it end up on the right child's case."""

import os
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import MetaData, make_url, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from backend.cases.models import Case
from backend.core.db import make_engine
from backend.core.migrations import alembic_config
from backend.deadlines.models import Deadline
from backend.incident_notifications.models import IncidentNotification, NotifiedChild
from backend.information_requests.models import InformationRequest
from backend.rapid_reviews.models import ImmediateAction, RapidReview
from backend.referrals.models import Referral
from backend.reviews.models import Review
from tests.conftest import empty_postgres

BEFORE, CASES = "20261201_60", "20261202_cases"


class OldRows:
    """Inserts rows as the schema before the case had them (ids as SQLite stores them)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.tables = MetaData()
        self.tables.reflect(bind=connection)

    def key(self, value: uuid.UUID) -> uuid.UUID | str:
        return value.hex if self.connection.dialect.name == "sqlite" else value

    def add(self, table: str, created: int = 1, **values: Any) -> uuid.UUID:
        row_id = uuid.uuid4()
        columns = self.tables.tables[table].c
        moment = datetime(2026, 11, created, 9, 0)
        row = {"id": self.key(row_id), "created_at": moment, "updated_at": moment, "version": 1}
        row = {k: v for k, v in row.items() if k in columns} | {
            k: self.key(v) if isinstance(v, uuid.UUID) else v for k, v in values.items()}
        self.connection.execute(self.tables.tables[table].insert().values(row))
        return row_id


@pytest.fixture(params=["sqlite"] + (["postgresql"] if os.environ.get("TEST_POSTGRES_URL") else []))
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database at the revision before the cases (on PostgreSQL, a database of its own)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/before.db"
    else:
        target = make_url(os.environ["TEST_POSTGRES_URL"])
        url = empty_postgres(target.set(database=f"{target.database}_migration").render_as_string(hide_password=False))
    command.upgrade(alembic_config(url), BEFORE)
    return url


def _arrange(rows: OldRows) -> dict[str, uuid.UUID]:
    ids: dict[str, uuid.UUID] = {}
    agency = rows.add("agencies", name="Harbour Trust", kind="childrens_social_care", statutory_partner=True,
                      active=True)
    ids["notification"] = rows.add(
        "incident_notifications", created=2, child_reference="Child BM", incident_date=date(2026, 11, 1),
        became_aware_on=date(2026, 11, 2), category="serious_harm", abuse_or_neglect_suspected=True, summary="Harm.")
    ids["child"] = rows.add("notified_children", notification_id=ids["notification"], position=0, name="Rowan Ash",
                            date_of_birth=date(2025, 3, 14), sex="Female", ethnicity="Mixed", address="7 Lantern Court")
    ids["notified_rapid_review"] = rows.add(
        "rapid_reviews", created=2, child_reference="Child BM", state="decided", opened_on=date(2026, 11, 2),
        source_type="incident_notification", source_id=ids["notification"], notification_id=ids["notification"],
        learning_mechanisms=[])
    ids["request"] = rows.add("information_requests", rapid_review_id=ids["notified_rapid_review"], agency_id=agency,
                              child_reference="Child BM", requested_on=date(2026, 11, 3), note="", state="requested")
    ids["action"] = rows.add("immediate_actions", rapid_review_id=ids["notified_rapid_review"], description="Act.",
                             agency_id=agency, due_date=date(2026, 11, 30))
    ids["cspr"] = rows.add("reviews", created=5, child_reference="Child BM", kind="cspr", decided_on=date(2026, 11, 5),
                           stage="commissioning", source_type="rapid_review", source_id=ids["notified_rapid_review"])
    referral = {"agency_id": agency, "senior_manager_agreed": True, "other_agencies": [], "chronology": [],
                "family_members": []}
    # A provisional reference that happens to be the notification's: another child, made later.
    ids["clashing_referral"] = rows.add("referrals", created=3, child_reference="Child BM", state="draft", **referral)
    ids["referral"] = rows.add("referrals", created=4, child_reference="Child KT", state="decided", **referral)
    ids["referral_rapid_review"] = rows.add(
        "rapid_reviews", created=6, child_reference="Child KT", state="gathering_information",
        opened_on=date(2026, 11, 6), source_type="referral", source_id=ids["referral"], learning_mechanisms=[])
    ids["case_mapping"] = rows.add("reviews", created=6, child_reference="Child KT", kind="case_mapping",
                                   decided_on=date(2026, 11, 6), stage="commissioning", source_type="referral",
                                   source_id=ids["referral"])
    ids["older_review"] = rows.add("reviews", created=7, child_reference="Child LW", kind="cspr",
                                   decided_on=date(2026, 10, 1), stage="commissioning", source_type="demo")
    deadline = {"due_date": date(2026, 12, 1), "status": "open", "link": "/"}
    SUBJECT_TYPES = {"notification": "incident_notification", "request": "information_request",
                     "action": "immediate_action", "referral": "referral", "cspr": "review"}
    for subject, kind, title, reference in (
            ("notification", "incident_notification", "Notify the National Panel about Child BM", "Child BM"),
            ("request", "information_request", "Additional information for the rapid review of Child BM", "Child BM"),
            ("action", "immediate_action", "Immediate action for Child BM", "Child BM"),
            ("referral", "referral_decision", "Decide on the referral for Child KT", "Child KT"),
            ("cspr", "review_completion", "Complete the review for Child BM", "Child BM")):
        ids[f"{kind}_deadline"] = rows.add("deadlines", kind=kind, subject_type=SUBJECT_TYPES[subject],
                                           subject_id=ids[subject],
                                           title=title, child_reference=reference, **deadline)
    ids["orphan_deadline"] = rows.add("deadlines", kind="agency_action", subject_type="action",
                                      subject_id=uuid.uuid4(), title="Action 3.2", child_reference="Child QQ",
                                      **deadline)
    return ids


def test_existing_records_move_onto_their_childs_case_and_references_stay_unique(old_database):
    engine = make_engine(old_database)
    with engine.begin() as connection:
        ids = _arrange(OldRows(connection))

    command.upgrade(alembic_config(old_database), "head")  # the models read the latest schema

    with Session(engine) as session:
        def case_of(model: type, key: str) -> Case:
            return session.get(model, ids[key]).case

        notified = case_of(IncidentNotification, "notification")
        assert notified.reference == "Child BM"
        for model, key in ((RapidReview, "notified_rapid_review"), (InformationRequest, "request"),
                           (Review, "cspr")):
            assert case_of(model, key) == notified, key
        assert session.get(Review, ids["cspr"]).rapid_review_id == ids["notified_rapid_review"]

        referred = case_of(Referral, "referral")
        assert referred.reference == "Child KT"
        rapid_review = session.get(RapidReview, ids["referral_rapid_review"])
        assert rapid_review.case == referred and rapid_review.referral_id == ids["referral"]
        assert rapid_review.source_type == "referral" and rapid_review.source_id == ids["referral"]
        case_mapping = session.get(Review, ids["case_mapping"])
        assert case_mapping.case == referred and case_mapping.referral_id == ids["referral"]

        assert case_of(Referral, "clashing_referral").reference == "Child BM (2)"
        assert case_of(Review, "older_review").reference == "Child LW"
        assert session.get(Review, ids["older_review"]).source_type is None
        assert session.scalar(select(Case).where(Case.reference == "Child BM")) == notified

        for kind, case in (("incident_notification", notified), ("information_request", notified),
                           ("immediate_action", notified), ("referral_decision", referred),
                           ("review_completion", notified)):
            deadline = session.get(Deadline, ids[f"{kind}_deadline"])
            assert deadline.case == case and "{child}" in deadline.title, kind
            assert case.reference in deadline.display_title
        orphan = session.get(Deadline, ids["orphan_deadline"])
        assert orphan.case is None and orphan.display_title == "Action 3.2"

        # SQLite copies a table to change it: the children of copied tables are all still there.
        assert session.get(NotifiedChild, ids["child"]) is not None
        assert session.get(ImmediateAction, ids["action"]) is not None
    engine.dispose()


def test_the_migration_can_be_undone_giving_every_record_its_reference_back(old_database):
    engine = make_engine(old_database)
    with engine.begin() as connection:
        ids = _arrange(OldRows(connection))
    config = alembic_config(old_database)
    command.upgrade(config, CASES)

    command.downgrade(config, BEFORE)

    with engine.connect() as connection:
        tables = MetaData()
        tables.reflect(bind=connection)
        assert "cases" not in tables.tables

        def row(table: str, key: str) -> Any:
            found = tables.tables[table]
            key_value = ids[key].hex if connection.dialect.name == "sqlite" else ids[key]
            return connection.execute(select(found).where(found.c.id == key_value)).one()

        assert row("referrals", "clashing_referral").child_reference == "Child BM (2)"
        referral_rapid_review = row("rapid_reviews", "referral_rapid_review")
        assert (referral_rapid_review.child_reference, referral_rapid_review.source_type) == ("Child KT", "referral")
        assert row("reviews", "cspr").source_type == "rapid_review"
        deadline = row("deadlines", "information_request_deadline")
        assert deadline.title == "Additional information for the rapid review of Child BM"
        assert deadline.child_reference == "Child BM"
    engine.dispose()
