import type { PaymentSettings } from './payment-settings.ts';

/**
 * A payment provider as Dosar sees it: how to plug a real one is in server/payments/README.md.
 * Providers answer in bani and RON; the use cases compare what they say with the order before
 * anything changes, so a provider that reports another amount or currency changes nothing.
 */
export interface ProviderOutcome {
  reference: string;
  providerPaymentId: string;
  /** paid and declined are final for one attempt; pending means no answer yet. */
  status: 'paid' | 'declined' | 'pending';
  amountBani: number;
  currency: string;
  /** The provider's id of this notification, kept in the status history. */
  eventId?: string;
}

export interface StartedPayment {
  providerPaymentId: string;
  /** Where the payer's browser goes: the provider's hosted card page. */
  redirectUrl: string;
}

export interface PaymentProvider {
  readonly id: string;
  /** Opens one attempt for an order: the payer is sent to `redirectUrl`, comes back to `returnUrl`. */
  startPayment(order: { reference: string; amountBani: number; currency: 'RON'; description: string; returnUrl: string; notifyUrl: string }): Promise<StartedPayment>;
  /**
   * Checks a notification's signature and freshness on the raw body, then reads it. Throws
   * payment-signature-invalid before parsing anything when either fails.
   */
  verifyNotification(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, now: Date): ProviderOutcome;
  /** The provider's view of an order's last attempt (when a notification is missing); undefined when it knows none. */
  queryStatus(reference: string): Promise<ProviderOutcome | undefined>;
  /** Gives money back; idempotent on `refundKey`. */
  refund(request: { reference: string; providerPaymentId: string; amountBani: number; refundKey: string }): Promise<{ refundId: string }>;
}

/** What the payment use cases need besides the context: settings and the providers by id. */
export interface Payments {
  settings: PaymentSettings;
  providers: Map<string, PaymentProvider>;
  /** The provider new orders go to. */
  defaultProvider: string;
}
