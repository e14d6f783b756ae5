import type { AppContext } from '../context.ts';
import { cardGateway } from './card-gateway.ts';
import { paymentSettingsFromEnv, type PaymentSettings } from './payment-settings.ts';
import type { Payments } from './provider.ts';

export function createPayments(settings: PaymentSettings): Payments {
  const card = cardGateway(settings);
  return { settings, providers: new Map([[card.id, card]]), defaultProvider: card.id };
}

const fromEnv = new WeakMap<AppContext, Payments>();

/** The context's payments, or those its environment describes (built once per context). */
export function paymentsOf(ctx: AppContext): Payments {
  if (ctx.payments) return ctx.payments;
  let made = fromEnv.get(ctx);
  if (!made) {
    made = createPayments(paymentSettingsFromEnv());
    fromEnv.set(ctx, made);
  }
  return made;
}
