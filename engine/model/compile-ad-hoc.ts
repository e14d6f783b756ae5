import type { AdHocDef } from './definition.ts';
import type { ExpressionReader } from './compile-expressions.ts';
import { extension, labelOf, list, str, type El, type ReadContext } from './read-attributes.ts';

/**
 * An ad-hoc sub-process (BPMN 2.0.2, 10.3.5.3; Camunda 8's zeebe:adHoc): which inner elements start
 * on entry and the condition that ends it. Its activities run side by side: a Sequential ordering
 * is refused rather than run differently from what the model says.
 */
export function readAdHoc(item: El, ctx: ReadContext, expr: ExpressionReader): AdHocDef {
  const id = item.id!;
  if (str(item.ordering) === 'Sequential') ctx.report('ad-hoc-invalid', id, `Ad-hoc sub-process ${labelOf(item)} is ordered Sequential; Dosar starts its activities side by side (ordering Parallel)`);
  const adHoc: AdHocDef = { cancelRemaining: item.cancelRemainingInstances !== false };
  const active = expr.feel(str(extension(item, 'zeebe:AdHoc')?.activeElementsCollection), id, 'The active elements collection');
  if (active) adHoc.activeElements = active;
  const completion = expr.condition(item.completionCondition as El | undefined, id, 'The completion condition');
  if (completion) adHoc.completion = completion;
  for (const inner of list(item.flowElements)) {
    if (inner.$type === 'bpmn:StartEvent' || inner.$type === 'bpmn:EndEvent') {
      ctx.report('ad-hoc-invalid', inner.id, `Ad-hoc sub-process ${labelOf(item)} has ${inner.$type === 'bpmn:StartEvent' ? 'a start' : 'an end'} event ${labelOf(inner)}; its activities start by themselves and it ends when they are done`);
    }
  }
  return adHoc;
}
