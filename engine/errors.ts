/** Stable error codes: scripts and the HTTP edge depend on them, so only ever add. */
export type ErrorCode =
  | 'bad-input'
  | 'not-found'
  | 'forbidden'
  | 'conflict'
  | 'definition-invalid'
  | 'definition-not-found'
  | 'instance-not-found'
  | 'instance-not-active'
  | 'task-not-found'
  | 'task-not-open'
  | 'message-not-correlated'
  | 'variables-invalid'
  | 'expression-failed'
  | 'expression-too-costly'
  | 'migration-invalid'
  | 'xml-invalid'
  | 'xml-too-large'
  | 'form-invalid'
  | 'term-invalid'
  | 'clock-invalid'
  | 'clock-required'
  | 'unauthorized'
  | 'rate-limited'
  | 'too-large'
  | 'form-missing'
  | 'template-invalid'
  | 'template-missing'
  | 'internal';

export interface Problem {
  code: string;
  elementId?: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly problems?: Problem[];

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: unknown; problems?: Problem[] } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.problems = options.problems;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Wraps anything thrown into an AppError, keeping the cause; never exposes a stack to users. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('internal', 'An internal error occurred.', { cause: err });
}
