import type { StoredInstance } from '../ports.ts';

/** Entries kept per map by default (EngineOptions.instanceCacheSize); the least recently used leaves first. */
const DEFAULT_INSTANCE_CACHE_SIZE = 20_000;

/**
 * The latest states of running instances as this process wrote them, and which instance each task
 * it created belongs to, so that a step is usually one round trip. The rule, kept here and only here:
 *
 * - **Remembered** only once committed: a state written on its own (one statement) or in a
 *   transaction of the engine's own that has committed (`committed`). A state written in a caller's
 *   transaction is forgotten instead (`uncommitted`): that transaction may still roll back. An
 *   instance that ended is not kept.
 * - **Read** only by the step pipeline (the state a step starts from) and by a command that shows
 *   what its own step has just written. Views and anything deciding outside a step read the database.
 * - **Forgotten** whenever the instance is written outside the step pipeline (business key,
 *   migration, a timer's incident) or a step computed from the cached state failed (`forget`).
 *
 * A stale entry (another process moved the instance) is harmless: every write is guarded by the
 * row's revision, so it shows up as a revision conflict and the step is redone on fresh state.
 */
export class InstanceCache {
  // A Map keeps insertion order: an entry read or written is moved to the end, so the first entry
  // is always the least recently used, and evicting it is O(1).
  private readonly instances = new Map<string, StoredInstance>();
  private readonly taskInstance = new Map<string, string>();

  constructor(private readonly limit = DEFAULT_INSTANCE_CACHE_SIZE) {
    if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`The instance cache size must be a whole number of at least 0; got ${limit}`);
  }

  get(instanceId: string): StoredInstance | undefined {
    const found = this.instances.get(instanceId);
    if (found) {
      this.instances.delete(instanceId);
      this.instances.set(instanceId, found);
    }
    return found;
  }

  has(instanceId: string): boolean {
    return this.instances.has(instanceId);
  }

  /** A state that has committed: kept while the instance runs. */
  committed(instance: StoredInstance): void {
    if (instance.state.status === 'completed' || instance.state.status === 'terminated') {
      this.instances.delete(instance.id);
      return;
    }
    this.instances.delete(instance.id);
    if (this.limit === 0) return;
    if (this.instances.size >= this.limit) this.instances.delete(this.instances.keys().next().value!);
    this.instances.set(instance.id, instance);
  }

  /** States written in a caller's transaction: not kept, and what was kept before is out of date. */
  uncommitted(instanceIds: Iterable<string>): void {
    for (const id of instanceIds) this.instances.delete(id);
  }

  forget(instanceId: string): void {
    this.instances.delete(instanceId);
  }

  /** A task's instance never changes, so this mapping may be kept from the task's creation on. */
  instanceOfTask(taskId: string): string | undefined {
    return this.taskInstance.get(taskId);
  }

  taskCreated(taskId: string, instanceId: string): void {
    if (this.limit === 0) return;
    if (this.taskInstance.size >= this.limit) this.taskInstance.delete(this.taskInstance.keys().next().value!);
    this.taskInstance.set(taskId, instanceId);
  }

  taskDone(taskId: string): void {
    this.taskInstance.delete(taskId);
  }
}

