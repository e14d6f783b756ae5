import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { groupCommit, type Database } from '../../engine/index.ts';

/**
 * express-rate-limit's counters in PostgreSQL, so every process on the database shares one limit
 * (in memory, N processes would allow N times the guesses). The hits of one turn of the event loop
 * share one statement (engine/store/group-commit.ts): an upsert of each key's count that starts a
 * new window when the old one has ended, each hit then getting its own running total. One
 * autocommitted write per request cost a quarter of a submission's PostgreSQL time (server bench),
 * and hits from one address (a city hall's terminals behind one NAT) all queued on one row.
 * Ended windows are deleted by the same statement, at most once per window length per process, so
 * the table holds only live counters.
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
    return this.hit(this.prefix + key);
  }

  private readonly hit = groupCommit<string, ClientRateLimitInfo>(async (keys) => {
    const now = this.now();
    const clean = now.getTime() >= this.nextCleanAt;
    if (clean) this.nextCleanAt = now.getTime() + this.windowMs;
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    // Keys in order: two processes' upserts lock shared rows in the same order.
    const distinct = [...counts.keys()].sort();
    const rows = await this.db.query<{ key: string; hits: number; reset_at: Date }>(
      `${clean ? 'with ended as (delete from rate_limits where reset_at <= $2 and key <> all($1)) ' : ''}
       insert into rate_limits as r (key, hits, reset_at)
       select k.key, k.n, $4 from unnest($1::text[], $3::int[]) as k(key, n) order by k.key
       on conflict (key) do update set
         hits = case when r.reset_at <= $2 then excluded.hits else r.hits + excluded.hits end,
         reset_at = case when r.reset_at <= $2 then excluded.reset_at else r.reset_at end
       returning key, hits, reset_at`,
      [distinct, now, distinct.map((k) => counts.get(k)!), new Date(now.getTime() + this.windowMs)], clean ? 'dosar_rate_limit_hits_clean' : 'dosar_rate_limit_hits');
    // Each key's hits in their order of arrival: the first gets the total before this batch plus one.
    const next = new Map(rows.map((r) => [r.key, { hits: r.hits - counts.get(r.key)! + 1, resetTime: new Date(r.reset_at) }]));
    return keys.map((k) => {
      const at = next.get(k)!;
      return { totalHits: at.hits++, resetTime: at.resetTime };
    });
  }, { maxBatch: 256, maxInFlight: 1 });

  async decrement(key: string): Promise<void> {
    await this.db.query('update rate_limits set hits = greatest(hits - 1, 0) where key = $1', [this.prefix + key]);
  }

  async resetKey(key: string): Promise<void> {
    await this.db.query('delete from rate_limits where key = $1', [this.prefix + key]);
  }
}
