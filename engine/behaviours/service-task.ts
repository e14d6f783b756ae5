import type { Run } from '../core/run.ts';
import type { Json, Token } from '../core/types.ts';
import type { ElementDef } from '../model/definition.ts';
import type { ElementBehaviour } from './behaviour.ts';
import { evaluateMappings } from './mappings.ts';

/** Queues a job for the named handler; the job executor runs it outside the step. */
export function enqueueJob(run: Run, token: Token, el: ElementDef): void {
  const service = el.service!;
  const options: Record<string, Json> = {};
  for (const [name, value] of Object.entries(service.options ?? {})) options[name] = run.attribute(value, token.scopeId);
  const variables = el.inputs ? evaluateMappings(run, el, el.inputs, token.scopeId, 'input') : { ...run.variablesFor(token.scopeId) };
  // The waits travel with the job: a job keeps the schedule of the version that made it.
  const payload = { variables, options, ...(service.retryWaits ? { retryWaits: service.retryWaits } : {}) };
  const id = run.ctx.newId();
  run.emit({ type: 'job.enqueue', job: { id, elementId: el.id, tokenId: token.id, handler: service.handler, payload, runAt: run.now, retries: service.retries ?? 3 } });
  token.wait = { kind: 'job', jobId: id };
}

export const serviceTask: ElementBehaviour = {
  enter(run, token, el) {
    enqueueJob(run, token, el);
  },
};
