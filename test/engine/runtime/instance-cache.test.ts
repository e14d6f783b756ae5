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
});
