"""Upgrading a database whose information requests held their own answers moves each onto an agency's submission.

A request in every state is written as the previous schema (20261201_60) held it, with the audit entries the old
code wrote; after the upgrade each reads the same through the new tables, answered ones with their revision, and
a downgrade puts the latest answer back on the request.
"""

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from alembic import command
from sqlalchemy.orm import Session, joinedload, noload

from backend.core.db import UTCDateTime, make_engine
from backend.core.migrations import alembic_config
from backend.information_requests.models import InformationRequest
from backend.submissions.models import AgencySubmission, AgencySubmissionRevision, SubmissionKind, SubmissionState
from tests.test_rapid_reviews import RESPONSE

BEFORE, CASES = "20261201_60", "20261202_cases"
THIS = "20261202_74"
WHEN = dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC)
REVISED = RESPONSE | {"analysis": "Nobody asked who lived in the home."}


agencies = sa.table("agencies", sa.column("id", sa.Uuid()), sa.column("name", sa.String()),
                  sa.column("kind", sa.String()), sa.column("statutory_partner", sa.Boolean()),
                  sa.column("active", sa.Boolean()), sa.column("created_at", UTCDateTime()),
                  sa.column("updated_at", UTCDateTime()))
rapid_reviews = sa.table("rapid_reviews", sa.column("id", sa.Uuid()), sa.column("child_reference", sa.String()),
                       sa.column("state", sa.String()), sa.column("opened_on", sa.Date()),
                       sa.column("source_type", sa.String()), sa.column("source_id", sa.Uuid()),
                       sa.column("learning_mechanisms", sa.JSON()), sa.column("created_at", UTCDateTime()),
                       sa.column("updated_at", UTCDateTime()))
old_requests = sa.table("information_requests", sa.column("id", sa.Uuid()), sa.column("rapid_review_id", sa.Uuid()),
                      sa.column("agency_id", sa.Uuid()), sa.column("child_reference", sa.String()),
                      sa.column("requested_on", sa.Date()), sa.column("note", sa.Text()),
                      sa.column("state", sa.String()), sa.column("draft", sa.JSON()),
                      sa.column("submission", sa.JSON()), sa.column("submitted_at", UTCDateTime()),
                      sa.column("submitted_by_name", sa.String()), sa.column("return_reasons", sa.Text()),
                      sa.column("version", sa.Integer()), sa.column("created_at", UTCDateTime()),
                      sa.column("updated_at", UTCDateTime()))
audit_events = sa.table("audit_events", sa.column("id", sa.Uuid()), sa.column("occurred_at", UTCDateTime()),
                      sa.column("actor_type", sa.String()), sa.column("actor_id", sa.Uuid()),
                      sa.column("actor_name", sa.String()), sa.column("action", sa.String()),
                      sa.column("entity_type", sa.String()), sa.column("entity_id", sa.String()),
                      sa.column("summary", sa.Text()), sa.column("changes", sa.JSON()))

LEAD, OFFICE = uuid.uuid4(), uuid.uuid4()

# Each agency's request as the old code left it, and the steps its audit log recorded (action, minutes in).
REQUESTS: dict[str, dict[str, Any]] = {
    "asked": dict(state="requested", draft=None, submission=None, return_reasons=None, version=1, steps=[]),
    "drafting": dict(state="draft", draft=RESPONSE | {"analysis": ""}, submission=None, return_reasons=None,
                     version=2, steps=[]),
    "answered": dict(state="submitted", draft=RESPONSE, submission=RESPONSE, return_reasons=None, version=3,
                     steps=[("submit", 1)]),
    "returned": dict(state="returned", draft=RESPONSE, submission=RESPONSE, return_reasons="Add the sibling.",
                     version=4, steps=[("submit", 1), ("return_for_more", 2)]),
    "redrafting": dict(state="draft", draft=REVISED, submission=RESPONSE, return_reasons="Add the sibling.",
                       version=5, steps=[("submit", 1), ("return_for_more", 2)]),
    "resubmitted": dict(state="submitted", draft=REVISED, submission=REVISED, return_reasons="Add the sibling.",
                        version=6, steps=[("submit", 1), ("return_for_more", 2), ("submit", 3)]),
}


