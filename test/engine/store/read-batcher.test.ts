import { expect } from 'chai';
import { batchedLookup } from '../../../engine/store/read-batcher.ts';

describe('batched lookups', () => {
  it('answers lookups of one turn with shared queries (at most one per statement slot), each caller its own value', async () => {
    // given a lookup that records its queries
    const queries: string[][] = [];
    const find = batchedLookup(async (keys) => { queries.push(keys); return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()])); });
    // when four callers ask in one turn, two for the same key and one for a missing one
    const got = await Promise.all([find('a'), find('b'), find('a'), find('missing')]);
    // then two queries (two slots, shared evenly) carried the keys, and each caller got its answer
    expect(queries).to.have.length(2);
    expect(queries.flat()).to.include.members(['a', 'b', 'missing']);
    expect(got).to.deep.equal(['A', 'B', 'A', undefined]);
  });

  it('gives an error only to the caller whose key caused it', async () => {
    // given a lookup that fails on one key
    const find = batchedLookup(async (keys) => {
      if (keys.includes('bad')) throw new Error('invalid input syntax for type uuid');
      return new Map(keys.map((k) => [k, k]));
    });
    // when a good and a bad key are asked together
    const [good, bad] = await Promise.allSettled([find('good'), find('bad')]);
    // then the good one is answered (retried alone) and the bad one fails
    expect(good).to.deep.equal({ status: 'fulfilled', value: 'good' });
    expect(bad.status).to.equal('rejected');
  });
});
