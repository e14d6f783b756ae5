import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** helmet's headers as every answer carries them: our scripts and images only, no framing, no sniffing. */
export const securityHeaders = helmet({
  contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"], 'upgrade-insecure-requests': null } },
  strictTransportSecurity: false,
});

/**
 * The same headers as one object, for answers written outside express (the front doors). helmet's
 * are the same for every request (no nonces), so they are taken once from the middleware itself.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = (() => {
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: unknown) => { headers[name] = String(value); }, removeHeader: () => undefined };
  securityHeaders({} as IncomingMessage, res as unknown as ServerResponse, () => undefined);
  return Object.freeze(headers);
})();