def _write_the_old_rows(engine: sa.Engine) -> dict[str, uuid.UUID]:
    ids = {name: uuid.uuid4() for name in REQUESTS}
    rapid_review_id = uuid.uuid4()
    with engine.begin() as connection:
        connection.execute(sa.insert(rapid_reviews).values(
            id=rapid_review_id, child_reference="Child BM", state="gathering_information", opened_on=WHEN.date(),
            source_type="incident_notification", source_id=uuid.uuid4(), learning_mechanisms=[], created_at=WHEN,
            updated_at=WHEN))
        for name, old in REQUESTS.items():
            agency_id = uuid.uuid4()
            connection.execute(sa.insert(agencies).values(
                id=agency_id, name=f"Agency {name}", kind="police", statutory_partner=True, active=True,
                created_at=WHEN, updated_at=WHEN))
            answered = old["submission"] is not None
            connection.execute(sa.insert(old_requests).values(
                id=ids[name], rapid_review_id=rapid_review_id, agency_id=agency_id, child_reference="Child BM",
                requested_on=WHEN.date(), note="", state=old["state"], draft=old["draft"],
                submission=old["submission"], submitted_at=WHEN + dt.timedelta(minutes=3) if answered else None,
                submitted_by_name="Dan Reilly" if answered else None, return_reasons=old["return_reasons"],
                version=old["version"], created_at=WHEN, updated_at=WHEN + dt.timedelta(minutes=5)))
            for action, minutes in old["steps"]:
                by_lead = action == "submit"
                connection.execute(sa.insert(audit_events).values(
                    id=uuid.uuid4(), occurred_at=WHEN + dt.timedelta(minutes=minutes), actor_type="user",
                    actor_id=LEAD if by_lead else OFFICE, actor_name="Dan Reilly" if by_lead else "Priya Shah",
                    action=action, entity_type="information_request", entity_id=str(ids[name]), summary="",
                    changes={}))
    return ids


def test_upgrading_moves_every_request_onto_a_submission_with_its_revision_and_back_on_downgrade(tmp_path):
    url = f"sqlite:///{tmp_path}/old.db"
    config = alembic_config(url)
    command.upgrade(config, BEFORE)
    engine = make_engine(url)
    ids = _write_the_old_rows(engine)

    command.upgrade(config, THIS)
    with Session(engine) as session:
        # Read as this revision left them: the agency's columns have moved on since (safeguarding_partner).
        unjoined = [noload(InformationRequest.agency),
                    joinedload(InformationRequest.submission).noload(AgencySubmission.agency)]
        requests = {name: session.get(InformationRequest, ids[name], options=unjoined) for name in REQUESTS}
        for name, old in REQUESTS.items():
            submission = requests[name].submission
            assert submission.kind == SubmissionKind.information_request
            assert submission.agency_id == requests[name].agency_id
            assert (submission.state, submission.draft, submission.content) == (
                SubmissionState(old["state"]), old["draft"], old["submission"]), name
            assert submission.version == old["version"], "an ETag read before the upgrade is still current"
            assert submission.return_reasons == old["return_reasons"]
        assert requests["asked"].submission.revision == 0 and requests["drafting"].submission.revision == 0
        assert requests["answered"].submission.submitted_by_id == LEAD

        revisions = {name: session.scalars(sa.select(AgencySubmissionRevision).where(
            AgencySubmissionRevision.submission_id == requests[name].submission_id)).all() for name in REQUESTS}
        assert [len(revisions[name]) for name in REQUESTS] == [0, 0, 1, 1, 1, 1]
        [answered], [returned], [redrafting], [resubmitted] = (
            revisions[n] for n in ("answered", "returned", "redrafting", "resubmitted"))
        assert (answered.number, answered.content, answered.returned_at) == (1, RESPONSE, None)
        assert answered.submitted_by_id == LEAD and answered.submitted_by_name == "Dan Reilly"
        for sent_back in (returned, redrafting):
            assert (sent_back.number, sent_back.return_reasons) == (1, "Add the sibling.")
            assert sent_back.returned_at == WHEN + dt.timedelta(minutes=2)
            assert (sent_back.returned_by_id, sent_back.returned_by_name) == (OFFICE, "Priya Shah")
        # The first response was overwritten by the old design; the one kept is numbered as the second.
        assert (resubmitted.number, resubmitted.content, resubmitted.returned_at) == (2, REVISED, None)
        assert requests["resubmitted"].submission.resubmitted

    command.downgrade(config, CASES)  # the revision this one follows: the request's own columns are back
    kept = [c for c in old_requests.c if c.name != "child_reference"]  # held by the case from CASES on
    with engine.connect() as connection:
        rows = {row.id: row for row in connection.execute(sa.select(*kept))}
    for name, old in REQUESTS.items():
        row = rows[ids[name]]
        assert (row.state, row.draft, row.submission, row.return_reasons, row.version) == (
            old["state"], old["draft"], old["submission"], old["return_reasons"], old["version"]), name
    engine.dispose()
