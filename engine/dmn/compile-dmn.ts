import { DmnModdle } from 'dmn-moddle';
import { AppError, type Problem } from '../errors.ts';
import { assertFeelParses, assertUnaryTestsParse } from '../expressions/feel.ts';
import type { Aggregation, DecisionDef, DecisionTableDef, HitPolicy } from './decision.ts';

/** The only importer of dmn-moddle: DMN XML in, compiled decisions (plain JSON) out. */

type El = { $type: string; id?: string; name?: string; text?: string; $attrs?: Record<string, string>; [key: string]: unknown };

const DMN13 = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
/** DMN 1.1 and 1.2 decision tables read the same as 1.3 for what we run: only the namespace differs. */
const OLDER = ['http://www.omg.org/spec/DMN/20151101/dmn.xsd', 'http://www.omg.org/spec/DMN/20180521/MODEL/'];
const MAX_BYTES = 5 * 1024 * 1024;

const HIT_POLICIES: readonly HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'];
const AGGREGATIONS: readonly Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];
const list = (value: unknown): El[] => (Array.isArray(value) ? (value as El[]) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Parses and compiles every decision of a DMN file; throws `decision-invalid` listing each problem. */
export async function compileDmn(xml: string): Promise<DecisionDef[]> {
  if (typeof xml !== 'string' || xml.trim() === '') throw new AppError('decision-invalid', { ro: 'Fișierul DMN este gol.', en: 'The DMN file is empty.' });
  if (Buffer.byteLength(xml) > MAX_BYTES) throw new AppError('xml-too-large', `The DMN file is larger than ${MAX_BYTES} bytes`);
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) throw new AppError('decision-invalid', { ro: 'Fișierul DMN declară DOCTYPE sau entități, care nu sunt permise.', en: 'The DMN file declares a DOCTYPE or entities, which are not allowed.' });
  let source = xml;
  for (const uri of OLDER) source = source.split(`"${uri}"`).join(`"${DMN13}"`);
  let root: El;
  const problems: Problem[] = [];
  try {
    const result = await new DmnModdle().fromXML(source, 'dmn:Definitions');
    root = result.rootElement as El;
    for (const w of result.warnings) {
      if (/unsupported document encoding/.test(w.message) || /unknown type <[^>]*:/.test(w.message) && !/unknown type <dmn:/.test(w.message)) continue;
      problems.push({ code: 'xml-warning', elementId: w.element?.id ?? '', message: w.message.split('\n')[0]! });
    }
  } catch (cause) {
    throw new AppError('decision-invalid', { ro: 'Fișierul nu este DMN valid (XML incorect).', en: `The file is not valid DMN XML: ${(cause as Error).message.split('\n')[0]}` }, { cause });
  }
  if (!root || root.$type !== 'dmn:Definitions') {
    throw new AppError('decision-invalid', { ro: 'Fișierul nu este un document DMN 1.3 (lipsește rădăcina definitions).', en: 'The file is not a DMN 1.3 document (no dmn:definitions root).' });
  }
  const decisions = list(root.drgElement).filter((e) => e.$type === 'dmn:Decision');
  const compiled = decisions.map((d) => compileDecision(d, problems));
  const known = new Set(compiled.map((d) => d.id));
  for (const d of compiled) {
    for (const r of d.requires) if (!known.has(r)) problems.push({ code: 'decision-unknown', elementId: d.id, message: `Decision "${d.id}" requires "${r}", which is not in the file` });
  }
  for (const d of compiled) if (requiresItself(d.id, compiled)) problems.push({ code: 'decision-invalid', elementId: d.id, message: `Decision "${d.id}" requires itself through its required decisions` });
  if (compiled.length === 0) problems.push({ code: 'decision-invalid', elementId: text(root.id), message: 'The file contains no decision' });
  if (problems.length > 0) {
    throw new AppError('decision-invalid', { ro: `Fișierul DMN are ${problems.length} problemă(e).`, en: `The DMN file has ${problems.length} problem(s).` }, { problems });
  }
  return compiled;
}

function requiresItself(start: string, all: DecisionDef[]): boolean {
  const byId = new Map(all.map((d) => [d.id, d]));
  const seen = new Set<string>();
  const stack = [...(byId.get(start)?.requires ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === start) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(byId.get(id)?.requires ?? []));
  }
  return false;
}

