import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createEnginePort } from '../../../engine/store/engine-port.ts';
import { useTestDatabase } from '../../support/database.ts';

describe('retrying a job', () => {
  const t = useTestDatabase();
  const now = new Date('2026-03-02T08:00:00Z');

  async function insertJob(status: 'ready' | 'incident', lockedBy: string | null): Promise<string> {
    const id = randomUUID();
    await t.db.query(
      `insert into jobs (id, instance_id, element_id, token_id, handler, payload, run_at, retries_left, status, locked_by, locked_until)
       values ($1, $2, 'pay', 't1', 'flaky', '{}', $3, 0, $4, $5, $6)`,
      [id, randomUUID(), now, status, lockedBy, lockedBy ? new Date(now.getTime() + 60_000) : null],
    );
    return id;
  }

  it('makes a failed job ready again, with its retries and no lease', async () => {
    const id = await insertJob('incident', null);
    expect(await createEnginePort(t.db).retryJob(id, 2, now)).to.equal(true);
    const [row] = await t.db.query<{ status: string; retries_left: number; locked_by: string | null }>('select status, retries_left, locked_by from jobs where id = $1', [id]);
    expect(row).to.deep.equal({ status: 'ready', retries_left: 2, locked_by: null });
  });

  it('leaves a job that is not failed as it is: a running one keeps its worker\'s lease', async () => {
    const id = await insertJob('ready', 'worker-b');
    expect(await createEnginePort(t.db).retryJob(id, 2, now)).to.equal(false);
    const [row] = await t.db.query<{ status: string; retries_left: number; locked_by: string | null }>('select status, retries_left, locked_by from jobs where id = $1', [id]);
    expect(row).to.deep.equal({ status: 'ready', retries_left: 0, locked_by: 'worker-b' });
  });

  it('retries nothing for a job that is gone', async () => {
    expect(await createEnginePort(t.db).retryJob(randomUUID(), 1, now)).to.equal(false);
  });
});
