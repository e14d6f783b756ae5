import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Database } from '../../../engine/store/database.ts';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { useTestDatabase } from '../../support/database.ts';

describe('claiming jobs', () => {
  const t = useTestDatabase();
  const now = new Date('2026-03-02T08:00:00Z');

  async function insertJobs(count: number, runAt = now): Promise<void> {
    for (let i = 0; i < count; i++) {
      await t.db.query(
        `insert into jobs (id, instance_id, element_id, token_id, handler, payload, run_at, retries_left) values ($1, $2, 'send', 't1', 'send-answer', '{}', $3, 3)`,
        [randomUUID(), randomUUID(), new Date(runAt.getTime() - i)],
      );
    }
  }

  function counting(db: Database): { db: Database; claims: () => number } {
    let claims = 0;
    return { db: { ...db, hotQuery: (text, params, name) => { if (name === 'dosar_claim_jobs') claims += 1; return db.hotQuery(text, params, name); } }, claims: () => claims };
  }

  it('shares one statement among claims that arrive together and gives each its own jobs', async () => {
    await insertJobs(5);
    const c = counting(t.db);
    const port = createEnginePort(c.db);
    const claim = (limit: number) => port.claimJobs({ now, limit, workerId: 'w1', leaseMs: 60_000 });
    const limits = [1, 2, 1, 3];
    const claimed = await Promise.all(limits.map(claim));
    claimed.forEach((jobs, i) => expect(jobs.length).to.be.at.most(limits[i]!));
    const ids = claimed.flat().map((j) => j.id);
    expect(ids).to.have.length(5);
    expect(new Set(ids).size).to.equal(5);
    // Claims that arrive in one turn share the two statements that may run at once.
    expect(c.claims()).to.equal(2);
    const [row] = await t.db.query<{ n: number }>("select count(*)::int as n from jobs where locked_by = 'w1'");
    expect(row!.n).to.equal(5);
  });

  it('claims nothing that is not due yet', async () => {
    await insertJobs(2, new Date(now.getTime() + 60_000));
    const jobs = await createEnginePort(t.db).claimJobs({ now, limit: 5, workerId: 'w1', leaseMs: 60_000 });
    expect(jobs).to.have.length(0);
  });
});
