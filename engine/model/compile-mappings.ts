import type { CallDef, Mapping } from './definition.ts';
import type { ExpressionReader } from './compile-expressions.ts';
import { hasJuel } from '../expressions/juel-to-feel.ts';
import { extension, extensions, labelOf, list, str, type El, type ReadContext } from './read-attributes.ts';

/**
 * Input and output mappings in each dialect. Camunda 7 (`camunda:inputOutput`, `camunda:in/out`):
 * a value is a literal unless it is JUEL. Camunda 8 (`zeebe:ioMapping`): a source is FEEL after '=',
 * else a string. Ours (`dosar:ioMapping`) follows Camunda 8.
 */

export interface IoMappings {
  inputs?: Mapping[];
  outputs?: Mapping[];
  /** Camunda 7's rule: a completion's variables are set as well as the outputs. */
  keepCompletionVariables?: true;
}

function zeebeMappings(items: El[], id: string, expr: ExpressionReader): Mapping[] | undefined {
  if (items.length === 0) return undefined;
  const out: Mapping[] = [];
  for (const i of items) {
    const target = str(i.target);
    const source = expr.zeebeSource(typeof i.source === 'string' ? i.source : undefined, id, `The mapping to "${target ?? ''}"`);
    if (target && source) out.push({ source, target });
  }
  return out;
}

/**
 * A Camunda 7 input/output parameter: JUEL, a literal text, (no value) null, or a list, map or
 * script, each written out as one FEEL expression (a list, a context). A script runs only in FEEL
 * or JUEL: no code from a model runs on the server.
 */
function camundaParameter(p: El, item: El, ctx: ReadContext, expr: ExpressionReader): Mapping[] {
  const name = str(p.name);
  if (!name) return [];
  const source = camundaValue(p, `The parameter "${name}" of ${labelOf(item)}`, item.id!, ctx, expr);
  return source === undefined ? [] : [{ source, target: name }];
}

const DEFINITIONS: ReadonlySet<string> = new Set(['camunda:List', 'camunda:Map', 'camunda:Script', 'camunda:Value']);

/** A parameter, list item or map entry as FEEL: its definition (list, map, script, value) or its text. */
function camundaValue(node: El, what: string, id: string, ctx: ReadContext, expr: ExpressionReader): string | undefined {
  const definition = (DEFINITIONS.has(node.$type) ? node : node.definition) as El | undefined;
  if (!definition || definition.$type === 'camunda:Value') return camundaText(str((definition ?? node).value), what, id, expr);
  const parts = (items: El[], part: (i: El, n: number) => string | undefined) => {
    const out = items.map(part);
    return out.every((x) => x !== undefined) ? out : undefined;
  };
  switch (definition.$type) {
    case 'camunda:List': {
      const items = parts(list(definition.items), (i, n) => camundaValue(i, `${what}, item ${n + 1},`, id, ctx, expr));
      return items && `[${items.join(', ')}]`;
    }
    case 'camunda:Map': {
      const entries = parts(list(definition.entries), (e) => {
        const key = str(e.key);
        if (key === undefined) {
          ctx.report('mapping-invalid', id, `${what} has a map entry without a key`);
          return undefined;
        }
        const value = camundaValue(e, `${what}, entry "${key}",`, id, ctx, expr);
        return value === undefined ? undefined : `${JSON.stringify(key)}: ${value}`;
      });
      return entries && `{${entries.join(', ')}}`;
    }
    case 'camunda:Script': {
      const format = str(definition.scriptFormat)?.trim() ?? '';
      const body = str(definition.value);
      if (!/^(feel|juel)$/i.test(format) || str(definition.resource) || !body) {
        ctx.report('script-language-unsupported', id, `${what} is a ${format || 'script'} script${str(definition.resource) ? ' loaded from a resource' : ''}; Dosar runs no code from a model on its server: write it as a FEEL expression (scriptFormat="feel") or JUEL`);
        return undefined;
      }
      const feel = expr.feel(body, id, what, 'mapping-invalid');
      return feel === undefined ? undefined : `(${feel})`;
    }
    default:
      ctx.report('mapping-invalid', id, `${what} is a ${definition.$type.replace(/^camunda:/, '')}, which Dosar does not map`);
      return undefined;
  }
}

