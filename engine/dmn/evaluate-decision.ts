import { AppError } from '../errors.ts';
import { evaluateFeel, evaluateUnaryTests, toJson, type FeelFunctions } from '../expressions/feel.ts';
import type { Json } from '../core/types.ts';
import type { DecisionBundle, DecisionDef, DecisionInput, DecisionTableDef } from './decision.ts';

/** One matched rule's outputs, keyed by output name (Camunda's "rule result"). */
export type RuleResult = Record<string, Json>;

export interface DecisionResult {
  /** The results in the order the hit policy gives them (an aggregation yields one). */
  results: RuleResult[];
  /** True when the hit policy yields at most one result (UNIQUE, FIRST, ANY, PRIORITY, COLLECT with an aggregation). */
  single: boolean;
  /** How many outputs each result has (Camunda 8 unwraps single-output results). */
  outputs: number;
}

interface Clock { now: string; functions?: FeelFunctions }

/**
 * Evaluates a decision after every decision it requires (depth first, each once); the outputs of a
 * required decision are variables of the one requiring it, a list when it matched several rules.
 * Pure: the same variables and clock give the same result.
 */
export function evaluateDecision(bundle: DecisionBundle, decisionId: string, variables: Record<string, unknown>, clock: Clock): DecisionResult {
  const done = new Map<string, DecisionResult>();
  const run = (id: string, path: string[]): DecisionResult => {
    const known = done.get(id);
    if (known) return known;
    const decision = bundle[id];
    if (!decision) throw new AppError('decision-not-found', { ro: `Decizia „${id}” nu este implementată.`, en: `Decision "${id}" is not deployed.` });
    const scope: Record<string, unknown> = { ...variables };
    for (const required of decision.requires) {
      if (path.includes(required)) continue;
      Object.assign(scope, asVariables(run(required, [...path, required])));
    }
    const result = evaluateOne(decision, scope, clock);
    done.set(id, result);
    return result;
  };
  return run(decisionId, [decisionId]);
}

function asVariables(result: DecisionResult): Record<string, unknown> {
  if (result.results.length === 1) return result.results[0]!;
  const out: Record<string, Json[]> = {};
  for (const r of result.results) for (const [k, v] of Object.entries(r)) (out[k] ??= []).push(v);
  return out;
}

function evaluateOne(decision: DecisionDef, variables: Record<string, unknown>, clock: Clock): DecisionResult {
  if (decision.literal) {
    const value = toJson(evaluateFeel(decision.literal.expression, variables, clock.now, clock.functions));
    return { results: [{ [decision.literal.variable]: value }], single: true, outputs: 1 };
  }
  const table = decision.table!;
  const inputs = table.inputs.map((i) => (i.expression === '' ? null : asTyped(decision.id, i, evaluateFeel(i.expression, variables, clock.now, clock.functions), clock.now)));
  const matched: RuleResult[] = [];
  const matchedIds: string[] = [];
  for (const rule of table.rules) {
    const hit = rule.inputEntries.every((entry, n) => {
      const input = table.inputs[n]!;
      const cell = { ...variables, [input.inputVariable ?? 'cellInput']: inputs[n] };
      return evaluateUnaryTests(entry, inputs[n], cell, clock.now, clock.functions);
    });
    if (!hit) continue;
    const result: RuleResult = {};
    rule.outputEntries.forEach((entry, n) => {
      result[table.outputs[n]!.name] = entry === '' ? null : toJson(evaluateFeel(entry, variables, clock.now, clock.functions));
    });
    matched.push(result);
    matchedIds.push(rule.id);
    if (table.hitPolicy === 'FIRST') break;
  }
  return { results: applyHitPolicy(decision.id, table, matched, matchedIds, variables, clock), single: isSingle(table), outputs: table.outputs.length };
}

/**
 * An input's value read as its typeRef says, as Camunda reads it: JSON has no dates, so a form's
 * "2027-05-10" becomes a FEEL date for a date input (compared as text it would match ranges of
 * dates it is not in), and "12" a number for a number input. A value that cannot be read so stops
 * the decision, naming the input.
 */
function asTyped(decisionId: string, input: DecisionInput, value: unknown, now: string): unknown {
  const type = input.typeRef?.toLowerCase();
  if (value === null || value === undefined || !type || typeof value !== 'string') return value;
  const convert = TYPED[type];
  if (!convert) return value;
  const typed = convert(value, now);
  if (typed === null || typed === undefined) {
    const name = input.label ?? input.expression;
    throw new AppError('decision-failed', {
      ro: `Decizia „${decisionId}”: intrarea „${name}” are valoarea ${JSON.stringify(value)}, care nu este de tipul ${input.typeRef}.`,
      en: `Decision "${decisionId}": input "${name}" is ${JSON.stringify(value)}, which is not a ${input.typeRef}.`,
    }, { details: { decisionId, input: input.id, value } });
  }
  return typed;
}

