import { evaluateDecision } from '../dmn/evaluate-decision.ts';
import { mapDecisionResult } from '../dmn/map-result.ts';
import { AppError } from '../errors.ts';
import type { ElementBehaviour } from './behaviour.ts';
import { enqueueJob } from './service-task.ts';

/**
 * Evaluates the task's DMN decision within the step and completes: the decision was bound and
 * embedded in the definition at deploy, so the step reads nothing. A task naming a job topic or
 * type instead (a worker decides) queues a job like a service task.
 */
export const businessRuleTask: ElementBehaviour = {
  enter(run, token, el, ops) {
    if (el.service) {
      enqueueJob(run, token, el);
      return;
    }
    const call = el.decision;
    if (!call?.decisions) {
      throw new AppError('decision-not-found', { ro: `Sarcina „${el.name ?? el.id}” nu are o decizie legată la implementare.`, en: `Task "${el.name ?? el.id}" has no decision bound at deploy.` });
    }
    const result = evaluateDecision(call.decisions, call.decisionId, run.variablesFor(token.scopeId), { now: run.now, ...(run.ctx.functions ? { functions: run.ctx.functions } : {}) });
    run.event('decision.evaluated', el.id, { decisionId: call.decisionId, version: call.version ?? null, results: result.results });
    const value = mapDecisionResult(call, result);
    ops.complete(run, token, call.resultVariable ? { [call.resultVariable]: value } : undefined);
  },
};
