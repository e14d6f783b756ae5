import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Database } from '../../engine/index.ts';

/**
 * express-rate-limit's counters in PostgreSQL, so every process on the database shares one limit
 * (in memory, N processes would allow N times the guesses). One statement per hit: an upsert that
 * starts a new window when the old one has ended. Ended windows are deleted by the same statement,
 * at most once per window length per process, so the table holds only live counters.
 */
export class PgRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private nextCleanAt = 0;

  constructor(private readonly db: Database, prefix: string, private readonly now: () => Date = () => new Date()) {
    this.prefix = `${prefix}:`;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const [row] = await this.db.query<{ hits: number; reset_at: Date }>('select hits, reset_at from rate_limits where key = $1 and reset_at > $2', [this.prefix + key, this.now()]);
    return row ? { totalHits: row.hits, resetTime: new Date(row.reset_at) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.now();
    const clean = now.getTime() >= this.nextCleanAt;
    if (clean) this.nextCleanAt = now.getTime() + this.windowMs;
    const [row] = await this.db.query<{ hits: number; reset_at: Date }>(
      `${clean ? 'with ended as (delete from rate_limits where reset_at <= $2 and key <> $1) ' : ''}
       insert into rate_limits as r (key, hits, reset_at) values ($1, 1, $3)
       on conflict (key) do update set
         hits = case when r.reset_at <= $2 then 1 else r.hits + 1 end,
         reset_at = case when r.reset_at <= $2 then excluded.reset_at else r.reset_at end
       returning hits, reset_at`,
      [this.prefix + key, now, new Date(now.getTime() + this.windowMs)]);
    return { totalHits: row!.hits, resetTime: new Date(row!.reset_at) };
  }

  async decrement(key: string): Promise<void> {
    await this.db.query('update rate_limits set hits = greatest(hits - 1, 0) where key = $1', [this.prefix + key]);
  }

  async resetKey(key: string): Promise<void> {
    await this.db.query('delete from rate_limits where key = $1', [this.prefix + key]);
  }
}
