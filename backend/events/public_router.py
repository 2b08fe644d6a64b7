"""No-account endpoints for practitioners on a phone: each is rate-limited and sees only event details."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from sqlalchemy import select

from backend.core.auth import DbSession
from backend.core.config import get_settings
from backend.core.errors import PROBLEM_RESPONSES
from backend.core.ratelimit import SlidingWindowLimiter, client_address, get_limiter
from backend.events import links, signups
from backend.events.calendar_invite import calendar_for
from backend.events.models import Event, SignUp
from backend.events.public_schemas import (
    PublicAgency,
    PublicCancelled,
    PublicEvent,
    PublicSignUp,
    PublicSignUpCreate,
    PublicSignUpCreated,
    PublicSignUpUpdate,
)
from backend.identity.models import Agency

Limiter = Annotated[SlidingWindowLimiter, Depends(get_limiter)]
Token = Annotated[str, Path(max_length=200, description="The token from the link")]
_RESPONSES = PROBLEM_RESPONSES | {429: {"description": "Too many requests (see Retry-After)"}}


def _per_ip(request: Request, response: Response, limiter: Limiter) -> None:
    # Links carry secrets in their path: never cache them, never leak them in a Referer.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    limiter.hit(f"ip:{client_address(request)}", get_settings().public_requests_per_minute_per_ip, 60,
                "Too many requests from your network.")


router = APIRouter(prefix="/api/v1/public", tags=["public sign-up"], responses=_RESPONSES,
                   dependencies=[Depends(_per_ip)])


def _per_token(session: DbSession, limiter: SlidingWindowLimiter, token: str) -> None:
    settings = get_settings()
    token_hash = links.hash_token(token)
    shared = session.scalar(select(Event.id).where(Event.open_link_hash == token_hash)) is not None
    limit = settings.public_signups_per_hour_per_open_link if shared else settings.public_writes_per_hour_per_token
    limiter.hit(f"token:{token_hash}", limit, 3600, "Too many changes through this link.")


def _public(session: DbSession, record: SignUp) -> PublicSignUp:
    return PublicSignUp(
        name=record.name, email=record.email, agency_name=record.agency_name, job_title=record.job_title,
        team=record.team, involvement=record.involvement, attendance=record.attendance,
        access_needs=record.access_needs, support=record.support, seniority=record.seniority,
        directly_involved=record.directly_involved, status=record.status, flagged=record.flagged,
        flag_reason=record.flag_reason, event=signups.public_event(session, record.event),
    )


@router.get("/agencies", response_model=list[PublicAgency])
def list_agencies(session: DbSession) -> list[PublicAgency]:
    """The partnership's agencies, for the sign-up form's list."""
    rows = session.scalars(select(Agency).where(Agency.active.is_(True)).order_by(Agency.name))
    return [PublicAgency(id=a.id, name=a.name) for a in rows]


@router.get("/events/{token}", response_model=PublicEvent)
def read_event(session: DbSession, token: Token) -> PublicEvent:
    """An event's practical details from an invitation or open link; 404 when unknown, revoked, expired or
    closed. Nothing about the review or the child is ever included."""
    event, _ = signups.resolve_sign_up_token(session, token)
    return signups.public_event(session, event)


@router.post("/events/{token}", response_model=PublicSignUpCreated, status_code=201)
def sign_up(session: DbSession, limiter: Limiter, token: Token, data: PublicSignUpCreate) -> PublicSignUpCreated:
    """Sign up. Past capacity you join the waiting list and are offered a place, in turn, when one frees up.

    One sign-up per e-mail per event: a second one answers 409 (change it through the private link instead).
    A senior service manager not directly involved is not refused but `flagged`, with the reason.
    """
    _per_token(session, limiter, token)
    record, manage_token = signups.sign_up(session, token, data)
    return PublicSignUpCreated(status=record.status.value, manage_token=manage_token, attendance=record.attendance,
                               flagged=record.flagged,
                               flag_reason=record.flag_reason, event=signups.public_event(session, record.event))


@router.get("/sign-ups/{token}", response_model=PublicSignUp)
def read_sign_up(session: DbSession, token: Token) -> PublicSignUp:
    """Your sign-up, through the private link from your confirmation."""
    return _public(session, signups.by_manage_token(session, token))


@router.patch("/sign-ups/{token}", response_model=PublicSignUp)
def update_sign_up(session: DbSession, limiter: Limiter, token: Token, data: PublicSignUpUpdate) -> PublicSignUp:
    """Change your details, how you will attend, or the support and access you need."""
    _per_token(session, limiter, token)
    return _public(session, signups.update_sign_up(session, token, data))


@router.delete("/sign-ups/{token}", response_model=PublicCancelled)
def cancel_sign_up(session: DbSession, limiter: Limiter, token: Token) -> PublicCancelled:
    """Cancel your place; the first person on the waiting list is offered it."""
    _per_token(session, limiter, token)
    signups.cancel(session, signups.by_manage_token(session, token))
    return PublicCancelled()


@router.get("/sign-ups/{token}/calendar.ics", response_class=Response,
            responses={200: {"content": {"text/calendar": {}}, "description": "An iCalendar invitation"}})
def calendar(session: DbSession, token: Token) -> Response:
    """The calendar invitation for your place (Europe/London local times)."""
    record = signups.by_manage_token(session, token)
    body = calendar_for(record.event, record, links.manage_url(token))
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="invite.ics"', "Cache-Control": "no-store"})