/** Camunda 7's text value: JUEL is an expression, anything else a string, nothing null. */
function camundaText(value: string | undefined, what: string, id: string, expr: ExpressionReader): string | undefined {
  if (value === undefined) return 'null';
  if (!hasJuel(value)) return JSON.stringify(value);
  const feel = expr.expression(value, id, what, 'mapping-invalid');
  return feel === undefined ? undefined : `(${feel.slice(1)})`;
}

export function readIoMapping(item: El, ctx: ReadContext, expr: ExpressionReader): IoMappings {
  if (item.$type === 'bpmn:CallActivity') return {};
  const id = item.id!;
  const zeebe = extension(item, 'zeebe:IoMapping') ?? extension(item, 'dosar:IoMapping');
  const camunda = extension(item, 'camunda:InputOutput');
  const result: IoMappings = {};
  if (zeebe) {
    const inputs = zeebeMappings(list(zeebe.inputParameters), id, expr);
    const outputs = zeebeMappings(list(zeebe.outputParameters), id, expr);
    if (inputs) result.inputs = inputs;
    if (outputs) result.outputs = outputs;
  } else if (camunda) {
    const inputs = list(camunda.inputParameters);
    const outputs = list(camunda.outputParameters);
    if (inputs.length > 0) result.inputs = inputs.flatMap((p) => camundaParameter(p, item, ctx, expr));
    if (outputs.length > 0) {
      result.outputs = outputs.flatMap((p) => camundaParameter(p, item, ctx, expr));
      result.keepCompletionVariables = true;
    }
  }
  return result;
}

/** camunda:in/out: `variables="all"` means copy everything (no mapping). */
function camundaCallMappings(items: El[], id: string, expr: ExpressionReader): Mapping[] | undefined {
  if (items.length === 0 || items.some((i) => i.variables === 'all')) return undefined;
  const out: Mapping[] = [];
  for (const i of items) {
    const target = str(i.target);
    const source = str(i.source) ?? (str(i.sourceExpression) ? expr.expression(i.sourceExpression as string, id, 'The mapping', 'mapping-invalid')?.slice(1) : undefined);
    if (target && source) out.push({ source, target });
  }
  return out;
}

export function readCall(item: El, ctx: ReadContext, expr: ExpressionReader): CallDef {
  const id = item.id!;
  const zeebeCall = extension(item, 'zeebe:CalledElement');
  const called = str(zeebeCall?.processId) ?? str(item.calledElement);
  const calledElement = called ? expr.expression(called, id, 'The called element') : undefined;
  if (!calledElement) ctx.report('call-without-called-element', id, `Call activity ${labelOf(item)} names no procedure to call`);
  const call: CallDef = { calledElement: calledElement ?? '', binding: 'latest' };
  const binding = ctx.attr(item, 'camunda:calledElementBinding');
  if (binding === 'version') {
    const version = ctx.attr(item, 'camunda:calledElementVersion');
    if (version && /^\d+$/.test(version)) {
      call.binding = 'version';
      call.version = Number(version);
    } else ctx.report('call-version-invalid', id, `Call activity ${labelOf(item)} pins a version but "${version ?? ''}" is not a version number`);
  } else if (binding && binding !== 'latest') {
    ctx.report('unsupported-element', id, `Called element binding "${binding}" is not supported (use latest or version)`);
  }
  const io = extension(item, 'zeebe:IoMapping');
  const inputs = camundaCallMappings(extensions(item, 'camunda:In'), id, expr) ?? zeebeMappings(list(io?.inputParameters), id, expr);
  const outputs = camundaCallMappings(extensions(item, 'camunda:Out'), id, expr) ?? zeebeMappings(list(io?.outputParameters), id, expr);
  const propagateOut = zeebeCall ? zeebeCall.propagateAllChildVariables !== false : true;
  if (inputs) call.inputs = inputs;
  if (outputs) call.outputs = outputs;
  else if (!propagateOut) call.outputs = [];
  return call;
}
