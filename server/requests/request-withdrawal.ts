import { AppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import type { StoredRequest } from './requests-store.ts';

/**
 * A citizen withdraws their own request: the portal sends the BPMN message "retragere" to its
 * instance, and the model says what follows (certificat-urbanism: the analysis stops, the fee is
 * refunded, the request ends as withdrawn). Only while the model waits for it: a procedure without
 * that message, or a stage where it is not awaited, cannot be withdrawn (409).
 */
const WITHDRAWAL_MESSAGE = 'retragere';

export async function canWithdraw(ctx: AppContext, request: StoredRequest): Promise<boolean> {
  const waiting = await ctx.engine.store.findSubscriptions({ messageName: WITHDRAWAL_MESSAGE, instanceId: request.instanceId });
  return waiting.some((s) => s.instanceId === request.instanceId);
}

export async function withdrawRequest(ctx: AppContext, request: StoredRequest): Promise<void> {
  try {
    await ctx.engine.correlate(WITHDRAWAL_MESSAGE, { instanceId: request.instanceId }, { retrasaDeSolicitant: true });
  } catch (err) {
    if (err instanceof AppError && err.code === 'message-not-correlated') {
      throw new AppError('conflict', { ro: 'Cererea nu mai poate fi retrasă în această etapă.', en: 'The request can no longer be withdrawn at this stage.' });
    }
    throw err;
  }
}
