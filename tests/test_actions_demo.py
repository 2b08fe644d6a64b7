"""The demo partnership's learning: Child RM's published review and Child KD's rapid review carry recommendations
and actions in every state a newcomer should see."""

from sqlalchemy import select

from backend.actions.models import ActionStatus, AgencyAction
from backend.core import clock
from backend.demo import seed_demo
from backend.recommendations.models import Recommendation


def test_the_demo_has_recommendations_with_sub_parts_and_actions_in_every_state(db, frozen_now):
    seed_demo(db)
    rm = db.scalars(select(Recommendation).where(Recommendation.child_reference == "Child RM",
                                                 Recommendation.parent_id.is_(None))).all()
    assert {r.label for r in rm if r.kind == "recommendation"} == {"1", "2", "3", "4", "5"}
    assert any(r.parts for r in rm) and all(r.themes or r.parts for r in rm)
    kd = db.scalars(select(Recommendation).where(Recommendation.child_reference == "Child KD")).all()
    assert kd and all(r.rapid_review_id for r in kd)
    actions = db.scalars(select(AgencyAction)).all()
    statuses = {a.status for a in actions}
    assert {ActionStatus.complete, ActionStatus.completion_requested, ActionStatus.cancelled,
            ActionStatus.in_progress, ActionStatus.not_started} <= statuses
    complete = [a for a in actions if a.status == ActionStatus.complete]
    assert all(a.evidence_of_impact for a in complete)
    overdue = [a for a in actions if a.status in (ActionStatus.not_started, ActionStatus.in_progress)
               and a.due_date < clock.today()]
    assert len(overdue) >= 2
    # Child KD's two immediate actions and Child EO's two (rapid_reviews/demo.py) are in the tracker too.
    assert sum(1 for a in actions if a.immediate_action_id) == 4
