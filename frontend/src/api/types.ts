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
export type SignUp = Json<paths['/api/v1/public/sign-ups/{manage_token}']['get']['responses'][200]>;
export type SignUpUpdate = Json<NonNullable<paths['/api/v1/public/sign-ups/{manage_token}']['patch']['requestBody']>>;
