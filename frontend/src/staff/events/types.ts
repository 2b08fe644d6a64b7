import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<P extends keyof paths, M extends 'get' | 'post' | 'patch', S extends 200 | 201 = 200> = paths[P] extends Record<
  M,
  { responses: Record<S, infer R> }
>
  ? Json<R>
  : never;
type Body<P extends keyof paths, M extends 'post' | 'patch'> = paths[P] extends Record<M, { requestBody?: infer B }>
  ? Json<NonNullable<B>>
  : never;

// Derived from paths (not schema names), as api/types.ts does, so they follow the committed contract.
export type EventPage = Ok<'/api/v1/events', 'get'>;
export type Event = Ok<'/api/v1/events/{event_id}', 'get'>;
export type EventKind = Event['kind'];
export type EventCreate = Body<'/api/v1/events', 'post'>;
export type EventCreated = Ok<'/api/v1/events', 'post', 201>;
export type EventUpdate = Body<'/api/v1/events/{event_id}', 'patch'>;
export type OpenLink = Ok<'/api/v1/events/{event_id}/open-link', 'post', 201>;
export type Invitation = Ok<'/api/v1/events/{event_id}/invitations', 'get'>[number];
export type InvitationCreate = Body<'/api/v1/events/{event_id}/invitations', 'post'>;
export type InvitationCreated = Ok<'/api/v1/events/{event_id}/invitations', 'post', 201>;
export type Attendees = Ok<'/api/v1/events/{event_id}/attendees', 'get'>;
export type SignUp = Attendees['sign_ups'][number];
export type EventSummary = Ok<'/api/v1/events/{event_id}/summary', 'get'>;
export type ReviewPage = Ok<'/api/v1/reviews', 'get'>;
export type Review = ReviewPage['items'][number];
