/**
 * Camunda 7 models write JUEL (`${amount > 1000 && approved}`). The common subset is translated to
 * FEEL at deploy: variables, property access, indexing by a literal (`list[0]`, `map["key"]`),
 * literals, comparisons, arithmetic (% and mod too), && || ! ?: and the word forms (and, or, not,
 * eq, ne, lt, gt, le, ge, div, mod, empty), and text mixed with expressions (`Cererea ${nr}`).
 * `execution.getVariable("x")` and the common methods of texts and lists (`size()`, `length()`,
 * `equals(…)`, `contains(…)`, …) are read too. Anything else (other methods, a computed index,
 * `execution`'s other parts) is refused at deploy, never at run time.
 */
export class JuelUnsupported extends Error {}

type Tok = { kind: 'num' | 'str' | 'id' | 'op' | 'end'; value: string };

const OPS = ['&&', '||', '==', '!=', '<=', '>=', '!', '<', '>', '(', ')', '.', '+', '-', '*', '/', '%', '[', ']', '?', ':', ','];

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(text.slice(i))!;
      toks.push({ kind: 'num', value: m[0] });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) { value += text[j + 1]; j += 2; continue; }
        value += text[j];
        j++;
      }
      if (j >= text.length) throw new JuelUnsupported('unterminated string');
      toks.push({ kind: 'str', value });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(text.slice(i))!;
      toks.push({ kind: 'id', value: m[0] });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (!op) throw new JuelUnsupported(`unexpected character "${c}"`);
    toks.push({ kind: 'op', value: op });
    i += op.length;
  }
  toks.push({ kind: 'end', value: '' });
  return toks;
}

