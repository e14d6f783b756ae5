/**
 * Camunda 7 models write JUEL (`${amount > 1000 && approved}`). The common subset is translated to
 * FEEL at deploy: variables, property access, literals, comparisons, arithmetic, && || ! and the
 * word forms (and, or, not, eq, ne, lt, gt, le, ge, empty). Anything else (method calls, indexing,
 * the ternary operator, `execution`) is refused at deploy, never at run time.
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

const WORD_OPS: Record<string, string> = { and: '&&', or: '||', eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=', not: '!' };
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
    const out = this.binary(0);
    if (this.peek().kind !== 'end') throw new JuelUnsupported(`unexpected "${this.peek().value}"`);
    return out;
  }

  private static LEVELS = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/']];

  private binary(level: number): string {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const op = this.op();
      if (!op || !Parser.LEVELS[level]!.includes(op)) return left;
      this.next();
      const right = this.binary(level + 1);
      left = `${left} ${FEEL_OPS[op]} ${right}`;
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
      const operand = this.unary();
      return `(${operand} = null or ${operand} = "")`;
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
      const inner = this.binary(0);
      if (this.next().value !== ')') throw new JuelUnsupported('missing ")"');
      return `(${inner})`;
    }
    if (t.kind === 'id') {
      if (t.value === 'true' || t.value === 'false' || t.value === 'null') return t.value;
      if (t.value === 'execution' || t.value === 'task') throw new JuelUnsupported(`"${t.value}" (the engine's Java objects) is not available`);
      let path = t.value;
      for (;;) {
        const p = this.peek();
        if (p.kind === 'op' && p.value === '.') {
          this.next();
          const prop = this.next();
          if (prop.kind !== 'id') throw new JuelUnsupported('a property name must follow "."');
          if (this.peek().kind === 'op' && this.peek().value === '(') throw new JuelUnsupported(`method calls like ${path}.${prop.value}() are not supported`);
          path += `.${prop.value}`;
          continue;
        }
        if (p.kind === 'op' && p.value === '(') throw new JuelUnsupported(`function calls like ${path}() are not supported`);
        if (p.kind === 'op' && p.value === '[') throw new JuelUnsupported('indexing with [ ] is not supported');
        return path;
      }
    }
    if (t.kind === 'op' && t.value === '?') throw new JuelUnsupported('the ternary operator ?: is not supported');
    throw new JuelUnsupported(t.kind === 'end' ? 'the expression ends too early' : `unexpected "${t.value}"`);
  }
}

/** True when the text is one whole JUEL expression `${...}` or `#{...}`. */
export function isJuel(text: string): boolean {
  return /^\s*[$#]\{[\s\S]*\}\s*$/.test(text);
}

/** Translates `${...}` to FEEL; throws JuelUnsupported with the reason. */
export function juelToFeel(text: string): string {
  const m = /^\s*[$#]\{([\s\S]*)\}\s*$/.exec(text);
  if (!m) throw new JuelUnsupported('text mixed with ${...} is not supported');
  return new Parser(tokenize(m[1]!)).parse();
}