const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;
const WHOLE = /^\s*-?\d+\s*$/;
const numberIf = (pattern: RegExp) => (v: string) => (pattern.test(v) ? Number(v) : null);
const dateTime = (v: string, now: string) => evaluateFeel('date and time(v)', { v }, now);
const TYPED: Record<string, (value: string, now: string) => unknown> = {
  date: (v, now) => evaluateFeel('if date(v) = null then date(date and time(v)) else date(v)', { v }, now),
  datetime: dateTime,
  'date and time': dateTime,
  number: numberIf(DECIMAL),
  double: numberIf(DECIMAL),
  integer: numberIf(WHOLE),
  long: numberIf(WHOLE),
  boolean: (v) => (v === 'true' ? true : v === 'false' ? false : null),
};

function isSingle(table: DecisionTableDef): boolean {
  return !['COLLECT', 'RULE ORDER', 'OUTPUT ORDER'].includes(table.hitPolicy) || table.aggregation !== undefined;
}

function applyHitPolicy(id: string, table: DecisionTableDef, matched: RuleResult[], ruleIds: string[], variables: Record<string, unknown>, clock: Clock): RuleResult[] {
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) {
        throw new AppError('decision-failed', {
          ro: `Decizia „${id}” are politica UNIQUE, dar se potrivesc ${matched.length} reguli (${ruleIds.join(', ')}).`,
          en: `Decision "${id}" has hit policy UNIQUE but ${matched.length} rules match (${ruleIds.join(', ')}).`,
        }, { details: { decisionId: id, hitPolicy: 'UNIQUE', rules: ruleIds } });
      }
      return matched;
    case 'ANY': {
      const distinct = new Set(matched.map((r) => JSON.stringify(r)));
      if (distinct.size > 1) {
        throw new AppError('decision-failed', {
          ro: `Decizia „${id}” are politica ANY, dar regulile potrivite (${ruleIds.join(', ')}) dau rezultate diferite.`,
          en: `Decision "${id}" has hit policy ANY but the matching rules (${ruleIds.join(', ')}) give different outputs.`,
        }, { details: { decisionId: id, hitPolicy: 'ANY', rules: ruleIds } });
      }
      return matched.slice(0, 1);
    }
    case 'FIRST':
    case 'RULE ORDER':
      return matched;
    case 'PRIORITY':
      return byOutputOrder(table, matched, variables, clock).slice(0, 1);
    case 'OUTPUT ORDER':
      return byOutputOrder(table, matched, variables, clock);
    case 'COLLECT':
      return table.aggregation ? aggregate(table, matched) : matched;
  }
}

/** Sorts by the position of each output's value in its listed values, output by output (stable). */
function byOutputOrder(table: DecisionTableDef, matched: RuleResult[], variables: Record<string, unknown>, clock: Clock): RuleResult[] {
  const orders = table.outputs.map((o) => (o.values ?? []).map((v) => JSON.stringify(toJson(evaluateFeel(v, variables, clock.now, clock.functions)))));
  const rank = (r: RuleResult): number[] => table.outputs.map((o, n) => {
    const at = orders[n]!.indexOf(JSON.stringify(r[o.name] ?? null));
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  });
  return matched
    .map((r, index) => ({ r, index, key: rank(r) }))
    .sort((a, b) => {
      for (let n = 0; n < a.key.length; n += 1) if (a.key[n] !== b.key[n]) return a.key[n]! - b.key[n]!;
      return a.index - b.index;
    })
    .map((x) => x.r);
}

/**
 * COLLECT with an aggregation over the single output's non-null values. COUNT counts distinct
 * values (DMN 1.3, 8.2.11); no match yields no result, as Camunda's engine does.
 */
function aggregate(table: DecisionTableDef, matched: RuleResult[]): RuleResult[] {
  const name = table.outputs[0]!.name;
  const values = matched.map((r) => r[name]).filter((v) => v !== null && v !== undefined);
  if (table.aggregation === 'COUNT') return [{ [name]: new Set(values.map((v) => JSON.stringify(v))).size }];
  if (values.length === 0) return [];
  if (values.some((v) => typeof v !== 'number')) {
    throw new AppError('decision-failed', {
      ro: `Agregarea ${table.aggregation} se poate aplica doar numerelor (ieșirea „${name}”).`,
      en: `Aggregation ${table.aggregation} applies to numbers only (output "${name}").`,
    });
  }
  const numbers = values as number[];
  const value = table.aggregation === 'SUM' ? numbers.reduce((a, b) => a + b, 0) : table.aggregation === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
  return [{ [name]: value }];
}
