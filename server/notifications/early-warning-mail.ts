import { localDate } from '../../engine/index.ts';
import { listStaff, listUsersByRole } from '../auth/users-store.ts';
import type { AppContext } from '../context.ts';
import { listLatestPackages } from '../procedures/catalogue.ts';
import { listAtRisk } from '../quality/early-warning.ts';
import { notify } from './notify.ts';
import { claimDailyRun } from './scheduled-runs-store.ts';

/** "1 zi lucrătoare", "7 zile lucrătoare", "20 de zile lucrătoare" (Romanian puts "de" from 20 on). */
function workingDaysText(n: number, lang: 'ro' | 'en'): string {
  if (lang === 'en') return n === 1 ? '1 working day' : `${n} working days`;
  return n === 1 ? '1 zi lucrătoare' : `${n} ${n % 100 === 0 || n % 100 >= 20 ? 'de ' : ''}zile lucrătoare`;
}

/** Local (Bucharest) hour from which the day's early warning goes out, as the clerks' digest. */
const WARNING_HOUR = 7;

/**
 * The heads' daily early warning: each head of department (`sef`) gets one email listing the open
 * requests of the departments they head that are at risk of missing their legal deadline
 * (server/quality/early-warning.ts). Its own row in scheduled_runs claims the day, so it goes out
 * once per day however many processes run, independently of the clerks' digest. Returns how many
 * emails were sent.
 */
export async function sendEarlyWarnings(ctx: AppContext): Promise<number> {
  const now = ctx.engine.clock.now();
  const hour = Number(now.toLocaleString('en-GB', { timeZone: 'Europe/Bucharest', hour: '2-digit', hour12: false }));
  if (hour < WARNING_HOUR) return 0;
  if (!(await claimDailyRun(ctx.db, 'early-warning', localDate(now), now))) return 0;
  const heads = (await listUsersByRole(ctx.db, 'sef')).filter((u) => u.departments.length > 0);
  if (heads.length === 0) return 0;
  const titles = new Map((await listLatestPackages(ctx.db)).map((p) => [p.key, p.meta.title]));
  let sent = 0;
  for (const head of heads) {
    const requests = await listAtRisk(ctx, head.departments, 200);
    if (requests.length === 0) continue;
    const names = new Map((await listStaff(ctx.db, head.departments)).map((s) => [s.email, s.name]));
    const unassigned = head.lang === 'en' ? 'unclaimed' : 'nepreluată';
    await notify(ctx, {
      to: head.email, template: 'early-warning', lang: head.lang,
      data: {
        requests: requests.map((r) => ({
          registrationNumber: r.registrationNumber ?? r.requestId.slice(0, 8),
          procedure: titles.get(r.procedureKey)?.[head.lang] ?? r.procedureKey,
          dueDate: r.dueDate,
          idleDays: workingDaysText(r.idleWorkingDays, head.lang),
          assignee: r.assignees.length > 0 ? r.assignees.map((a) => names.get(a) ?? a).join(', ') : unassigned,
        })),
      },
    });
    sent += 1;
  }
  return sent;
}
