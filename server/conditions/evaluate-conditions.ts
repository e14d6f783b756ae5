import { AppError } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';

/**
 * Evaluates the conditional start events of every procedure against the given variables and starts
 * each whose condition holds (Camunda 7's condition evaluation). It may start procedures of every
 * department at once, so only analysts and admins may ask.
 */
export async function evaluateConditions(ctx: AppContext, user: User, variables: unknown, businessKey: unknown): Promise<{ started: Array<{ id: string; key: string; version: number; startEventId: string }> }> {
  if (user.role !== 'analyst' && user.role !== 'admin') throw new AppError('forbidden', { ro: 'Nu aveți acces la această operațiune.', en: 'You may not do this.' });
  if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) {
    throw new AppError('bad-input', { ro: 'Variabilele (variables) trebuie să fie un obiect.', en: 'The variables must be an object.' });
  }
  if (businessKey !== undefined && (typeof businessKey !== 'string' || businessKey.length === 0 || businessKey.length > 200)) {
    throw new AppError('bad-input', { ro: 'Cheia de business (businessKey) este un text de cel mult 200 de caractere.', en: 'The business key is a text of at most 200 characters.' });
  }
  const started = await ctx.engine.evaluateConditions(variables, businessKey === undefined ? {} : { businessKey });
  return { started };
}
