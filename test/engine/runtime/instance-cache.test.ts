import { expect } from 'chai';
import type { InstanceState } from '../../../engine/core/types.ts';
import type { StoredInstance } from '../../../engine/ports.ts';
import { InstanceCache } from '../../../engine/runtime/instance-cache.ts';

function stored(id: string, status: InstanceState['status'], rev = 1): StoredInstance {
  return { id, definitionId: 'd', key: 'k', version: 1, rev, state: { schema: 1, status, seq: 0, scopes: [], tokens: [] } };
}

describe('the instance cache', () => {
  it('keeps a committed state of a running instance, the latest one', () => {
    const cache = new InstanceCache();
    cache.committed(stored('a', 'active', 1));
    cache.committed(stored('a', 'incident', 2));
    expect(cache.get('a')?.rev).to.equal(2);
  });

  it('keeps no ended instance', () => {
    const cache = new InstanceCache();
    cache.committed(stored('a', 'active'));
    cache.committed(stored('a', 'completed', 2));
    cache.committed(stored('b', 'terminated'));
    expect([cache.has('a'), cache.has('b')]).to.deep.equal([false, false]);
  });

  it('forgets what was written in a caller\'s transaction, and what is forgotten', () => {
    const cache = new InstanceCache();
    cache.committed(stored('a', 'active'));
    cache.committed(stored('b', 'active'));
    cache.uncommitted(['a']);
    cache.forget('b');
    expect([cache.has('a'), cache.has('b')]).to.deep.equal([false, false]);
  });

  it('knows a task\'s instance until the task is done', () => {
    const cache = new InstanceCache();
    cache.taskCreated('t', 'a');
    expect(cache.instanceOfTask('t')).to.equal('a');
    cache.taskDone('t');
    expect(cache.instanceOfTask('t')).to.equal(undefined);
  });

  describe('when full', () => {
    it('evicts the least recently used state, not the oldest written', () => {
      // given a cache of two, holding a then b, and a read since
      const cache = new InstanceCache(2);
      cache.committed(stored('a', 'active'));
      cache.committed(stored('b', 'active'));
      cache.get('a');
      // when a third instance is kept
      cache.committed(stored('c', 'active'));
      // then b (least recently used) left, and a stayed
      expect([cache.has('a'), cache.has('b'), cache.has('c')]).to.deep.equal([true, false, true]);
    });

    it('counts a state written again as used', () => {
      const cache = new InstanceCache(2);
      cache.committed(stored('a', 'active', 1));
      cache.committed(stored('b', 'active'));
      cache.committed(stored('a', 'active', 2));
      cache.committed(stored('c', 'active'));
      expect([cache.has('a'), cache.has('b')]).to.deep.equal([true, false]);
    });

    it('keeps nothing with a size of 0, and refuses a size that is not a whole number', () => {
      const cache = new InstanceCache(0);
      cache.committed(stored('a', 'active'));
      cache.taskCreated('t', 'a');
      expect([cache.has('a'), cache.instanceOfTask('t')]).to.deep.equal([false, undefined]);
      expect(() => new InstanceCache(-1)).to.throw(/whole number/);
      expect(() => new InstanceCache(1.5)).to.throw(/whole number/);
    });
  });
});
