import { DEV_SECRET } from '../payment-settings.ts';
import { startSimulator, type DeliveryMode } from './simulator.ts';

/**
 * `npm run payments:simulator`: the card gateway simulator on loopback. Settings: PORT (default
 * 3100), DOSAR_PAYMENT_SECRET (the server's; default the development one), DOSAR_SIMULATOR_MODE
 * (normal, late, twice, out-of-order, never) and DOSAR_SIMULATOR_LATE_MS.
 */
const modes: DeliveryMode[] = ['normal', 'late', 'twice', 'out-of-order', 'never'];
const mode = (process.env.DOSAR_SIMULATOR_MODE ?? 'normal') as DeliveryMode;
if (!modes.includes(mode)) {
  console.error(`DOSAR_SIMULATOR_MODE must be one of ${modes.join(', ')}`);
  process.exit(1);
}
const sim = await startSimulator({
  secret: process.env.DOSAR_PAYMENT_SECRET ?? DEV_SECRET, port: Number(process.env.PORT ?? 3100), mode,
  lateMs: Number(process.env.DOSAR_SIMULATOR_LATE_MS ?? 3000), log: (m) => console.log(m),
});
console.log(`Payment simulator listening on ${sim.url} (notifications: ${mode}); Ctrl+C stops it.`);
const stop = async () => { await sim.close(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
