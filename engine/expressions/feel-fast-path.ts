/**
 * The two shapes most model expressions take, evaluated without the FEEL interpreter: a variable
 * (`=department`) and a variable compared to a literal (`anonymous = true`, `area > 100`).
 * feelin parses every expression at every evaluation (about 70-170 us, a large share of a step), and
 * these shapes need none of it. Anything else, and any value that is not plain JSON, goes to FEEL;
 * test/engine/expressions/feel-fast-path.test.ts checks that both give the same answers.
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const COMPARISON = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|<=|>=|=|<|>)\s*(true|false|-?\d+(?:\.\d+)?|"[^"\\]*")\s*$/;
/** FEEL keywords and built-in names a bare word could mean instead of a variable. */
const RESERVED = new Set(['true', 'false', 'null', 'not', 'and', 'or', 'for', 'in', 'return', 'if', 'then', 'else', 'some', 'every', 'satisfies', 'instance', 'of', 'function', 'external', 'between', 'now', 'today']);

type Primitive = string | number | boolean | null;

function isPrimitive(value: unknown): value is Primitive {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function plain(value: unknown): boolean {
  return isPrimitive(value) || (Array.isArray(value) && value.every(isPrimitive));
}

/** The value of `name`, when the expression is just a variable that holds plain JSON. */
export function fastVariable(expression: string, variables: Record<string, unknown>): { value: unknown } | undefined {
  const name = expression.trim();
  if (!NAME.test(name) || RESERVED.has(name) || !Object.hasOwn(variables, name)) return undefined;
  const value = variables[name];
  return plain(value) ? { value } : undefined;
}

/**
 * Whether `name <op> literal` holds, for `=` with any plain primitive (an absent variable never
 * equals anything), and for `!=` and the orderings only when variable and literal have the same
 * type (numbers for the orderings); mixed or missing cases go to FEEL, whose null rules decide them.
 */
export function fastCondition(expression: string, variables: Record<string, unknown>): boolean | undefined {
  const m = COMPARISON.exec(expression);
  if (!m || RESERVED.has(m[1]!)) return undefined;
  const [, name, op, literal] = m as unknown as [string, string, string, string];
  if (!Object.hasOwn(variables, name)) return op === '=' ? false : undefined;
  const value = variables[name];
  if (!isPrimitive(value) || value === null) return undefined;
  const expected: Primitive = literal === 'true' ? true : literal === 'false' ? false : literal.startsWith('"') ? literal.slice(1, -1) : Number(literal);
  if (op === '=') return value === expected;
  if (typeof value !== typeof expected) return undefined;
  switch (op) {
    case '!=': return value !== expected;
    case '<': return typeof value === 'number' ? value < (expected as number) : undefined;
    case '<=': return typeof value === 'number' ? value <= (expected as number) : undefined;
    case '>': return typeof value === 'number' ? value > (expected as number) : undefined;
    default: return typeof value === 'number' ? value >= (expected as number) : undefined;
  }
}
