/**
 * The two shapes most model expressions take, evaluated without the FEEL interpreter: a variable
 * (`=department`) and a variable or a path into one compared to a literal (`anonymous = true`,
 * `area > 100`, `plata.rezultat = "paid"`).
 * feelin parses every expression at every evaluation (about 70-170 us, a large share of a step), and
 * these shapes need none of it. Anything else, and any value that is not plain JSON, goes to FEEL;
 * test/engine/expressions/feel-fast-path.test.ts checks that both give the same answers.
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const COMPARISON = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(!=|<=|>=|=|<|>)\s*(true|false|-?\d+(?:\.\d+)?|"[^"\\]*")\s*$/;
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
  if (!m) return undefined;
  const [, path, op, literal] = m as unknown as [string, string, string, string];
  const [name, ...fields] = path.split('.') as [string, ...string[]];
  if (RESERVED.has(name) || fields.some((f) => RESERVED.has(f))) return undefined;
  if (!Object.hasOwn(variables, name)) return op === '=' && fields.length === 0 ? false : undefined;
  let value = variables[name];
  for (const field of fields) {
    // Only through plain JSON objects that hold the field; anything else (a missing field, a list, a date) FEEL decides.
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, field)) return undefined;
    value = (value as Record<string, unknown>)[field];
  }
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
