// Turns RFC 9457 problem documents from the Inflow API into errors people can read.

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

/** An API answer that was not a success, with everything a form needs to show it. */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string;
  readonly fieldErrors: FieldError[];

  constructor(status: number, detail: string, fieldErrors: FieldError[] = []) {
    super(formatProblem({ status, detail, errors: fieldErrors }));
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'The request was malformed',
  401: 'You are not signed in',
  403: 'You are not allowed to do this',
  404: 'Not found',
  409: 'This conflicts with a change made elsewhere',
  413: 'The request is too large',
  422: 'Some fields are invalid',
  429: 'Too many requests, try again shortly',
};

/** Reads a problem document out of any JSON value, dropping whatever does not fit the shape. */
export function toProblem(value: unknown): Problem {
  if (typeof value !== 'object' || value === null) return {};
  const raw = value as Record<string, unknown>;
  const problem: Problem = {};
  if (typeof raw.type === 'string') problem.type = raw.type;
  if (typeof raw.title === 'string') problem.title = raw.title;
  if (typeof raw.status === 'number') problem.status = raw.status;
  if (typeof raw.detail === 'string') problem.detail = raw.detail;
  if (Array.isArray(raw.errors)) {
    problem.errors = raw.errors
      .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
      .map((e) => ({
        field: typeof e.field === 'string' ? e.field : '',
        message: typeof e.message === 'string' ? e.message : 'is invalid',
      }));
  }
  return problem;
}

/** One sentence (or a few) for a problem: the detail, then each invalid field. */
export function formatProblem(problem: Problem): string {
  const head =
    problem.detail?.trim() ||
    problem.title?.trim() ||
    (problem.status !== undefined ? STATUS_TEXT[problem.status] ?? `The server answered ${problem.status}` : '') ||
    'Something went wrong';
  const fields = (problem.errors ?? []).map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  return fields.length > 0 ? `${head} (${fields.join('; ')})` : head;
}

/** Builds an ApiError from a failed fetch Response, whether or not it carries a problem document. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  try {
    const text = await response.text();
    if (text) problem = toProblem(JSON.parse(text));
  } catch {
    // not JSON: fall back to the status line
  }
  const status = response.status;
  const detail = formatProblem({ ...problem, status, errors: [] });
  return new ApiError(status, detail, problem.errors ?? []);
}
