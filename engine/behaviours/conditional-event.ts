import type { Run } from '../core/run.ts';
import type { Token } from '../core/types.ts';

/**
 * An intermediate conditional catch event waits until its condition holds. The condition is
 * evaluated before the step that reached it ends, and again after every step that changes the
 * instance's variables (engine/core/conditions.ts), so one already true lets the token pass at once.
 */
export function waitForCondition(run: Run, token: Token): void {
  token.wait = { kind: 'conditional' };
  run.conditionsDue = true;
}
