import { addWorkingDays, localDate, startOfLocalDay } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';
import type { AppContext, EarlyWarningSettings } from '../context.ts';
import { listAtRiskRequests, type RiskThresholds } from './early-warning-store.ts';
import { qualityScope } from './quality-access.ts';
import { workingDaysBetween } from './settle-fact.ts';

/**
 * The early warning (issue #18). An open citizen request is **at risk** when both hold:
 *
 * 1. its legal term is running and its last day is at most N working days from today
 *    (`dueWithinWorkingDays`, default 3), or has already passed; a suspended term (waiting for the
 *    citizen) does not run, so it never warns;
 * 2. nothing has happened to it for at least M whole working days before today (`idleWorkingDays`,
 *    default 2): no engine event at all since the start of the Mth working day before today.
 *    Progress is any event of the instance (a step, a timer, a deadline change, a note the
 *    application records), and a task claim, which the engine records as `task.claimed`; so one
 *    clock covers both and no second table is read.
 *
 * Working days are the engine's legal calendar (weekends, holidays, the city hall's extra days), as
 * the clerks' queue counts them. The due date is the one the latest `clock.*` event stated, so a
 * holiday added to the calendar after that moves the warning only from the next deadline event on.
 */
const DEFAULT_EARLY_WARNING: EarlyWarningSettings = { dueWithinWorkingDays: 3, idleWorkingDays: 2 };

export interface AtRiskRequest {
  requestId: string;
  registrationNumber: string | null;
  procedureKey: string;
  department: string;
  dueDate: string;
  overdue: boolean;
  lastProgressAt: string;
  /** Whole working days since the day of the last progress, today not counted. */
  idleWorkingDays: number;
  assignees: string[];
}

function earlyWarningSettings(ctx: Pick<AppContext, 'config'>): EarlyWarningSettings {
  return ctx.config.earlyWarning ?? DEFAULT_EARLY_WARNING;
}

/** Today's thresholds on the legal calendar. */
export async function riskThresholds(ctx: Pick<AppContext, 'config' | 'engine'>): Promise<RiskThresholds> {
  const { dueWithinWorkingDays, idleWorkingDays } = earlyWarningSettings(ctx);
  const calendar = await ctx.engine.calendar();
  const today = localDate(ctx.engine.clock.now());
  return {
    dueBy: addWorkingDays(calendar, today, dueWithinWorkingDays),
    idleSince: idleWorkingDays === 0 ? ctx.engine.clock.now() : startOfLocalDay(addWorkingDays(calendar, today, -idleWorkingDays)),
  };
}

/** At-risk requests of these departments (null: every one), the most urgent first. */
export async function listAtRisk(ctx: Pick<AppContext, 'config' | 'engine' | 'db'>, departments: string[] | null, limit = 500): Promise<AtRiskRequest[]> {
  const thresholds = await riskThresholds(ctx);
  const calendar = await ctx.engine.calendar();
  const today = localDate(ctx.engine.clock.now());
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return (await listAtRiskRequests(ctx.db, departments, thresholds, limit)).map((r) => {
    const lastDay = localDate(r.lastProgressAt);
    return {
      requestId: r.requestId, registrationNumber: r.registrationNumber, procedureKey: r.procedureKey, department: r.department,
      dueDate: r.dueDate, overdue: r.dueDate < today, lastProgressAt: r.lastProgressAt,
      idleWorkingDays: lastDay < yesterday ? workingDaysBetween(calendar, lastDay, yesterday) : 0,
      assignees: r.assignees,
    };
  });
}

/** What a head of department (their departments) or an admin (all) may see; others are refused. */
export function listAtRiskFor(ctx: Pick<AppContext, 'config' | 'engine' | 'db'>, user: User, limit?: number): Promise<AtRiskRequest[]> {
  return listAtRisk(ctx, qualityScope(user), limit);
}
