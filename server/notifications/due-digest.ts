import { localDate } from '../../engine/index.ts';
import { listUsersByRole } from '../auth/users-store.ts';
import type { AppContext } from '../context.ts';
import { listLatestPackages } from '../procedures/catalogue.ts';
import { listQueue } from '../tasks/queue.ts';
import { notify } from './notify.ts';
import { claimDailyRun } from './scheduled-runs-store.ts';

/** Working days ahead that count as "approaching" in the digest. */
const DIGEST_WORKING_DAYS = 3;
/** Local (Bucharest) hour from which the day's digest goes out. */
const DIGEST_HOUR = 7;

/**
 * The clerks' daily digest: each clerk gets one email listing their open tasks that are overdue or
 * due within three working days. A row in scheduled_runs claims the day, so however many server
 * processes run, the digest goes out once per day. Returns how many emails were sent.
 */
export async function sendDueDigests(ctx: AppContext): Promise<number> {
  const now = ctx.engine.clock.now();
  const hour = Number(now.toLocaleString('en-GB', { timeZone: 'Europe/Bucharest', hour: '2-digit', hour12: false }));
  if (hour < DIGEST_HOUR) return 0;
  if (!(await claimDailyRun(ctx.db, 'due-digest', localDate(now), now))) return 0;
  const titles = new Map((await listLatestPackages(ctx.db)).map((p) => [p.key, p.meta.title]));
  let sent = 0;
  for (const clerk of await listUsersByRole(ctx.db, 'clerk')) {
    const tasks = await listQueue(ctx, clerk, { dueWithinWorkingDays: DIGEST_WORKING_DAYS, limit: 200 });
    if (tasks.length === 0) continue;
    await notify(ctx, {
      to: clerk.email, template: 'due-digest', lang: clerk.lang,
      data: { tasks: tasks.map((t) => ({ registrationNumber: t.registrationNumber ?? t.instanceId.slice(0, 8), procedure: (t.procedureKey && titles.get(t.procedureKey)?.[clerk.lang]) ?? t.procedureKey ?? '-', dueDate: t.due, taskName: t.name ?? t.elementId })) },
    });
    sent += 1;
  }
  return sent;
}
