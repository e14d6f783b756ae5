import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

/**
 * Every HTTP request has an id: the caller's `X-Request-Id` when it looks like one (a proxy or load
 * balancer in front may set it, so one id follows the request through both logs), else a new UUID.
 * It is echoed in the response header, put on API error bodies and on every log line written while
 * the request is handled (the logger reads it from here).
 */
const store = new AsyncLocalStorage<{ requestId: string }>();

/** Short, printable and free of spaces and quotes: anything else could forge or break a log line. */
const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export function assignRequestId(): RequestHandler {
  return (req, res, next) => {
    const requestId = chooseRequestId(req.headers['x-request-id']);
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    store.run({ requestId }, next);
  };
}

/** The caller's id when it is sane, else a new one. */
export function chooseRequestId(given: string | string[] | undefined): string {
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
}

/** Runs fn as part of the request `requestId` (for requests answered outside express). */
export function inRequest<T>(requestId: string, fn: () => T): T {
  return store.run({ requestId }, fn);
}

/** The id of the request being handled, wherever the code runs inside it; undefined outside requests. */
export function currentRequestId(): string | undefined {
  return store.getStore()?.requestId;
}

/** The id given to the request this response answers (kept on the response: it survives any async hop). */
export function requestIdOf(res: Response): string | undefined {
  const id = (res.locals as { requestId?: unknown }).requestId;
  return typeof id === 'string' ? id : undefined;
}
