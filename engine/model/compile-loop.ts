import type { LoopDef } from './definition.ts';
import type { ExpressionReader } from './compile-expressions.ts';
import { isJuel } from '../expressions/juel-to-feel.ts';
import { extension, labelOf, str, type El, type ReadContext } from './read-attributes.ts';

/** Multi-instance loops: Camunda 8's zeebe:loopCharacteristics or Camunda 7's collection attributes. */
export function readLoop(item: El, ctx: ReadContext, expr: ExpressionReader): LoopDef | undefined {
  const lc = item.loopCharacteristics as El | undefined;
  if (!lc) return undefined;
  const id = item.id!;
  if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    ctx.report('unsupported-element', id, `Standard loops on ${labelOf(item)} are not supported; use multi-instance`);
    return undefined;
  }
  const zeebeLoop = extension(lc, 'zeebe:LoopCharacteristics') ?? extension(item, 'zeebe:LoopCharacteristics');
  const loop: LoopDef = { sequential: lc.isSequential === true };
  const collection = str(zeebeLoop?.inputCollection) ?? ctx.attr(lc, 'camunda:collection');
  if (collection) {
    const feel = isJuel(collection) || collection.startsWith('=') ? expr.feel(collection, id, 'The collection') : collection;
    if (feel) loop.collection = feel;
  }
  const element = str(zeebeLoop?.inputElement) ?? ctx.attr(lc, 'camunda:elementVariable');
  if (element) loop.elementVariable = element;
  const cardinality = expr.condition(lc.loopCardinality as El | undefined, id, 'The loop cardinality');
  if (cardinality) loop.cardinality = cardinality;
  const completion = expr.condition(lc.completionCondition as El | undefined, id, 'The completion condition');
  if (completion) loop.completionCondition = completion;
  const outputCollection = str(zeebeLoop?.outputCollection);
  if (outputCollection) loop.outputCollection = outputCollection;
  const outputElement = expr.feel(str(zeebeLoop?.outputElement), id, 'The output element', 'mapping-invalid');
  if (outputElement) loop.outputElement = outputElement;
  // A collection or cardinality refused above is its own problem; this one is for a loop naming neither.
  if (!collection && !str((lc.loopCardinality as El | undefined)?.body)) ctx.report('loop-invalid', id, `Multi-instance ${labelOf(item)} needs a collection or a loop cardinality`);
  return loop;
}
