import { expect } from 'chai';
import { groupCommit } from '../../../engine/store/group-commit.ts';

/** A fake statement that records its batches and finishes when told to. */
function recorder<T>() {
  const batches: T[][] = [];
  const finish: Array<() => void> = [];
  const run = (items: T[]) => {
    batches.push(items);
    return new Promise<T[]>((resolve) => finish.push(() => resolve(items)));
  };
  return { batches, run, finishNext: () => finish.shift()!() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('sends a lone item at once', async () => {
    const r = recorder<number>();
    const send = groupCommit(r.run, { maxInFlight: 1 });
    const done = send(1);
    expect(r.batches).to.deep.equal([[1]]);
    r.finishNext();
    expect(await done).to.equal(1);
  });

  it('gathers the items that arrive while a statement runs into the next one, up to maxBatch', async () => {
    const r = recorder<number>();
    const send = groupCommit(r.run, { maxInFlight: 1, maxBatch: 3 });
    const all = Promise.all([1, 2, 3, 4, 5, 6].map((n) => send(n)));
    expect(r.batches).to.deep.equal([[1]]);
    r.finishNext();
    await tick();
    expect(r.batches).to.deep.equal([[1], [2, 3, 4]]);
    r.finishNext();
    await tick();
    r.finishNext();
    expect(await all).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(r.batches).to.deep.equal([[1], [2, 3, 4], [5, 6]]);
  });

  it('runs up to maxInFlight statements at once', () => {
    const r = recorder<number>();
    const send = groupCommit(r.run, { maxInFlight: 2 });
    for (const n of [1, 2, 3, 4]) void send(n);
    expect(r.batches).to.deep.equal([[1], [2]]);
  });

  it('never puts two items with one key in the same statement, and keeps their order', async () => {
    const r = recorder<string>();
    const send = groupCommit(r.run, { maxInFlight: 1, key: (s) => s[0]! });
    const all = Promise.all(['x0', 'a1', 'a2', 'b1', 'a3'].map((s) => send(s)));
    for (let i = 0; i < 4; i++) {
      r.finishNext();
      await tick();
    }
    await all;
    expect(r.batches).to.deep.equal([['x0'], ['a1', 'b1'], ['a2'], ['a3']]);
  });

  it('retries each item of a failed statement alone, so only the faulty one fails', async () => {
    const batches: number[][] = [];
    const send = groupCommit(async (items: number[]) => {
      batches.push(items);
      if (items.includes(13)) throw new Error('thirteen');
      return items.map((n) => n * 2);
    }, { maxInFlight: 1 });
    const outcomes = await Promise.allSettled([send(1), send(13), send(2)]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).to.deep.equal([2, 'thirteen', 4]);
    expect(batches).to.deep.equal([[1], [13, 2], [13], [2]]);
  });
});
