"""The endpoints people hit most, as the load run and the SQL count ask for them.

Add a domain's endpoint with one `Endpoint(...)` entry in `ENDPOINTS` (see benchmarks/README.md). A path may
name `{limit}` (the page size: 50 under load, 10 and 100 when counting SQL) and any handle a seeder put in
`Seeding.handles` (`{review_id}`, `{agency_id}`, ...). `paths` gives a different path for one role.
"""

from dataclasses import dataclass, field

ROLES = ("agency_lead", "business_office")


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    paged: bool = False  # takes `{limit}`: counted at page sizes 10 and 100
    method: str = "GET"
    # A form body (sign-in); `{email}` and `{password}` are the role's.
    form: str | None = None
    authenticated: bool = True
    constant: bool = False  # the app's bare endpoint: the ceiling the others are a ratio of
    roles: tuple[str, ...] = ROLES
    paths: dict[str, str] = field(default_factory=dict)

    def path_for(self, role: str, handles: dict[str, str], limit: int = 50) -> str:
        return self.paths.get(role, self.path).format(limit=limit, **handles)


CONSTANT = Endpoint("constant (/healthz)", "/healthz", authenticated=False, constant=True)

ENDPOINTS: list[Endpoint] = [
    Endpoint("sign-in", "/api/v1/auth/token", method="POST", authenticated=False,
             form="grant_type=password&username={email}&password={password}"),
    Endpoint("me", "/api/v1/me"),
    Endpoint("dashboard deadlines", "/api/v1/deadlines?status=open&limit={limit}&offset=0", paged=True),
    Endpoint("dashboard count", "/api/v1/referrals?state=submitted&limit=0&offset=0"),
    Endpoint("referral list", "/api/v1/referrals?limit={limit}&offset=0", paged=True),
    Endpoint("information requests of an agency", "/api/v1/information-requests?limit={limit}&offset=0", paged=True,
             paths={"business_office": "/api/v1/information-requests?agency_id={agency_id}&limit={limit}&offset=0"}),
    Endpoint("review page", "/api/v1/reviews/{review_id}"),
    Endpoint("a review's submissions (chronologies)", "/api/v1/reviews/{review_with_2000_entries}/chronologies"),
    Endpoint("a review's key event analysis reports", "/api/v1/reviews/{review_with_2000_entries}/analysis-reports"),
    # The integrated chronology is the business office's and the review's (an agency reads its own chronology).
    Endpoint("integrated chronology (2,000 entries)",
             "/api/v1/reviews/{review_with_2000_entries}/integrated-chronology",
             roles=("business_office",)),
    Endpoint("integrated chronology (filtered)",
             "/api/v1/reviews/{review_with_2000_entries}/integrated-chronology?agency_id={chronology_agency_id}"
             "&from={chronology_from}&q=child", roles=("business_office",)),
    Endpoint("overview report page", "/api/v1/reviews/{review_id}/overview-report"),
    Endpoint("overview report version (30,000 words, with its anonymisation findings)",
             "/api/v1/reviews/{review_id}/overview-report/versions/{report_version_2}"),
    Endpoint("overview report diff (two 30,000-word versions)",
             "/api/v1/reviews/{review_id}/overview-report/diff?left={report_version_1}&right={report_version_2}"),
    Endpoint("action tracker (filtered)",
             "/api/v1/actions?agency_id={agency_id}&status=in_progress&status=not_started&limit={limit}&offset=0",
             paged=True),
    Endpoint("learning figures", "/api/v1/figures"),
]
