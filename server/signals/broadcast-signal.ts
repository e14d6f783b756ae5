import { AppError } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';

/**
 * Broadcasts a BPMN signal (a change of law, a council decision) to every request waiting for it,
 * and starts every procedure with a signal start event of that name. It reaches instances in every
 * department at once, so only analysts and admins may send one.
 */
export async function broadcastSignal(ctx: AppContext, user: User, name: string, data: unknown): Promise<{ signalName: string; deliveries: number }> {
  if (user.role !== 'analyst' && user.role !== 'admin') throw new AppError('forbidden', { ro: 'Nu aveți acces la această operațiune.', en: 'You may not do this.' });
  if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data))) {
    throw new AppError('bad-input', { ro: 'Variabilele semnalului (data) trebuie să fie un obiect.', en: 'The signal\'s variables (data) must be an object.' });
  }
  return ctx.engine.broadcastSignal(name, data ?? {});
}
