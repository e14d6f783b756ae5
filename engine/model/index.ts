import { AppError, type Problem } from '../errors.ts';
import { checkDefinition } from './check-definition.ts';
import { checkEvents } from './check-events.ts';
import { checkHandlers, type KnownHandlers } from './check-handlers.ts';
import { compileProcess } from './compile-definition.ts';
import type { Definition } from './definition.ts';
import { loadModdle, type ModdleElement } from './load-definition.ts';

/**
 * Deploy-time model handling: load (bpmn-moddle), compile to an executable Definition, check.
 * Supported: see engine/model/element-registry.ts; anything else is refused with a coded problem.
 * Attributes: dosar: first, then camunda: (Camunda 7) and zeebe: (Camunda 8).
 * Expressions: FEEL ('=expr' in attributes), JUEL translated to FEEL for the common subset.
 * With `handlers` (deploy), every job an element would queue must name one of them with fitting options.
 */
export async function compileModel(xml: string, options: { maxBytes?: number; handlers?: KnownHandlers } = {}): Promise<Definition[]> {
  const { definitions, problems, dosar } = await loadModdle(xml, options);
  const processes = ((definitions.rootElements as ModdleElement[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:Process');
  const all: Problem[] = [...problems];
  const compiled: Definition[] = [];
  // moddle gives every file BPMN's default language (XPath): only one the file writes counts.
  const written = Object.prototype.hasOwnProperty.call(definitions, 'expressionLanguage');
  const expressionLanguage = written && typeof definitions.expressionLanguage === 'string' ? definitions.expressionLanguage : undefined;
  for (const process of processes) {
    // An empty pool (a participant drawn for documentation) has nothing to run; a process marked
    // isExecutable="false" is documentation too, so it is neither run nor checked. An absent
    // attribute counts as executable, as in Camunda 7.
    if (((process.flowElements as unknown[] | undefined) ?? []).length === 0 && processes.length > 1) continue;
    if (process.isExecutable === false) continue;
    if (!process.id) {
      all.push({ code: 'process-invalid', elementId: '', message: 'A process has no id' });
      continue;
    }
    const { definition, problems: compileProblems, refusals } = compileProcess(process, dosar, expressionLanguage);
    all.push(...compileProblems, ...checkDefinition(definition, refusals), ...checkEvents(definition), ...(options.handlers ? checkHandlers(definition, options.handlers) : []));
    compiled.push(definition);
  }
  if (compiled.length === 0 && all.length === 0) {
    const marked = processes.some((p) => p.isExecutable === false);
    all.push({ code: 'no-process', elementId: (definitions.id as string | undefined) ?? '', message: marked ? 'The file contains no executable process: every process in it is marked isExecutable="false"' : 'The file contains no executable process' });
  }
  if (all.length > 0) {
    throw new AppError('definition-invalid', `The model has ${all.length} problem${all.length === 1 ? '' : 's'}`, { problems: dedupe(all) });
  }
  return compiled;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}|${p.elementId}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type { Definition };
