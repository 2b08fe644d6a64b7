import { createApiClient } from '../api/client';
import { authFetch } from '../auth/session';

/** The typed client for staff endpoints: bearer token and silent refresh included. */
export const api = createApiClient(authFetch);
