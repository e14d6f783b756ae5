import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../engine/index.ts';

/**
 * Save and resume: a citizen gets a private link with a random token; only the token's hash is
 * stored, so the database alone cannot open anyone's draft, and the link expires.
 */
const DRAFT_LIFETIME_DAYS = 30;

function createDraftToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashDraftToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface Draft {
  formKey: string;
  step: number;
  data: Record<string, unknown>;
  expiresAt: string;
}

export class DraftStore {
  constructor(private readonly db: Database) {}

  /** Saves (or re-saves under the same token) and returns the token for the private link. */
  async save(formKey: string, data: Record<string, unknown>, step: number, now: Date, token = createDraftToken()): Promise<{ token: string; expiresAt: string }> {
    const expiresAt = new Date(now.getTime() + DRAFT_LIFETIME_DAYS * 86_400_000).toISOString();
    await this.db.query(
      `insert into form_drafts (token_hash, form_key, step, data, created_at, expires_at) values ($1, $2, $3, $4::jsonb, $5, $6)
       on conflict (token_hash) do update set data = excluded.data, step = excluded.step, expires_at = excluded.expires_at`,
      [hashDraftToken(token), formKey, step, JSON.stringify(data), now, expiresAt],
    );
    return { token, expiresAt };
  }

  /** The draft behind a token, if it exists, belongs to this form and has not expired. */
  async load(formKey: string, token: string, now: Date): Promise<Draft | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const [row] = await this.db.query<{ form_key: string; step: number; data: Record<string, unknown>; expires_at: Date }>(
      'select form_key, step, data, expires_at from form_drafts where token_hash = $1 and form_key = $2 and expires_at > $3',
      [hashDraftToken(token), formKey, now],
    );
    return row ? { formKey: row.form_key, step: row.step, data: row.data, expiresAt: new Date(row.expires_at).toISOString() } : undefined;
  }

  async remove(token: string): Promise<void> {
    await this.db.query('delete from form_drafts where token_hash = $1', [hashDraftToken(token)]);
  }
}
