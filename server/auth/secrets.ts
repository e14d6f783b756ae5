import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session ids, API tokens, CSRF tokens. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Only hashes of bearer secrets are stored: a database leak does not hand out sessions or tokens. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
