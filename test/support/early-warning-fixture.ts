import { createEnginePort } from '../../engine/index.ts';
import { rollUpQuality } from '../../server/quality/rollup.ts';
import { deployQualityProcedure, receive } from './quality-fixture.ts';
import type { TestServer } from './server.ts';

/** Monday 14 December 2026, 08:00 in Bucharest: the day the early warning is computed. */
export const TODAY = '2026-12-14T06:00:00Z';

export interface Fixture { requestId: string; instanceId: string; number: string }

/**
 * Hand-built requests (legal term 10 working days; 30 Nov and 1 Dec not worked), seen on TODAY with
 * the defaults (due within 3 working days: by Thu 17 Dec; idle 2 working days: nothing since the
 * start of Thu 10 Dec):
 * - `dueSoon`: urbanism, received Wed 2 Dec (due Wed 16 Dec), untouched since: at risk;
 * - `claimed`: the same, but its task was claimed Fri 11 Dec: not at risk;
 * - `dueLater`: received Mon 7 Dec (due Mon 21 Dec), untouched: not at risk;
 * - `overdue`: received Fri 20 Nov (due Tue 8 Dec), untouched: at risk;
 * - `suspended`: received Wed 2 Dec, its term suspended on 3 Dec: the term does not run, not at risk;
 * - `taxe`: another department's procedure, received Wed 2 Dec, untouched: at risk, for taxe only.
 */
export async function earlyWarningWorld(s: TestServer) {
  await deployQualityProcedure(s);
  await deployQualityProcedure(s, { key: 'avertizare-taxe', department: 'taxe', title: 'Cerere de test (taxe)' });
  const numbered = async (r: { requestId: string; instanceId: string }): Promise<Fixture> => {
    const [row] = await s.ctx.db.query<{ registration_number: string }>('select registration_number from requests where id = $1', [r.requestId]);
    return { ...r, number: row!.registration_number };
  };
  const overdue = await numbered(await receive(s, '2026-11-20T09:00:00Z'));
  const dueSoon = await numbered(await receive(s, '2026-12-02T09:00:00Z'));
  const claimed = await numbered(await receive(s, '2026-12-02T09:30:00Z'));
  const suspended = await numbered(await receive(s, '2026-12-02T09:45:00Z'));
  const taxe = await numbered(await receive(s, '2026-12-02T10:00:00Z', null, 'avertizare-taxe'));
  const dueLater = await numbered(await receive(s, '2026-12-07T09:00:00Z'));
  s.clock.set('2026-12-03T09:00:00Z');
  await s.ctx.db.transaction((tx) => s.ctx.engine.changeDeadline(suspended.instanceId, { action: 'suspend', reason: 'Așteptăm actele' }, createEnginePort(tx)));
  s.clock.set('2026-12-11T12:00:00Z');
  const [task] = await s.ctx.engine.listTasks({ instanceId: claimed.instanceId });
  await s.ctx.engine.assignTask(task!.id, 'ana@primarie.ro', { by: 'ana@primarie.ro' });
  s.clock.set(TODAY);
  await rollUpQuality(s.ctx);
  return { dueSoon, claimed, dueLater, overdue, suspended, taxe };
}
