import type { Problem } from '../errors.ts';
import type { Definition } from './definition.ts';
import { createsJob } from './element-registry.ts';

/** What deploy needs to know of the registered job handlers (engine/jobs/handlers.ts implements it). */
export interface KnownHandlers {
  /** Undefined when no handler has this name; else why these options fail its schema (empty: they pass). */
  optionsErrors(name: string, options: Record<string, string>): string[] | undefined;
}

/**
 * Every element that will queue a job must name a registered handler and give it options its schema
 * accepts, so a model that would fail only at run time is refused at deploy.
 */
export function checkHandlers(def: Definition, handlers: KnownHandlers): Problem[] {
  const problems: Problem[] = [];
  for (const el of Object.values(def.elements)) {
    const handler = el.service?.handler;
    if (!handler || !createsJob(el)) continue;
    const label = `"${el.name ?? el.id}"`;
    const errors = handlers.optionsErrors(handler, el.service?.options ?? {});
    if (errors === undefined) {
      problems.push({ code: 'unknown-handler', elementId: el.id, message: `${label} names the handler "${handler}", which this installation does not have` });
    } else if (errors.length > 0) {
      problems.push({ code: 'handler-options-invalid', elementId: el.id, message: `The options of ${label} do not fit the handler "${handler}": ${errors.join('; ')}` });
    }
  }
  return problems;
}