const WORD_OPS: Record<string, string> = { and: '&&', or: '||', eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=', not: '!', div: '/', mod: '%' };
const FEEL_OPS: Record<string, string> = { '&&': 'and', '||': 'or', '==': '=', '!=': '!=', '<': '<', '>': '>', '<=': '<=', '>=': '>=', '+': '+', '-': '-', '*': '*', '/': '/' };

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok { return this.toks[this.i]!; }
  private op(): string | undefined {
    const t = this.peek();
    if (t.kind === 'op') return t.value;
    if (t.kind === 'id' && WORD_OPS[t.value]) return WORD_OPS[t.value];
    return undefined;
  }
  private next(): Tok { return this.toks[this.i++]!; }

  parse(): string {
    const out = this.conditional();
    if (this.peek().kind !== 'end') throw new JuelUnsupported(`unexpected "${this.peek().value}"`);
    return out;
  }

  private static LEVELS = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];

  /** `a ? b : c`, the loosest JUEL operator, right-associative. */
  private conditional(): string {
    const test = this.binary(0);
    if (this.op() !== '?') return test;
    this.next();
    const then = this.conditional();
    if (this.next().value !== ':') throw new JuelUnsupported('missing ":" of ?:');
    return `(if ${test} then ${then} else ${this.conditional()})`;
  }

  private binary(level: number): string {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const op = this.op();
      if (!op || !Parser.LEVELS[level]!.includes(op)) return left;
      this.next();
      const right = this.binary(level + 1);
      left = op === '%' ? `modulo(${left}, ${right})` : `${left} ${FEEL_OPS[op]} ${right}`;
    }
  }

  private unary(): string {
    const t = this.peek();
    if (this.op() === '!') {
      this.next();
      return `not(${this.unary()})`;
    }
    if (t.kind === 'id' && t.value === 'empty') {
      this.next();
      return emptyTest(this.unary());
    }
    if (t.kind === 'op' && t.value === '-') {
      this.next();
      return `-${this.unary()}`;
    }
    return this.primary();
  }

  private primary(): string {
    const t = this.next();
    if (t.kind === 'num') return t.value;
    if (t.kind === 'str') return JSON.stringify(t.value);
    if (t.kind === 'op' && t.value === '(') {
      const inner = this.conditional();
      if (this.next().value !== ')') throw new JuelUnsupported('missing ")"');
      return `(${inner})`;
    }
    if (t.kind === 'id') {
      if (t.value === 'true' || t.value === 'false' || t.value === 'null') return t.value;
      let path = t.value === 'execution' ? this.executionVariable() : t.value;
      if (t.value === 'task') throw new JuelUnsupported('"task" (the engine\'s Java objects) is not available');
      for (;;) {
        const p = this.peek();
        if (p.kind === 'op' && p.value === '.') {
          this.next();
          const prop = this.next();
          if (prop.kind !== 'id') throw new JuelUnsupported('a property name must follow "."');
          if (this.peek().kind === 'op' && this.peek().value === '(') {
            path = method(path, prop.value, this.args());
            continue;
          }
          path += `.${prop.value}`;
          continue;
        }
        if (p.kind === 'op' && p.value === '(') {
          // Camunda 7's clock functions: now() and dateTime() (a Joda DateTime, read by the methods below).
          if ((path === 'now' || path === 'dateTime') && this.args().length === 0) {
            path = 'now()';
            continue;
          }
          throw new JuelUnsupported(`function calls like ${path}() are not supported`);
        }
        if (p.kind === 'op' && p.value === '[') {
          this.next();
          path = index(path, this.next());
          if (this.next().value !== ']') throw new JuelUnsupported('indexing takes one number or one text, like list[0] or map["key"]');
          continue;
        }
        return path;
      }
    }
    if (t.kind === 'op' && t.value === '?') throw new JuelUnsupported('the ternary operator ?: is not supported');
    throw new JuelUnsupported(t.kind === 'end' ? 'the expression ends too early' : `unexpected "${t.value}"`);
  }

  /** The arguments of a call, from its "(" to its ")". */
  private args(): string[] {
    this.next();
    const out: string[] = [];
    if (this.peek().kind === 'op' && this.peek().value === ')') {
      this.next();
      return out;
    }
    for (;;) {
      out.push(this.conditional());
      const t = this.next();
      if (t.value === ')') return out;
      if (t.value !== ',') throw new JuelUnsupported('missing ")" of a call');
    }
  }

  /**
   * `execution.getVariable("x")`, which Camunda 7 models use for a variable that may not be set (a
   * plain `x` would fail there): FEEL's `x`, null when unset. `execution.hasVariable("x")`: `x != null`.
   */
  private executionVariable(): string {
    const dot = this.next();
    const name = this.next();
    if (dot.value !== '.' || name.kind !== 'id' || !['getVariable', 'hasVariable'].includes(name.value) || this.peek().value !== '(') {
      throw new JuelUnsupported('"execution" (the engine\'s Java objects) is not available, except execution.getVariable("name") and execution.hasVariable("name")');
    }
    const open = this.toks[this.i + 1];
    const close = this.toks[this.i + 2];
    if (open?.kind !== 'str' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(open.value) || close?.value !== ')') {
      throw new JuelUnsupported(`execution.${name.value} takes one variable name in quotes, like execution.${name.value}("suma")`);
    }
    this.i += 3;
    return name.value === 'hasVariable' ? `(${open.value} != null)` : open.value;
  }
}

/** JUEL's empty: null, "", an empty list or map; each test typed, so a number is simply not empty. */
function emptyTest(operand: string): string {
  return `(${operand} = null or (${operand} instance of string and ${operand} = "") or (${operand} instance of list and count(${operand}) = 0) or (${operand} instance of context and count(get entries(${operand})) = 0))`;
}

/** The Java methods models call on texts and lists, as FEEL. */
const METHODS: Record<string, { arity: number; feel: (target: string, args: string[]) => string }> = {
  size: { arity: 0, feel: (t) => `count(${t})` },
  length: { arity: 0, feel: (t) => `string length(${t})` },
  isEmpty: { arity: 0, feel: (t) => emptyTest(t) },
  equals: { arity: 1, feel: (t, [a]) => `(${t} = ${a})` },
  equalsIgnoreCase: { arity: 1, feel: (t, [a]) => `(lower case(${t}) = lower case(${a}))` },
  contains: { arity: 1, feel: (t, [a]) => `(if ${t} instance of list then list contains(${t}, ${a}) else contains(${t}, ${a}))` },
  startsWith: { arity: 1, feel: (t, [a]) => `starts with(${t}, ${a})` },
  endsWith: { arity: 1, feel: (t, [a]) => `ends with(${t}, ${a})` },
  toUpperCase: { arity: 0, feel: (t) => `upper case(${t})` },
  toLowerCase: { arity: 0, feel: (t) => `lower case(${t})` },
  // A Joda DateTime's arithmetic (dateTime().plusDays(5).toDate(), Camunda 7's usual due date).
  ...Object.fromEntries((['Days', 'Weeks', 'Months', 'Years', 'Hours', 'Minutes'] as const).flatMap((unit) => {
    // FEEL durations have no weeks: a week is 7 days.
    const period = (n: string) => {
      const [amount, letter] = unit === 'Weeks' ? [/^\d+$/.test(n) ? String(Number(n) * 7) : `(${n}) * 7`, 'D'] : [n, unit === 'Minutes' ? 'M' : unit[0]!];
      const prefix = unit === 'Hours' || unit === 'Minutes' ? 'PT' : 'P';
      return /^\d+$/.test(amount) ? `duration("${prefix}${amount}${letter}")` : `duration("${prefix}" + string(${amount}) + "${letter}")`;
    };
    return [
      [`plus${unit}`, { arity: 1, feel: (t: string, [a]: string[]) => `(${t} + ${period(a!)})` }],
      [`minus${unit}`, { arity: 1, feel: (t: string, [a]: string[]) => `(${t} - ${period(a!)})` }],
    ];
  })),
  toDate: { arity: 0, feel: (t) => t },
  get: { arity: 1, feel: (t, [a]) => `(if ${t} instance of list then ${t}[(${a}) + 1] else get value(${t}, ${a}))` },
};

