import type { paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type TokenResponse = Json<paths['/api/v1/auth/token']['post']['responses'][200]>;
export type Me = Json<paths['/api/v1/me']['get']['responses'][200]>;
export type Role = NonNullable<Me['role']>;
export type DeadlinePage = Json<paths['/api/v1/deadlines']['get']['responses'][200]>;
export type Deadline = DeadlinePage['items'][number];
export type PublicEvent = Json<paths['/api/v1/public/events/{token}']['get']['responses'][200]>;
export type SignUpCreate = Json<NonNullable<paths['/api/v1/public/events/{token}']['post']['requestBody']>>;
export type SignUpCreated = Json<paths['/api/v1/public/events/{token}']['post']['responses'][201]>;
export type SignUp = Json<paths['/api/v1/public/sign-ups/{token}']['get']['responses'][200]>;
export type SignUpUpdate = Json<NonNullable<paths['/api/v1/public/sign-ups/{token}']['patch']['requestBody']>>;

// Stage 1 records. Derived from paths, not schema names, so they hold whatever FastAPI names the schemas.
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;
type Body<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P] extends Record<M, { requestBody?: infer B }>
  ? Json<NonNullable<B>>
  : never;

export type ReferralPage = Get<'/api/v1/referrals'>;
export type ReferralSummary = ReferralPage['items'][number];
export type Referral = Get<'/api/v1/referrals/{referral_id}'>;
export type ReferralState = Referral['state'];
export type ReviewType = NonNullable<Referral['review_type_requested']>;
export type ReferralUpdate = Body<'/api/v1/referrals/{referral_id}', 'patch'>;
export type ReferralRecommendation = Body<'/api/v1/referrals/{referral_id}/recommendation', 'post'>;
export type ReferralPartnerPosition = Body<'/api/v1/referrals/{referral_id}/partner-positions', 'post'>;
export type TimelineEntry = Get<'/api/v1/referrals/{referral_id}/timeline'>[number];
export type DueDate = NonNullable<Referral['due']>;

export type NotificationPage = Get<'/api/v1/incident-notifications'>;
export type NotificationSummary = NotificationPage['items'][number];
export type Notification = Get<'/api/v1/incident-notifications/{notification_id}'>;
export type NotificationCreate = Body<'/api/v1/incident-notifications', 'post'>;
export type IncidentCategory = Notification['category'];

export type RapidReviewPage = Get<'/api/v1/rapid-reviews'>;
export type RapidReviewSummary = RapidReviewPage['items'][number];
export type RapidReview = Get<'/api/v1/rapid-reviews/{rapid_review_id}'>;
export type RapidReviewState = RapidReview['state'];
export type RapidReviewReport = Get<'/api/v1/rapid-reviews/{rapid_review_id}/report'>;
export type RapidRecommendation = Body<'/api/v1/rapid-reviews/{rapid_review_id}/recommendation', 'post'>;
export type MeetingCreate = Body<'/api/v1/rapid-reviews/{rapid_review_id}/meeting', 'post'>;
export type LearningBriefing = Get<'/api/v1/rapid-reviews/{rapid_review_id}/learning-briefing'>;
export type RapidReviewPartnerPosition = Body<'/api/v1/rapid-reviews/{rapid_review_id}/partner-positions', 'post'>;
/** One of the three safeguarding partners on a rapid review or referral, with its position (null until recorded). */
export type PartnerPosition = RapidReview['partner_positions'][number];
export type SafeguardingPartner = PartnerPosition['partner'];
export type SafeguardingPartners = Get<'/api/v1/safeguarding-partners'>;

export type InformationRequestPage = Get<'/api/v1/information-requests'>;
export type InformationRequest = Get<'/api/v1/information-requests/{request_id}'>;
export type InformationRequestState = InformationRequest['state'];
export type InformationResponse = Body<'/api/v1/information-requests/{request_id}/draft', 'put'>;
export type InformationResponseRevision = Get<'/api/v1/information-requests/{request_id}/revisions'>[number];

export type AgencyPage = Get<'/api/v1/agencies'>;
export type Agency = AgencyPage['items'][number];

export type ImmediateAction = RapidReview['immediate_actions'][number];
export type ImmediateActionCreate = Body<'/api/v1/rapid-reviews/{rapid_review_id}/immediate-actions', 'post'>;
export type RapidComment = RapidReview['comments'][number];
export type NotificationUpdate = Body<'/api/v1/incident-notifications/{notification_id}', 'patch'>;

export type ReviewPage = Get<'/api/v1/reviews'>;
export type Review = Get<'/api/v1/reviews/{review_id}'>;
export type ReviewStageChange = Body<'/api/v1/reviews/{review_id}/stage', 'post'>;
export type ReviewStage = Review['stage'];
export type ReviewKind = Review['kind'];
export type ReviewUpdate = Body<'/api/v1/reviews/{review_id}', 'patch'>;

export type Case = Get<'/api/v1/cases/{case_id}'>;
export type CaseAccessPage = Get<'/api/v1/cases/{case_id}/access-log'>;
export type IdentifyingDetail = Get<'/api/v1/cases/{case_id}/identifying-details'>['details'][number];
export type CaseAccess = CaseAccessPage['items'][number];

export type UserPage = Get<'/api/v1/users'>;
export type User = UserPage['items'][number];
