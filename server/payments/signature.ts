import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../engine/index.ts';

/**
 * The card gateway's message signature: `X-Payment-Signature: t=<unix seconds>,v1=<hex>` where v1 is
 * HMAC-SHA256 with the shared secret over `<t>.<raw body>`. The timestamp is inside the signed part,
 * so a captured message cannot be replayed later with a fresh timestamp; outside the replay window
 * it is refused. Used both ways (the simulator signs notifications and answers with it too).
 */
export const SIGNATURE_HEADER = 'x-payment-signature';

export function signBody(secret: string, body: string | Buffer, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

function hmac(secret: string, t: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
}

const refused = (why: string) => new AppError('payment-signature-invalid', { ro: `Notificarea de plată a fost refuzată: ${why.split('|')[0]}.`, en: `The payment notification was refused: ${why.split('|')[1]}.` });

/** Throws payment-signature-invalid unless `header` signs `raw` with `secret` within `windowMs` of `now`. */
export function verifySignature(secret: string, raw: Buffer, header: string | string[] | undefined, now: Date, windowMs: number): void {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(value ?? '');
  if (!match) throw refused('semnătură lipsă sau greșit formată|signature missing or malformed');
  const t = Number(match[1]);
  if (Math.abs(now.getTime() - t * 1000) > windowMs) throw refused('momentul semnăturii este în afara ferestrei permise|signature timestamp outside the replay window');
  const expected = Buffer.from(hmac(secret, t, raw), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'))) throw refused('semnătură greșită|wrong signature');
}
