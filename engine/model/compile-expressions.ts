import { AppError } from '../errors.ts';
import { assertFeelParses } from '../expressions/feel.ts';
import { hasJuel, isJuel, juelToFeel } from '../expressions/juel-to-feel.ts';
import { str, type El, type Report } from './read-attributes.ts';

/**
 * Expressions as models write them: FEEL (`=expr` in attributes, plain in conditions), Camunda 7's
 * JUEL (`${expr}`, translated to FEEL) or a literal. Each is checked at deploy, never at run time.
 */

/** Languages whose expressions Dosar evaluates (FEEL, and JUEL through its translation). */
const EVALUATED = /feel|juel/i;
/** BPMN's default expression language, which many tools write on <definitions> whatever they use. */
const XPATH = 'http://www.w3.org/1999/XPath';

function parses(feel: string): boolean {
  try {
    assertFeelParses(feel);
    return true;
  } catch {
    return false;
  }
}

export class ExpressionReader {
  constructor(private readonly report: Report, private readonly defaultLanguage?: string) {}

  /** '=feel', JUEL (translated to '=feel') or a literal. */
  expression(value: string | undefined, elementId: string, what: string, code = 'expression-unsupported'): string | undefined {
    if (value === undefined) return undefined;
    const text = value.trim();
    if (hasJuel(text)) {
      try {
        const feel = juelToFeel(text);
        assertFeelParses(feel);
        return `=${feel}`;
      } catch (err) {
        this.report(code, elementId, `${what} "${text}" uses JUEL outside the supported subset: ${(err as Error).message}`);
        return undefined;
      }
    }
    if (text.startsWith('=')) return this.checkFeel(text.slice(1), elementId, what, code === 'mapping-invalid' ? code : 'condition-invalid') ? text : undefined;
    return text;
  }

  /** Always an expression (conditions, collections): plain FEEL out. */
  feel(value: string | undefined, elementId: string, what: string, code = 'condition-invalid'): string | undefined {
    if (value === undefined) return undefined;
    const text = value.trim();
    if (text === '') return undefined;
    if (isJuel(text)) return this.expression(text, elementId, what, code === 'mapping-invalid' ? code : 'expression-unsupported')?.slice(1);
    const feel = text.startsWith('=') ? text.slice(1) : text;
    return this.checkFeel(feel, elementId, what, code) ? feel : undefined;
  }

  /**
   * A bpmn:FormalExpression used as a condition: its language decides whether Dosar can evaluate it.
   * A language on the expression itself is taken at its word; the definitions-wide one only when the
   * text is not FEEL or JUEL anyway (tools write BPMN's default, XPath, above FEEL and JUEL alike).
   */
  condition(expression: El | undefined, elementId: string, what: string): string | undefined {
    const body = str(expression?.body);
    if (body === undefined) return undefined;
    const own = str(expression?.language);
    const refuse = (language: string) => {
      this.report('expression-language-unsupported', elementId, `${what} "${body.trim()}" is written in ${language}; Dosar evaluates FEEL (and Camunda 7's JUEL), so write it as FEEL`);
      return undefined;
    };
    if (own && !EVALUATED.test(own)) return refuse(own);
    const declared = this.defaultLanguage;
    if (!own && declared && !EVALUATED.test(declared) && !isJuel(body.trim()) && !parses(body.trim().replace(/^=/, ''))) return refuse(declared === XPATH ? 'XPath (the language the definitions declare)' : declared);
    return this.feel(body, elementId, what);
  }

  /**
   * A Camunda 8 mapping source: FEEL only after '=' (the rule since Camunda 8.0); anything else is
   * a string, written as a FEEL string literal so the runtime evaluates every source alike.
   */
  zeebeSource(value: string | undefined, elementId: string, what: string): string | undefined {
    if (value === undefined) return undefined;
    if (!value.trimStart().startsWith('=')) return JSON.stringify(value);
    return this.feel(value.trimStart().slice(1), elementId, what, 'mapping-invalid');
  }

  private checkFeel(feel: string, elementId: string, what: string, code: string): boolean {
    try {
      assertFeelParses(feel);
      return true;
    } catch (err) {
      if (err instanceof AppError && err.code === 'expression-too-costly') this.report('expression-too-costly', elementId, `${what} "${feel}": ${err.message}`);
      else this.report(code, elementId, `${what} "${feel}" is not a valid FEEL expression`);
      return false;
    }
  }
}
