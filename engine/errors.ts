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
  /** An element's input or output mapping could not be evaluated (its details name the mapping). */
  | 'mapping-failed'
  | 'migration-invalid'
  | 'xml-invalid'
  | 'xml-too-large'
  | 'form-invalid'
  | 'term-invalid'
  | 'clock-invalid'
  | 'clock-required'
  | 'unauthorized'
  | 'rate-limited'
  | 'not-ready'
  | 'too-large'
  | 'form-missing'
  | 'template-invalid'
  | 'template-missing'
  | 'decision-invalid'
  | 'decision-not-found'
  | 'decision-failed'
  | 'payment-amount-invalid'
  | 'payment-not-found'
  | 'payment-signature-invalid'
  | 'payment-mismatch'
  | 'refund-invalid'
  | 'internal';

export interface Problem {
  code: string;
  elementId?: string;
  message: string;
}

/** Text for people, in each language the application speaks; whoever shows it picks the reader's. */
export interface Wording {
  ro: string;
  en: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly problems?: Problem[];
  /** The message for people, when it was written in each language (`message` then holds the English). */
  readonly wording?: Wording;

  constructor(code: ErrorCode, message: string | Wording, options: { cause?: unknown; details?: unknown; problems?: Problem[] } = {}) {
    super(typeof message === 'string' ? message : message.en, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.problems = options.problems;
    if (typeof message !== 'string') this.wording = message;
  }
}

/** Wraps anything thrown into an AppError, keeping the cause; never exposes a stack to users. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('internal', 'An internal error occurred.', { cause: err });
}
