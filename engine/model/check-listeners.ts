import type { Problem } from '../errors.ts';
import { extensions, labelOf, list, str, type El } from './read-attributes.ts';

/**
 * Listeners are code a model runs around its elements: Camunda 7's `camunda:executionListener` and
 * `camunda:taskListener` (a Java class, an expression, a script) and Camunda 8's job-based
 * `zeebe:executionListeners`/`zeebe:taskListeners`. Dosar runs none of them, so a model with one is
 * refused at deploy rather than run without what the listener would have done.
 */
export function listenerProblems(process: El): Problem[] {
  const problems: Problem[] = [];
  const visit = (el: El, isProcess: boolean) => {
    for (const [kind, listeners] of [
      ['an execution listener', [...extensions(el, 'camunda:ExecutionListener'), ...extensions(el, 'zeebe:ExecutionListeners').flatMap((l) => list(l.listeners))]],
      ['a task listener', [...extensions(el, 'camunda:TaskListener'), ...extensions(el, 'zeebe:TaskListeners').flatMap((l) => list(l.listeners))]],
    ] as const) {
      const first = listeners[0];
      if (!first) continue;
      const where = isProcess ? `The process ${labelOf(el)}` : labelOf(el);
      problems.push({
        code: 'listener-unsupported',
        elementId: el.id ?? '',
        message: `${where} has ${kind} (${describe(first)}); Dosar runs no code from a model on its server: do that work in a service task with a handler, or remove the listener`,
      });
    }
    for (const child of list(el.flowElements)) visit(child, false);
  };
  visit(process, true);
  return problems;
}

function describe(listener: El): string {
  const event = str(listener.event) ?? str(listener.eventType);
  const script = listener.script as El | undefined;
  const what = str(listener.class) ? `class ${listener.class as string}`
    : str(listener.delegateExpression) ? `delegate ${listener.delegateExpression as string}`
      : str(listener.expression) ? `expression ${listener.expression as string}`
        : script ? `${str(script.scriptFormat) ?? ''} script`.trim()
          : str(listener.type) ? `job type ${listener.type as string}` : 'no implementation';
  return event ? `${what}, on ${event}` : what;
}