function compileDecision(d: El, problems: Problem[]): DecisionDef {
  const id = text(d.id);
  const requires = list(d.informationRequirement).flatMap((r) => {
    const href = text((r.requiredDecision as El | undefined)?.href);
    return href ? [href.replace(/^#/, '')] : [];
  });
  const def: DecisionDef = { id, ...(text(d.name) ? { name: text(d.name) } : {}), requires };
  const logic = d.decisionLogic as El | undefined;
  const feel = (expression: string, where: string, what: string): string => {
    if (expression === '') return expression;
    try {
      assertFeelParses(expression);
    } catch (err) {
      problems.push({ code: 'expression-invalid', elementId: where, message: `${what} "${expression}" is not a valid FEEL expression: ${(err as Error).message}` });
    }
    return expression;
  };
  if (logic?.$type === 'dmn:LiteralExpression') {
    def.literal = { expression: feel(text(logic.text), id, 'The literal expression'), variable: text((d.variable as El | undefined)?.name) || id };
  } else if (logic?.$type === 'dmn:DecisionTable') {
    def.table = compileTable(id, logic, problems, feel);
  } else {
    problems.push({ code: 'decision-invalid', elementId: id, message: `Decision "${id}" has ${logic ? `a ${logic.$type.replace('dmn:', '')}` : 'no decision logic'}; Dosar runs decision tables and literal expressions` });
  }
  return def;
}

function compileTable(id: string, t: El, problems: Problem[], feel: (e: string, where: string, what: string) => string): DecisionTableDef {
  const hitPolicy = (text(t.hitPolicy) || 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.includes(hitPolicy)) problems.push({ code: 'decision-invalid', elementId: id, message: `Hit policy "${hitPolicy}" is not supported` });
  const aggregation = text(t.aggregation) as Aggregation | '';
  if (aggregation && (!AGGREGATIONS.includes(aggregation) || hitPolicy !== 'COLLECT')) {
    problems.push({ code: 'decision-invalid', elementId: id, message: `Aggregation "${aggregation}" is only allowed with the COLLECT hit policy (SUM, MIN, MAX or COUNT)` });
  }
  const inputs = list(t.input).map((i) => {
    const inputVariable = camundaAttr(i, 'inputVariable');
    const typeRef = text((i.inputExpression as El | undefined)?.typeRef);
    return {
      id: text(i.id),
      ...(text(i.label) ? { label: text(i.label) } : {}),
      expression: feel(text((i.inputExpression as El | undefined)?.text), text(i.id) || id, 'The input expression'),
      ...(inputVariable ? { inputVariable } : {}),
      ...(typeRef ? { typeRef } : {}),
    };
  });
  const outputs = list(t.output).map((o, index) => {
    const values = splitValues(text((o.outputValues as El | undefined)?.text));
    const name = text(o.name) || (list(t.output).length === 1 ? id : '');
    if (!name) problems.push({ code: 'decision-invalid', elementId: text(o.id) || id, message: `Output ${index + 1} of decision "${id}" has no name` });
    return { id: text(o.id), name, ...(text(o.label) ? { label: text(o.label) } : {}), ...(values.length > 0 ? { values } : {}) };
  });
  if (outputs.length === 0) problems.push({ code: 'decision-invalid', elementId: id, message: `Decision table "${id}" has no output` });
  if (aggregation && outputs.length > 1) problems.push({ code: 'decision-invalid', elementId: id, message: `Decision table "${id}" aggregates (${aggregation}) but has ${outputs.length} outputs; aggregation needs exactly one` });
  if ((hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') && !outputs.some((o) => o.values)) {
    problems.push({ code: 'decision-invalid', elementId: id, message: `Hit policy ${hitPolicy} of "${id}" orders by output values, but no output lists its values` });
  }
  const rules = list(t.rule).map((r) => {
    const inputEntries = list(r.inputEntry).map((e) => {
      const entry = text(e.text);
      try {
        assertUnaryTestsParse(entry);
      } catch (err) {
        problems.push({ code: 'expression-invalid', elementId: text(r.id) || id, message: `The input entry "${entry}": ${(err as Error).message}` });
      }
      return entry;
    });
    const outputEntries = list(r.outputEntry).map((e) => feel(text(e.text), text(r.id) || id, 'The output entry'));
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) {
      problems.push({ code: 'decision-invalid', elementId: text(r.id) || id, message: `Rule "${text(r.id)}" has ${inputEntries.length} input and ${outputEntries.length} output entries; the table has ${inputs.length} inputs and ${outputs.length} outputs` });
    }
    return { id: text(r.id), inputEntries, outputEntries };
  });
  return { hitPolicy, ...(aggregation ? { aggregation } : {}), inputs, outputs, rules };
}

/** camunda:inputVariable, whatever prefix the file gave Camunda's DMN namespace (dmn-moddle keeps it raw). */
function camundaAttr(el: El, name: string): string {
  for (const [key, value] of Object.entries(el.$attrs ?? {})) if (key.endsWith(`:${name}`) && typeof value === 'string') return value.trim();
  return '';
}

/** `"gold","silver"` -> ['"gold"', '"silver"']: commas inside strings do not split. */
function splitValues(values: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of values) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
