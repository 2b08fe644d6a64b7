/** RFC 9457 problem details, as every API error is returned. */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string | null;
  errors?: FieldError[];
}

export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.title === 'string' && typeof v.status === 'number';
}

/** Thrown by `unwrap` so TanStack Query and forms see one error type. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

/** Turns an openapi-fetch result into its data, or throws an ApiError. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error === undefined && result.response.ok) return result.data as T;
  const { error, response } = result;
  const problem: Problem = isProblem(error)
    ? error
    : { title: response.statusText || 'Request failed', status: response.status };
  throw new ApiError(problem);
}

/** The message to show a person for an error of any kind. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return 'You have made too many requests. Wait a few minutes and try again.';
    if (error.status >= 500) return 'Sorry, there is a problem with the service. Try again later.';
    return error.problem.detail || error.problem.title;
  }
  return 'Sorry, the service could not be reached. Check your connection and try again.';
}
