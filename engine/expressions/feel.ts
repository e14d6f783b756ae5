import { evaluate, FeelRange, parseExpression, parseUnaryTests, unaryTest } from 'feelin';
import { AppError } from '../errors.ts';
import { calendarFeelFunctions } from '../calendar/feel-functions.ts';
import { createCalendar } from '../calendar/calendar.ts';
import type { Json } from '../core/types.ts';
import { fastCondition, fastVariable } from './feel-fast-path.ts';

export type FeelFunctions = Record<string, (...args: unknown[]) => unknown>;

/** Without a configured calendar, expressions count working days by the statutory holidays alone. */
const defaultFunctions: FeelFunctions = calendarFeelFunctions(createCalendar());

/**
 * The most elements one evaluation may enumerate from ranges (`for i in 1..n`, `some`/`every`),
 * summed over nested iterations: about 80 ms of feelin's time on our machines. Steps run inside
 * transactions (a submission's, a decision's), so one costly expression must not hold them.
 */
export const FEEL_STEP_BUDGET = 100_000;
/** A second guard, in wall time, checked each time a range is enumerated. */
export const FEEL_TIME_BUDGET_MS = 500;

interface Budget { steps: number; deadline: number }
/** The budget of the evaluation in progress (feelin is synchronous, so one at a time per thread). */
let current: Budget | undefined;

/**
 * feelin enumerates every range it iterates through FeelRange.prototype.map, building the whole
 * list first; counting its size there stops `for i in 1..9000000` before a single element is made.
 */
const enumerate = FeelRange.prototype.map;
FeelRange.prototype.map = function map<T>(this: FeelRange, fn: (value: unknown) => T): T[] {
  if (current) {
    const { start, end } = this as unknown as { start: unknown; end: unknown };
    const size = typeof start === 'number' && typeof end === 'number' ? Math.abs(end - start) + 1 : 0;
    current.steps -= size;
    if (current.steps < 0 || !Number.isFinite(size)) throw tooCostly(`it enumerates more than ${FEEL_STEP_BUDGET} values`);
    if (Date.now() > current.deadline) throw tooCostly(`it ran longer than ${FEEL_TIME_BUDGET_MS} ms`);
  }
  return enumerate.call(this, fn) as T[];
};

function tooCostly(why: string): AppError {
  const ro = why.replace(/^it enumerates more than (\d+) values$/, 'enumeră mai mult de $1 valori').replace(/^it ran longer than (\d+) ms$/, 'a rulat mai mult de $1 ms');
  return new AppError('expression-too-costly', { ro: `Expresia este prea costisitoare: ${ro}.`, en: `The expression is too costly: ${why}.` });
}

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
  const outer = current;
  current = { steps: FEEL_STEP_BUDGET, deadline: Date.now() + FEEL_TIME_BUDGET_MS };
  try {
    result = evaluate(expression, context);
  } catch (cause) {
    if (cause instanceof AppError && cause.code === 'expression-too-costly') {
      throw new AppError('expression-too-costly', `${cause.message} (${expression})`, { cause, details: { expression, budget: FEEL_STEP_BUDGET } });
    }
    throw new AppError('expression-failed', `The expression "${expression}" could not be evaluated: ${(cause as Error).message}`, { cause });
  } finally {
    current = outer;
  }
  return result.value;
}

/**
 * Tests `input` against DMN unary tests (`[1..10]`, `not("a","b")`, `> x`, `-`), under the same
 * budget and clock as evaluateFeel: decision tables run inside steps too.
 */
export function evaluateUnaryTests(tests: string, input: unknown, variables: Record<string, unknown>, now: string, functions: FeelFunctions = defaultFunctions): boolean {
  if (tests === '' || tests === '-') return true;
  const context: Record<string, unknown> = {
    ...functions,
    now: () => evaluate(`date and time("${now}")`).value,
    today: () => evaluate(`date("${now.slice(0, 10)}")`).value,
    ...variables,
    '?': input,
  };
  const outer = current;
  current = { steps: FEEL_STEP_BUDGET, deadline: Date.now() + FEEL_TIME_BUDGET_MS };
  try {
    return unaryTest(tests, context).value === true;
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw new AppError('expression-failed', `The input entry "${tests}" could not be evaluated: ${(cause as Error).message}`, { cause });
  } finally {
    current = outer;
  }
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

/**
 * Throws when the expression does not parse, or (`expression-too-costly`) when it iterates a
 * literal range larger than the step budget (`for i in 1..9000000`); used at deploy time.
 */
export function assertFeelParses(expression: string): void {
  let tooLarge: string | undefined;
  try {
    const tree = parseExpression(expression, {}, undefined);
    let error = false;
    tree.iterate({
      enter: (node) => {
        if (node.type.isError) error = true;
        // An iterated range with two number literals as bounds: its size is known now.
        if (node.name === 'IterationContext') {
          const bounds: number[] = [];
          for (let child = node.node.firstChild; child; child = child.nextSibling) {
            if (child.name === 'NumericLiteral') bounds.push(Number(expression.slice(child.from, child.to)));
          }
          if (bounds.length === 2 && Math.abs(bounds[1]! - bounds[0]!) + 1 > FEEL_STEP_BUDGET) tooLarge = expression.slice(node.from, node.to);
        }
      },
    });
    if (error) throw new Error('syntax error');
  } catch (cause) {
    throw new AppError('expression-failed', `"${expression}" is not a valid FEEL expression`, { cause });
  }
  if (tooLarge !== undefined) {
    throw new AppError('expression-too-costly', { ro: `Intervalul ${tooLarge} are mai mult de ${FEEL_STEP_BUDGET} valori.`, en: `The range ${tooLarge} has more than ${FEEL_STEP_BUDGET} values.` }, { details: { expression, budget: FEEL_STEP_BUDGET } });
  }
}

/** Throws `expression-failed` when DMN unary tests (an input entry) do not parse; used at deploy time. */
export function assertUnaryTestsParse(tests: string): void {
  if (tests === '' || tests === '-') return;
  let error = false;
  try {
    parseUnaryTests(tests, {}, undefined).iterate({ enter: (node) => { if (node.type.isError) error = true; } });
  } catch {
    error = true;
  }
  if (error) throw new AppError('expression-failed', `"${tests}" is not a valid FEEL unary test`);
}
