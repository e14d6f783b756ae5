import { evaluate, parseExpression } from 'feelin';
import { AppError } from '../errors.ts';
import { calendarFeelFunctions } from '../calendar/feel-functions.ts';
import { createCalendar } from '../calendar/calendar.ts';
import type { Json } from '../core/types.ts';
import { fastCondition, fastVariable } from './feel-fast-path.ts';

export type FeelFunctions = Record<string, (...args: unknown[]) => unknown>;

/** Without a configured calendar, expressions count working days by the statutory holidays alone. */
const defaultFunctions: FeelFunctions = calendarFeelFunctions(createCalendar());

/**
 * Evaluates a FEEL expression against variables. `now` is the step's clock: feelin's own
 * now()/today() read the wall clock, so they are shadowed by the injected time.
 */
export function evaluateFeel(expression: string, variables: Record<string, unknown>, now: string, functions: FeelFunctions = defaultFunctions): unknown {
  const fast = fastVariable(expression, variables);
  if (fast) return fast.value;
  const context: Record<string, unknown> = {
    ...functions,
    now: () => evaluate(`date and time("${now}")`).value,
    today: () => evaluate(`date("${now.slice(0, 10)}")`).value,
    ...variables,
  };
  let result;
  try {
    result = evaluate(expression, context);
  } catch (cause) {
    throw new AppError('expression-failed', `The expression "${expression}" could not be evaluated: ${(cause as Error).message}`, { cause });
  }
  return result.value;
}

/** Evaluates a condition; anything but true (including null from a missing variable) is false. */
export function evaluateCondition(expression: string, variables: Record<string, unknown>, now: string, functions?: FeelFunctions): boolean {
  return fastCondition(expression, variables) ?? evaluateFeel(expression, variables, now, functions) === true;
}

/** Resolves an attribute that is a literal or '=feel'. */
export function resolveAttribute(value: string, variables: Record<string, unknown>, now: string, functions?: FeelFunctions): unknown {
  return value.startsWith('=') ? evaluateFeel(value.slice(1), variables, now, functions) : value;
}

/** Turns feelin values (dates, durations, ranges) into plain JSON. */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const iso = (value as { iso?: unknown }).iso;
    if (typeof iso === 'string') return iso;
    if (typeof (value as { toString?: unknown }).toString === 'function' && value.constructor !== Object) {
      return String(value);
    }
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
    return out;
  }
  return null;
}

/** Throws when the expression does not parse; used at deploy time. */
export function assertFeelParses(expression: string): void {
  try {
    const tree = parseExpression(expression, {}, undefined);
    let error = false;
    tree.iterate({ enter: (node) => { if (node.type.isError) error = true; } });
    if (error) throw new Error('syntax error');
  } catch (cause) {
    throw new AppError('expression-failed', `"${expression}" is not a valid FEEL expression`, { cause });
  }
}
