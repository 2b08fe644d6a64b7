"""Settings read from the environment (and an optional `.env`), documented in README."""

import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SECRET = "development-only-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{ROOT / 'data' / 'cspr.db'}"

    secret_key: str = DEFAULT_SECRET
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    jwt_issuer: str = "cspr-api"
    jwt_audience: str = "cspr"
    access_token_minutes: int = 15
    refresh_token_days: int = 14
    lockout_attempts: int = 5
    lockout_minutes: int = 15
    # Failed requests to the token endpoint per hour, from one client address and for one account (an e-mail
    # address or client_id, known or not); past either, 429 with Retry-After before anything is checked.
    sign_in_failures_per_ip: int = Field(default=30, ge=1)
    sign_in_failures_per_account: int = Field(default=10, ge=1)

    # Requests the API works on at once; more wait their turn (core/admission.py). The database pool holds two
    # connections for each, and anyio's 40 worker threads are enough for at most 40.
    requests_in_flight: int = Field(default=12, ge=1, le=40)
    # Of those, how many may build a large answer (a report version, an integrated chronology, an export) at once.
    large_answers_at_once: int = Field(default=2, ge=1, le=40)

    frontend_url: str = "http://localhost:8000"
    frontend_dist: Path = ROOT / "frontend" / "dist"
    cors_origins: list[str] = []
    # Proxies (addresses separated by commas, or "*") whose X-Real-IP / right-most X-Forwarded-For entry is
    # taken as the client's address (core/ratelimit.client_address);
    # "*" behind docker-compose's nginx, where the API is reachable only through it.
    forwarded_allow_ips: str = "127.0.0.1"

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_security: Literal["none", "starttls", "tls"] = "starttls"
    smtp_username: str | None = None
    smtp_password: str | None = None
    mail_from: str = "Safeguarding Reviews <no-reply@safeguarding-reviews.local>"
    mail_max_attempts: int = Field(default=6, ge=1)
    mail_retry_base_seconds: int = Field(default=60, ge=1)
    reminder_digest_hour: int = Field(default=7, ge=0, le=23)
    # Run the reminder/e-mail jobs in a thread of the API process; on by default in development only.
    run_worker_in_process: bool = False
    worker_interval_seconds: int = Field(default=60, ge=1)
    worker_heartbeat_file: Path = Path(tempfile.gettempdir()) / "cspr-worker.heartbeat"

    @field_validator("smtp_host", "smtp_username", "smtp_password", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _worker_in_process_in_development(self) -> "Settings":
        if "run_worker_in_process" not in self.model_fields_set and self.environment == "development":
            self.run_worker_in_process = True
        return self

    # Public (no-account) endpoints: practitioners signing up for events from a phone.
    public_requests_per_minute_per_ip: int = 30
    public_writes_per_hour_per_token: int = 10
    # An event's open link is shared with a whole workforce, so it allows many more sign-ups.
    public_signups_per_hour_per_open_link: int = 300
    # The 15 working days for sending the rapid review to the National Panel count from the day the
    # Panel was notified (the National Panel's reading) or, locally, from the day the authority became aware.
    rapid_review_deadline_anchor: Literal["panel_notified", "became_aware"] = "panel_notified"
    # Who is told that a review has been commissioned and who leads it (seed 003, "Commissioning a Lead
    # Reviewer"): the national mailboxes the guidance names. Set them to a test mailbox outside production.
    national_panel_email: str = "Mailbox.NationalReviewPanel@education.gov.uk"
    ofsted_email: str = "SCR.SIN@ofsted.gov.uk"
    dfe_email: str = "Mailbox.CPOD@education.gov.uk"
    # The partnership's name, as the notices sign off.
    partnership_name: str = "The Safeguarding Children Partnership"
    # How this partnership names the three safeguarding partners and the people who act for them (Working Together
    # 2023's words by default). A partnership still using older names sets them here, e.g. "the clinical
    # commissioning group" or "Strategic lead"; identity/partners.py is the one place that reads them.
    partner_name_local_authority: str = Field(default="the local authority", min_length=1, max_length=100)
    partner_name_integrated_care_board: str = Field(default="the integrated care board", min_length=1, max_length=100)
    partner_name_police: str = Field(default="the police", min_length=1, max_length=100)
    partner_role_name: str = Field(default="Safeguarding partner (lead or delegate)", min_length=1, max_length=100)
    # The final overview report reaches the National Panel at least this many days before publication.
    publication_notice_days: int = Field(default=14, ge=0)

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> "Settings":
        if self.environment == "production" and self.secret_key == DEFAULT_SECRET:
            raise ValueError("SECRET_KEY must be set to a private value in production")
        if self.environment == "production" and len(self.secret_key) < 32:
            raise ValueError("SECRET_KEY must be at least 32 characters in production")
        return self


@lru_cache
def get_settings() -> Settings:
    return Settings()
