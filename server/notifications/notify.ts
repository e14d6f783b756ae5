import type { AppContext } from '../context.ts';
import type { Notification } from './mailer.ts';

/**
 * Mail goes out after the transaction that caused it has committed. A failed send is logged and
 * never undoes or blocks what the citizen or clerk did: the request and its history are the record,
 * the email is a courtesy.
 */
export async function notify(ctx: AppContext, message: Notification): Promise<void> {
  try {
    await ctx.mailer.send(message);
  } catch (err) {
    ctx.log(`mail to ${message.to} (${message.template}) failed: ${(err as Error).message}`);
  }
}

/** Sends without making the citizen wait for the mail server; `settle(ctx)` waits for what is in flight. */
export function notifyInBackground(ctx: AppContext, message: Notification): void {
  const sending = notify(ctx, message).finally(() => ctx.background.delete(sending));
  ctx.background.add(sending);
}

export async function settle(ctx: AppContext): Promise<void> {
  while (ctx.background.size > 0) await Promise.all([...ctx.background]);
}
