import { readFile } from 'node:fs/promises';
import { createEnginePort, Engine, type Database } from '../../../engine/index.ts';
import type { AppContext } from '../../../server/context.ts';
import { createPayments } from '../../../server/payments/payments.ts';
import { paymentSettingsFromEnv, type PaymentSettings } from '../../../server/payments/payment-settings.ts';
import type { PaymentProvider } from '../../../server/payments/provider.ts';
import { MovableClock } from '../../support/clock.ts';
import { openStorage } from '../../../server/storage/open-storage.ts';

/** A context for the payment use cases on a test database, with `asteapta-plata` deployed; `log` keeps what was logged. */
export async function paymentContext(db: Database, options: { settings?: Partial<PaymentSettings>; provider?: PaymentProvider; publicUrl?: string; at?: Date } = {}) {
  const clock = new MovableClock(options.at ?? new Date('2026-03-02T08:00:00Z'));
  const engine = new Engine({ store: createEnginePort(db), clock });
  await engine.deploy(await readFile(new URL('../../fixtures/payments/waits-for-payment.bpmn', import.meta.url), 'utf8'));
  const settings = { ...paymentSettingsFromEnv({}), ...options.settings };
  const payments = createPayments(settings);
  if (options.provider) { payments.providers.set(options.provider.id, options.provider); payments.defaultProvider = options.provider.id; }
  const logged: string[] = [];
  const ctx = {
    engine, db, clock, payments, log: (m: string) => { logged.push(m); }, background: new Set(),
    config: { publicUrl: options.publicUrl ?? 'http://dosar.test', institution: 'Primăria', registrationFormat: '{n}', uploadsDir: '/tmp', outgoingRegister: 'iesiri' },
    files: openStorage({ kind: 'local', uploadsDir: '/tmp', documentsDir: '/tmp', archiveDir: '/tmp' }),
  } as unknown as AppContext & { clock: MovableClock };
  return { ctx, clock, engine, logged };
}
