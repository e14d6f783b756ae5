import type { RequestHandler } from 'express';

export const HSTS_HEADER = 'max-age=31536000; includeSubDomains';

/**
 * HSTS only where the site is served over https (DOSAR_PUBLIC_URL) and this request came over it
 * (directly, or through a trusted proxy's X-Forwarded-Proto): on plain http the header would pin
 * browsers to an https site that may not exist (a test or intranet installation on a bare address).
 */
export function strictTransportSecurity(publicUrl: string): RequestHandler {
  const https = publicUrl.startsWith('https:');
  return (req, res, next) => {
    if (https && req.secure) res.setHeader('Strict-Transport-Security', HSTS_HEADER);
    next();
  };
}
