import { AppError } from '../errors.ts';
import { implicitStarts } from '../model/implicit-start.ts';
import type { Run } from '../core/run.ts';
import type { ElementDef } from '../model/definition.ts';
import { adHocStarts } from './ad-hoc-sub-process.ts';
import type { ElementBehaviour } from './behaviour.ts';

/** Opens a scope for the embedded sub-process and starts it at its none start event, or where BPMN starts one without any (an ad-hoc one: ad-hoc-sub-process.ts). */
export const subProcess: ElementBehaviour = {
  enter(run, token, el, ops) {
    if (el.triggeredByEvent) throw new AppError('definition-invalid', `Event sub-process "${el.id}" cannot be entered by a sequence flow`);
    const scope = run.newScope('subProcess', el.id, token.scopeId, { ownerTokenId: token.id });
    token.wait = { kind: 'scope', scopeId: scope.id };
    ops.armEventStarts(run, scope, el.eventSubProcesses ?? []);
    const starts = el.adHoc ? adHocStarts(run, token, el) : startsOf(run, el);
    for (const startId of starts) {
      const inner = run.newToken(startId, scope.id);
      run.later(() => ops.arrive(run, inner, startId));
    }
    // An ad-hoc sub-process given nothing to start is done at once.
    if (starts.length === 0) run.later(() => ops.checkScopeDone(run, scope.id));
  },
};

/** Where a sub-process starts: its none start events, or, with no start event at all, where BPMN starts one. */
function startsOf(run: Run, el: ElementDef): string[] {
  const noneStarts = (el.startEvents ?? []).filter((id) => (run.element(id).event?.kind ?? 'none') === 'none');
  const starts = noneStarts.length > 0 || (el.startEvents ?? []).length > 0 ? noneStarts : implicitStarts(run.def, el.id);
  if (starts.length === 0) throw new AppError('definition-invalid', `Sub-process "${el.id}" has no none start event`);
  return starts;
}
