import { readFile } from 'node:fs/promises';
import { computeTerm, createCalendar, explainTerm, holidaysOf, parseDate, parseDayFile, parseRule, parseUnit, type Calendar, AppError, toAppError } from '../../engine/index.ts';
import { openEngine } from '../open-engine.ts';
import type { CliCommand, CliContext } from './command.ts';

/**
 * The installation's calendar (statutory holidays plus extra days from the database). When the
 * database cannot be opened (the embedded one is in use by `npm start`), the statutory calendar is
 * used and stderr says so: a clerk still gets an answer.
 */
async function installationCalendar(ctx: CliContext): Promise<Calendar> {
  try {
    const { engine, close } = await openEngine();
    ctx.close.push(close);
    return await engine.calendar();
  } catch (err) {
    process.stderr.write(`dosar: extra non-working days not read (${toAppError(err).message}); counting with the statutory holidays only\n`);
    return createCalendar();
  }
}

export const termCommand: CliCommand = {
  usage: '<YYYY-MM-DD> <amount> <days|working-days|weeks|months|years> [--rule civil|procedural] [--explain]',
  options: { rule: { type: 'string' }, explain: { type: 'boolean' } },
  async run(positionals, values, ctx) {
    if (positionals.length !== 3) throw new AppError('term-invalid', `Expected a start date, an amount and a unit. Usage: dosar term ${this.usage}`);
    const [start, amountText, unitText] = positionals as [string, string, string];
    parseDate(start);
    if (!/^-?\d+$/.test(amountText)) throw new AppError('term-invalid', `"${amountText}" is not a whole number of ${unitText}`);
    const unit = parseUnit(unitText);
    const rule = parseRule(typeof values.rule === 'string' ? values.rule : undefined);
    const result = computeTerm(await installationCalendar(ctx), start, Number(amountText), unit, { rule });
    const lines = values.explain ? [result.due, ...explainTerm(result, 'ro')] : [result.due];
    return { json: { due: result.due, start: result.start, amount: result.amount, unit: result.unit, rule: result.rule, source: result.source, skipped: result.skipped }, text: lines.join('\n') };
  },
};

export const calendarCommand: CliCommand = {
  usage: '(list [--year YYYY] | add <YYYY-MM-DD> <reason> [--working] | import <file> [--working])',
  options: { year: { type: 'string' }, working: { type: 'boolean' } },
  async run(positionals, values, ctx) {
    const [action, ...rest] = positionals;
    const kind = values.working ? 'working' as const : 'non-working' as const;
    if (action === 'list') {
      const year = typeof values.year === 'string' ? Number(values.year) : undefined;
      if (values.year !== undefined && !(Number.isInteger(year) && year! >= 1990 && year! <= 2100)) throw new AppError('term-invalid', '--year must be between 1990 and 2100');
      const { engine, close } = await openEngine();
      ctx.close.push(close);
      const extra = (await engine.store.listCalendarDays()).filter((d) => !year || d.date.startsWith(String(year)));
      const holidays = year ? holidaysOf(year) : [];
      return {
        json: { holidays, days: extra },
        // One list in date order: a day the city hall added sits beside the holidays of its month.
        text: [...holidays.map((h) => `${h.date} ${h.name} (${h.source})`), ...extra.map((d) => `${d.date} ${d.reason} (${d.kind === 'working' ? 'zi lucrată' : 'zi nelucrătoare'})`)]
          .sort((a, b) => a.slice(0, 10).localeCompare(b.slice(0, 10))).join('\n') || 'no extra days',
      };
    }
    let days;
    if (action === 'add' && rest.length === 2) days = [{ date: rest[0]!, kind, reason: rest[1]! }];
    else if (action === 'import' && rest.length === 1) days = parseDayFile(await readFile(rest[0]!, 'utf8').catch(() => { throw new AppError('bad-input', `Cannot read "${rest[0]}"`); })).map((d) => ({ ...d, kind }));
    else throw new AppError('bad-input', `Usage: dosar calendar ${this.usage}`);
    for (const d of days) parseDate(d.date);
    const { engine, close } = await openEngine();
    ctx.close.push(close);
    await engine.putCalendarDays(days);
    return { json: { saved: days.length }, text: `saved ${days.length} day(s)` };
  },
};
