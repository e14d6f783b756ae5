import { AppError } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { canSeeInstance, requireVisibleRequest } from './request-view.ts';

export interface MessageInput { name?: unknown; requestId?: unknown; businessKey?: unknown; data?: unknown }

/**
 * Delivers a BPMN message on behalf of a clerk or an admin. Admins may correlate anything, start
 * included. A clerk reaches only what they can see: a request by id under the rule of
 * requireVisibleRequest, an instance by business key when one of its tasks is or was in their
 * departments (a request's or not: the CLI and message start events make instances without one).
 * A clerk never starts an instance by message. Whatever a clerk may not reach gets the very answer
 * given when nothing matches, so neither ids nor business keys tell what exists.
 */
export async function correlateMessage(ctx: AppContext, user: User, input: MessageInput): Promise<{ instanceId: string; started: boolean }> {
  if (user.role !== 'clerk' && user.role !== 'admin') throw new AppError('forbidden', { ro: 'Nu aveți acces la această operațiune.', en: 'You may not do this.' });
  if (typeof input.name !== 'string' || !input.name) throw new AppError('bad-input', 'name is the message name');
  const name = input.name;
  const data = input.data ?? {};
  const businessKey = typeof input.businessKey === 'string' && input.businessKey ? input.businessKey : undefined;
  if (typeof input.requestId === 'string') {
    const request = await requireVisibleRequest(ctx, user, input.requestId);
    return ctx.engine.correlate(name, { instanceId: request.instanceId }, data);
  }
  if (!businessKey && user.role === 'admin') return ctx.engine.correlate(name, {}, data);
  if (!businessKey) throw new AppError('bad-input', 'Say which request: requestId or businessKey');
  if (user.role === 'admin') return ctx.engine.correlate(name, { businessKey }, data);
  // The engine picks the first running subscription; the clerk's rights are checked on that instance,
  // and the message goes to that instance only.
  const running = (await ctx.engine.store.findSubscriptions({ messageName: name, businessKey })).find((s) => s.instanceId);
  if (!running || !(await canSeeInstance(ctx, user, running.instanceId!))) {
    throw new AppError('message-not-correlated', `No instance waits for the message "${name}" (business key ${businessKey})`);
  }
  return ctx.engine.correlate(name, { instanceId: running.instanceId! }, data);
}
