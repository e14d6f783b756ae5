/** The payment settings an installation reads from its environment (see server/payments/README.md). */
export interface PaymentSettings {
  /** The largest amount one order may ask for, in bani (`DOSAR_PAYMENT_MAX_BANI`). */
  maxBani: number;
  /** The card gateway's base URL; the simulator's by default (`DOSAR_PAYMENT_GATEWAY_URL`). */
  gatewayUrl: string;
  /** Shared secret signing requests and notifications both ways (`DOSAR_PAYMENT_SECRET`). */
  secret: string;
  merchantId: string;
  /** A notification older or newer than this (by its signed timestamp) is refused (`DOSAR_PAYMENT_REPLAY_WINDOW_S`). */
  replayWindowMs: number;
  /** A pending order with no news for this long is asked about at the gateway (`DOSAR_PAYMENT_POLL_AFTER_S`). */
  pollAfterMs: number;
  /** Declined attempts before an order fails for good. */
  maxAttempts: number;
}

export const DEV_SECRET = 'dosar-dev-payment-secret';

export function paymentSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PaymentSettings {
  const number = (name: string, fallback: number) => {
    const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
    if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
    return value;
  };
  return {
    maxBani: number('DOSAR_PAYMENT_MAX_BANI', 10_000_000),
    gatewayUrl: (env.DOSAR_PAYMENT_GATEWAY_URL ?? 'http://127.0.0.1:3100').replace(/\/$/, ''),
    secret: env.DOSAR_PAYMENT_SECRET ?? DEV_SECRET,
    merchantId: env.DOSAR_PAYMENT_MERCHANT ?? 'dosar',
    replayWindowMs: number('DOSAR_PAYMENT_REPLAY_WINDOW_S', 300) * 1000,
    pollAfterMs: number('DOSAR_PAYMENT_POLL_AFTER_S', 120) * 1000,
    maxAttempts: number('DOSAR_PAYMENT_MAX_ATTEMPTS', 3),
  };
}
