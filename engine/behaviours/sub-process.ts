import { AppError } from '../errors.ts';
import { implicitStarts } from '../model/implicit-start.ts';
import { adHocStarts } from './ad-hoc-sub-process.ts';
import type { ElementBehaviour } from './behaviour.ts';

/** Opens a scope for the embedded sub-process and starts it at its none start event, or where BPMN starts one without any (an ad-hoc one: ad-hoc-sub-process.ts). */
export const subProcess: ElementBehaviour = {
  enter(run, token, el, ops) {
    if (el.triggeredByEvent) throw new AppError('definition-invalid', `Event sub-process "${el.id}" cannot be entered by a sequence flow`);
    const scope = run.newScope('subProcess', el.id, token.scopeId, { ownerTokenId: token.id });
    token.wait = { kind: 'scope', scopeId: scope.id };
    ops.armEventStarts(run, scope, el.eventSubProcesses ?? []);
    if (el.adHoc) {
      const starts = adHocStarts(run, token, el);
      for (const startId of starts) {
        const inner = run.newToken(startId, scope.id);
        run.later(() => ops.arrive(run, inner, startId));
      }
      if (starts.length === 0) run.later(() => ops.checkScopeDone(run, scope.id));
      return;
    }
    const noneStarts = (el.startEvents ?? []).filter((id) => (run.element(id).event?.kind ?? 'none') === 'none');
    const starts = noneStarts.length > 0 || (el.startEvents ?? []).length > 0 ? noneStarts : implicitStarts(run.def, el.id);
    if (starts.length === 0) throw new AppError('definition-invalid', `Sub-process "${el.id}" has no none start event`);
    for (const startId of starts) {
      const inner = run.newToken(startId, scope.id);
      run.later(() => ops.arrive(run, inner, startId));
    }
  },
};
