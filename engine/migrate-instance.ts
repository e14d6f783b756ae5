import { AppError, type Problem } from './errors.ts';
import type { InstanceState } from './core/types.ts';
import type { Definition } from './model/definition.ts';

/**
 * Plans moving an instance to another version. Every active element must map (explicitly, or by
 * keeping its id) to an element of the same type in the target version; otherwise a token would be
 * stranded, and the whole migration is refused.
 */
export function planMigration(from: Definition, to: Definition, state: InstanceState, map: Record<string, string>): { state: InstanceState; elementMap: Record<string, string> } {
  if (state.status !== 'active' && state.status !== 'incident') {
    throw new AppError('migration-invalid', `The instance has ended (${state.status}); only running instances can be migrated`);
  }
  const problems: Problem[] = [];
  for (const [source, target] of Object.entries(map)) {
    if (!from.elements[source]) problems.push({ code: 'mapping-source-unknown', elementId: source, message: `"${source}" is not an element of the current version` });
    if (!to.elements[target]) problems.push({ code: 'mapping-target-unknown', elementId: target, message: `"${target}" is not an element of the target version` });
  }
  const elementMap: Record<string, string> = {};
  const used = new Set<string>([...state.tokens.map((t) => t.elementId), ...state.scopes.filter((s) => s.kind !== 'process').map((s) => s.elementId)]);
  for (const elementId of used) {
    const target = map[elementId] ?? elementId;
    const before = from.elements[elementId];
    const after = to.elements[target];
    if (!after) {
      problems.push({ code: 'token-stranded', elementId, message: `A token waits at "${elementId}", which the target version does not have; map it to an element of the same type` });
    } else if (before && before.type !== after.type) {
      problems.push({ code: 'token-stranded', elementId, message: `"${elementId}" is a ${before.type} but "${target}" is a ${after.type}; a waiting token cannot change element type` });
    } else if (before && (before.event?.kind ?? 'none') !== (after.event?.kind ?? 'none')) {
      problems.push({ code: 'token-stranded', elementId, message: `"${elementId}" waits for a ${before.event?.kind} event but "${target}" waits for ${after.event?.kind ?? 'nothing'}` });
    } else if (before && Boolean(before.loop) !== Boolean(after.loop)) {
      problems.push({ code: 'token-stranded', elementId, message: `"${elementId}" and "${target}" differ in multi-instance; a running loop cannot be migrated` });
    }
    elementMap[elementId] = target;
  }
  if (problems.length > 0) throw new AppError('migration-invalid', `The migration would strand ${problems.length === 1 ? 'a token' : 'tokens'}: nothing was changed`, { problems });
  const next = structuredClone(state);
  for (const token of next.tokens) token.elementId = elementMap[token.elementId] ?? token.elementId;
  for (const scope of next.scopes) {
    if (scope.kind === 'process') scope.elementId = to.key;
    else scope.elementId = elementMap[scope.elementId] ?? scope.elementId;
  }
  // Boundary events armed under the old version would no longer match their activity.
  for (const token of next.tokens) {
    const el = to.elements[token.elementId];
    const armed = (token.boundaryTimerIds?.length ?? 0) + (token.boundarySubscriptionIds?.length ?? 0) + (token.boundaryConditions?.length ?? 0);
    if (armed > 0 && (el?.boundary?.length ?? 0) === 0) {
      throw new AppError('migration-invalid', `"${token.elementId}" has boundary events armed that the target version removes; migrate when it is not waiting on them`, {
        problems: [{ code: 'boundary-stranded', elementId: token.elementId, message: 'Armed boundary events would be orphaned' }],
      });
    }
  }
  return { state: next, elementMap };
}
