import { delimiter } from 'node:path';
import { builtInHandlers, type HandlerRegistry, loadHandlerModules } from '../engine/index.ts';
import { refundStepHandler } from './payments/payment-refunds.ts';
import { paymentStepHandler } from './payments/payment-step.ts';
import { taxSituationHandler, taxSourceFromEnv } from './taxes/tax-situation-handler.ts';

/** The engine's built-in handlers and Dosar's own (the built-in procedures name them). */
export function dosarHandlers(env: NodeJS.ProcessEnv): HandlerRegistry {
  return builtInHandlers().register(taxSituationHandler(taxSourceFromEnv(env))).register(paymentStepHandler()).register(refundStepHandler());
}

/**
 * The handlers this installation runs: the built-in ones (engine and Dosar), then those of the modules or folders that
 * DOSAR_HANDLERS lists (separated like PATH; relative to the working folder). Operator
 * configuration only: no request ever names a module to load.
 */
export async function handlersFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): Promise<HandlerRegistry> {
  const registry = dosarHandlers(env);
  const paths = (env.DOSAR_HANDLERS ?? '').split(delimiter).map((p) => p.trim()).filter(Boolean);
  if (paths.length > 0) await loadHandlerModules(registry, paths, cwd);
  return registry;
}