function method(target: string, name: string, args: string[]): string {
  const known = METHODS[name];
  if (!known) throw new JuelUnsupported(`method calls like ${target}.${name}() are not supported (only ${Object.keys(METHODS).join(', ')})`);
  if (args.length !== known.arity) throw new JuelUnsupported(`${name} takes ${known.arity === 0 ? 'no argument' : 'one argument'}`);
  return known.feel(target, args);
}

/** `path[0]` (JUEL counts from 0, FEEL from 1) or `path["key"]`. */
function index(path: string, key: Tok): string {
  if (key.kind === 'num' && /^\d+$/.test(key.value)) return `${path}[${Number(key.value) + 1}]`;
  if (key.kind === 'str') return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key.value) ? `${path}.${key.value}` : `get value(${path}, ${JSON.stringify(key.value)})`;
  throw new JuelUnsupported(`indexing by "${key.value}" is not supported: write a number or a text, like list[0] or map["key"]`);
}

/** The text split into literal parts and the bodies of its `${...}`/`#{...}` (a `}` inside quotes does not close one). */
function segments(text: string): Array<{ literal: string } | { juel: string }> {
  const out: Array<{ literal: string } | { juel: string }> = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if ((text[i] === '$' || text[i] === '#') && text[i + 1] === '{') {
      let j = i + 2;
      let quote: string | undefined;
      for (; j < text.length; j++) {
        const c = text[j]!;
        if (quote) {
          if (c === '\\') j++;
          else if (c === quote) quote = undefined;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '}') break;
      }
      if (j >= text.length) throw new JuelUnsupported('a ${ is not closed by }');
      if (literal) out.push({ literal });
      literal = '';
      out.push({ juel: text.slice(i + 2, j) });
      i = j + 1;
    } else {
      literal += text[i++];
    }
  }
  if (literal) out.push({ literal });
  return out;
}

/** True when the text is one whole JUEL expression `${...}` or `#{...}` (an unclosed one too, to be refused). */
export function isJuel(text: string): boolean {
  try {
    const parts = segments(text.trim());
    return parts.length === 1 && 'juel' in parts[0]!;
  } catch {
    return /^\s*[$#]\{/.test(text);
  }
}

/** True when the text holds a JUEL expression, whole or mixed with text. */
export function hasJuel(text: string): boolean {
  return /[$#]\{/.test(text);
}

/**
 * Translates `${...}` to FEEL; throws JuelUnsupported with the reason. Text mixed with expressions
 * becomes a FEEL string, each expression's value written out and null as nothing, as JUEL does.
 */
export function juelToFeel(text: string): string {
  const parts = segments(text.trim());
  const only = parts.length === 1 ? parts[0]! : undefined;
  if (only && 'juel' in only) return new Parser(tokenize(only.juel)).parse();
  if (!parts.some((p) => 'juel' in p)) throw new JuelUnsupported('the text holds no ${...}');
  return segments(text).map((p) => {
    if ('literal' in p) return JSON.stringify(p.literal);
    const value = new Parser(tokenize(p.juel)).parse();
    return `(if (${value}) = null then "" else string(${value}))`;
  }).join(' + ');
}
