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

const turn = () => new Promise((resolve) => setImmediate(resolve));
/** Lets this turn end, and the next one in which a statement that just finished sends what waits. */
const tick = async () => { await turn(); await turn(); };

describe('group commit', () => {
  it('sends a lone item at the end of the turn it arrived in', async () => {
    const r = recorder<number>();
    const send = groupCommit(r.run, { maxInFlight: 1 });
    const done = send(1);
    expect(r.batches, 'not before the turn ends').to.deep.equal([]);
    await tick();
    expect(r.batches).to.deep.equal([[1]]);
    r.finishNext();
    expect(await done).to.equal(1);
  });

  it('sends the items of one turn together, up to maxBatch', async () => {
    const r = recorder<number>();
    const send = groupCommit(r.run, { maxInFlight: 1, maxBatch: 3 });
    const all = Promise.all([1, 2, 3, 4, 5].map((n) => send(n)));
    await tick();
    expect(r.batches).to.deep.equal([[1, 2, 3]]);
    r.finishNext();
    await tick();
    r.finishNext();
    expect(await all).to.deep.equal([1, 2, 3, 4, 5]);
    expect(r.batches).to.deep.equal([[1, 2, 3], [4, 5]]);
  });

  it('gathers the items that arrive while a statement runs into the next one', async () => {
    const r = recorder<number>();
    const send = groupCommit(r.run, { maxInFlight: 1 });
    const first = send(1);
    await tick();
    const rest = Promise.all([2, 3].map((n) => send(n)));
    await tick();
    const last = send(4);
    await tick();
    expect(r.batches, 'all wait while the first runs').to.deep.equal([[1]]);
    r.finishNext();
    await tick();
    expect(r.batches).to.deep.equal([[1], [2, 3, 4]]);
    r.finishNext();
    expect([await first, ...(await rest), await last]).to.deep.equal([1, 2, 3, 4]);
  });

  it('puts the items of callers woken by one commit into one statement', async () => {
    const r = recorder<number>();
    const send = groupCommit(r.run, { maxInFlight: 1 });
    // three callers, each sending a second item once its first has committed
    const callers = Promise.all([1, 2, 3].map(async (n) => [await send(n), await send(n * 10)]));
    await tick();
    r.finishNext();
    await tick();
    r.finishNext();
    expect(await callers).to.deep.equal([[1, 10], [2, 20], [3, 30]]);
    expect(r.batches).to.deep.equal([[1, 2, 3], [10, 20, 30]]);
  });

  it('shares what waits evenly among the free statement slots', async () => {
    const r = recorder<number>();
    const send = groupCommit(r.run, { maxInFlight: 2 });
    for (const n of [1, 2, 3, 4, 5]) void send(n);
    await tick();
    expect(r.batches).to.deep.equal([[1, 2, 3], [4, 5]]);
  });

  it('runs up to maxInFlight statements at once', async () => {
    const r = recorder<number>();
    const send = groupCommit(r.run, { maxInFlight: 2, maxBatch: 1 });
    for (const n of [1, 2, 3, 4]) void send(n);
    await tick();
    expect(r.batches).to.deep.equal([[1], [2]]);
  });

  it('never puts two items with one key in the same statement, and keeps their order', async () => {
    const r = recorder<string>();
    const send = groupCommit(r.run, { maxInFlight: 1, key: (s) => s[0]! });
    const all = Promise.all(['x0', 'a1', 'a2', 'b1', 'a3'].map((s) => send(s)));
    for (let i = 0; i < 3; i++) {
      await tick();
      r.finishNext();
    }
    await all;
    expect(r.batches).to.deep.equal([['x0', 'a1', 'b1'], ['a2'], ['a3']]);
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
    expect(batches).to.deep.equal([[1, 13, 2], [1], [13], [2]]);
  });
});
