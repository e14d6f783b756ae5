import type { ScriptDef } from './definition.ts';
import type { ExpressionReader } from './compile-expressions.ts';
import { hasJuel } from '../expressions/juel-to-feel.ts';
import { extension, labelOf, str, type El, type ReadContext } from './read-attributes.ts';

/**
 * Reads a script task's script: `zeebe:script expression resultVariable` (Camunda 8), or BPMN's own
 * `scriptFormat` and `<script>` with `camunda:resultVariable` or `dosar:resultVariable` (Camunda 7).
 * Only FEEL (and JUEL, translated to FEEL) is run: an expression has no side effects and runs under
 * the step's evaluation budget, whereas JavaScript or Groovy would be user code on the server.
 */
const EVALUATED = /^(feel|juel)$/i;

export function readScript(item: El, ctx: ReadContext, expr: ExpressionReader): ScriptDef | undefined {
  const id = item.id!;
  const label = labelOf(item);
  const what = `The script of ${label}`;
  const zeebe = extension(item, 'zeebe:Script');
  if (zeebe) {
    const resultVariable = str(zeebe.resultVariable)?.trim();
    if (!resultVariable) ctx.report('script-invalid', id, `Script task ${label} names no result variable (zeebe:script resultVariable)`);
    const text = str(zeebe.expression);
    if (!text) ctx.report('script-invalid', id, `Script task ${label} has an empty expression (zeebe:script expression)`);
    const expression = text ? expr.feel(text, id, what, 'script-invalid') : undefined;
    return expression && resultVariable ? { expression, resultVariable } : undefined;
  }
  const resource = ctx.attr(item, 'camunda:resource');
  if (resource) {
    ctx.report('script-invalid', id, `Script task ${label} loads its script from "${resource}"; write the script in the model as a FEEL expression`);
    return undefined;
  }
  const format = str(item.scriptFormat)?.trim();
  const body = str(item.script)?.trim();
  if (!body) {
    ctx.report('script-missing', id, `Script task ${label} has no script: write a FEEL expression (scriptFormat="feel" with the script, or zeebe:script) or name a job type for a worker`);
    return undefined;
  }
  if (!format) {
    ctx.report('script-invalid', id, `Script task ${label} names no script format: write scriptFormat="feel"`);
    return undefined;
  }
  if (!EVALUATED.test(format)) {
    ctx.report('script-language-unsupported', id, `Script task ${label} is written in ${format}; Dosar runs no code from a model on its server: write the script as a FEEL expression (scriptFormat="feel") or name a job type for a worker`);
    return undefined;
  }
  const expression = /^juel$/i.test(format) ? juelScript(body, id, what, expr) : expr.feel(body, id, what, 'script-invalid');
  if (!expression) return undefined;
  const resultVariable = (ctx.attr(item, 'dosar:resultVariable') ?? ctx.attr(item, 'camunda:resultVariable'))?.trim();
  return { expression, ...(resultVariable ? { resultVariable } : {}) };
}

/**
 * A JUEL script is one JUEL value expression, as Camunda 7's JUEL engine reads it: `${...}`, text
 * mixed with `${...}` (a text), or plain text (that text).
 */
function juelScript(body: string, id: string, what: string, expr: ExpressionReader): string | undefined {
  if (!hasJuel(body)) return JSON.stringify(body);
  return expr.expression(body, id, what, 'script-invalid')?.slice(1);
}
