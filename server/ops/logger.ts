import pino, { type DestinationStream, type Logger } from 'pino';
import { currentRequestId } from './request-context.ts';
import { redact } from './redact.ts';

/**
 * The server's log: one JSON object per line on stderr (pino), so a log collector can parse it,
 * with the request id on every line written while a request is handled. `LOG_LEVEL` (default info)
 * sets how much is written.
 */
export interface ServerLog {
  logger: Logger;
  /** `ctx.log`: a failure worth an operator's attention; masked of personal data. */
  error: (message: string) => void;
  /** What the server is doing (start, deploys, stop); masked of personal data. */
  info: (message: string) => void;
}

export function createServerLog(options: { level?: string; destination?: DestinationStream } = {}): ServerLog {
  const logger = pino({
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  }, options.destination ?? pino.destination({ fd: 2, sync: true }));
  return {
    logger,
    error: (message) => logger.error(redact(message)),
    info: (message) => logger.info(redact(message)),
  };
}
