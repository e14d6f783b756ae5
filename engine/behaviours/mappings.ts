import { AppError } from '../errors.ts';
import type { Run } from '../core/run.ts';
import type { Variables } from '../core/types.ts';
import type { ElementDef, Mapping } from '../model/definition.ts';

/**
 * Evaluates an element's input or output mappings. A mapping that fails names itself and its
 * element under its own code (`mapping-failed`), so the clerk or the incident says which one to fix.
 */
export function evaluateMappings(run: Run, el: ElementDef, mappings: Mapping[], scopeId: string, kind: 'input' | 'output', extra?: Variables): Variables {
  const out: Variables = {};
  for (const m of mappings) {
    try {
      out[m.target] = run.evaluate(m.source, scopeId, extra);
    } catch (cause) {
      if (cause instanceof AppError && cause.code === 'expression-too-costly') throw cause;
      const why = (cause as Error).message;
      const name = el.name ?? el.id;
      throw new AppError('mapping-failed', {
        ro: `Maparea de ${kind === 'input' ? 'intrare' : 'ieșire'} „${m.target}” a elementului „${name}” nu a putut fi evaluată (${m.source}): ${why}`,
        en: `The ${kind} mapping "${m.target}" of "${name}" could not be evaluated (${m.source}): ${why}`,
      }, { cause, details: { elementId: el.id, target: m.target, source: m.source } });
    }
  }
  return out;
}
