import type { ErrorRequestHandler } from 'express';
import { AppError, toAppError, type ErrorCode } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import { requestIdOf } from '../ops/request-context.ts';
import { apiLanguage, errorMessage } from './language.ts';

/** The one place error codes meet HTTP. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  'bad-input': 400,
  'term-invalid': 400,
  'clock-required': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'definition-not-found': 404,
  'decision-not-found': 404,
  'instance-not-found': 404,
  'task-not-found': 404,
  'message-not-correlated': 404,
  conflict: 409,
  'task-not-open': 409,
  'instance-not-active': 409,
  'clock-invalid': 409,
  'xml-too-large': 413,
  'too-large': 413,
  'definition-invalid': 422,
  'form-missing': 422,
  'template-invalid': 422,
  'template-missing': 422,
  'form-invalid': 422,
  'variables-invalid': 422,
  'xml-invalid': 422,
  'migration-invalid': 422,
  'expression-failed': 422,
  'expression-too-costly': 422,
  'mapping-failed': 422,
  'decision-invalid': 422,
  'decision-failed': 422,
  'rate-limited': 429,
  'payment-not-found': 404,
  'payment-signature-invalid': 400,
  'payment-amount-invalid': 422,
  'payment-mismatch': 422,
  'refund-invalid': 422,
  'not-ready': 503,
};

export function httpStatus(error: AppError): number {
  return STATUS[error.code] ?? 500;
}

/** The API's error shape; the message in the request's language; the request's id to quote in a report. */
function errorBody(error: AppError, lang: Lang, requestId: string | undefined): { error: { code: string; message: string; details?: unknown; problems?: unknown; requestId?: string } } {
  return {
    error: {
      code: error.code,
      message: errorMessage(error, lang),
      ...(error.details !== undefined ? { details: error.details } : {}),
      ...(error.problems ? { problems: error.problems } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
}

/** JSON errors for the API; never a stack trace. Pages render their own errors before this. */
export function apiErrorHandler(log: (message: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = answerable(err, log);
    res.status(httpStatus(error)).json(errorBody(error, apiLanguage(req), requestIdOf(res)));
  };
}

/** The API's error answer, for a request answered outside express. */
export function apiErrorAnswer(err: unknown, lang: Lang, requestId: string, log: (message: string) => void): { status: number; body: string } {
  const error = answerable(err, log);
  return { status: httpStatus(error), body: JSON.stringify(errorBody(error, lang, requestId)) };
}

/** The error as the API answers it; an internal one is logged with its cause, which the answer never shows. */
function answerable(err: unknown, log: (message: string) => void): AppError {
  const error = toAppError(normaliseHttpError(err));
  if (error.code === 'internal') log(`internal error: ${(error.cause as Error)?.stack ?? String(error.cause)}`);
  return error;
}

/** A request body over its route's limit, whoever read it (a body parser, or a route reading it itself). */
export function bodyTooLarge(): AppError {
  return new AppError('too-large', { ro: 'Corpul cererii este prea mare.', en: 'The request body is too large.' });
}

/** Errors raised by express and body parsers (bad JSON, too large) carry a status; keep their meaning. */
export function normaliseHttpError(err: unknown): unknown {
  const status = (err as { status?: number; type?: string })?.status;
  if (typeof status !== 'number' || status >= 500) return err;
  if (status === 413) return bodyTooLarge();
  if ((err as { type?: string }).type === 'entity.parse.failed') return new AppError('bad-input', { ro: 'Corpul cererii nu este JSON valid.', en: 'The request body is not valid JSON.' });
  return new AppError('bad-input', (err as Error).message || 'Bad request');
}
