import { AppError } from '../errors.ts';
import type { ElementBehaviour } from './behaviour.ts';
import { enqueueJob } from './service-task.ts';

/**
 * Evaluates the task's FEEL script within the step (it sees the element's inputs) and completes with
 * its value in the result variable. A task naming a job topic or type instead runs a job like a
 * service task.
 */
export const scriptTask: ElementBehaviour = {
  enter(run, token, el, ops) {
    if (el.service) {
      enqueueJob(run, token, el);
      return;
    }
    const script = el.script!;
    let value;
    try {
      value = run.evaluate(script.expression, token.scopeId, token.locals);
    } catch (cause) {
      if (cause instanceof AppError && cause.code === 'expression-too-costly') throw cause;
      const why = (cause as Error).message;
      const name = el.name ?? el.id;
      throw new AppError('expression-failed', {
        ro: `Scriptul sarcinii „${name}” nu a putut fi evaluat (${script.expression}): ${why}`,
        en: `The script of "${name}" could not be evaluated (${script.expression}): ${why}`,
      }, { cause, details: { elementId: el.id, expression: script.expression } });
    }
    ops.complete(run, token, script.resultVariable ? { [script.resultVariable]: value } : undefined);
  },
};
