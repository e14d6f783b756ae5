import type { StepWrite } from '../ports.ts';
import { applySteps } from './apply-step.ts';
import type { Database } from './database.ts';
import { groupCommit, type GroupCommitOptions } from './group-commit.ts';

/**
 * Steps outside a caller's transaction, written by group commit: steps of different instances that
 * arrive together share one statement, each still guarded by its own revision (a stale one writes
 * nothing while the others commit). Two steps of one instance never share a statement.
 */
export function createStepBatcher(db: Database, options: Omit<GroupCommitOptions<StepWrite>, 'key'> = {}): (write: StepWrite) => Promise<boolean> {
  return groupCommit(async (writes: StepWrite[]) => {
    const applied = await applySteps(db, writes);
    return writes.map((w) => applied.has(w.instanceId));
  }, { ...options, key: (w) => w.instanceId });
}
