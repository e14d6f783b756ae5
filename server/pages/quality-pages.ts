import { Router, type Request } from 'express';
import { AppError } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import type { AppContext } from '../context.ts';
import { listDepartments } from '../departments/departments-store.ts';
import { requireUser } from '../http/auth.ts';
import { listLatestPackages } from '../procedures/catalogue.ts';
import { defaultPeriod, qualityFigures } from '../quality/figures.ts';
import { qualityScope, workloadScope } from '../quality/quality-access.ts';
import { qualityTables, TABLE_NAMES, toCsv, toXlsx, type Names, type QualityTable, type TableName } from '../quality/quality-tables.ts';
import { renderPage } from './view.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 3 * 366;

/** The period asked for (`de`, `pana`: Bucharest days), else the last 365 days; at most three years. */
function periodOf(req: Request, now: Date): { from: string; to: string } {
  const fallback = defaultPeriod(now);
  const from = typeof req.query.de === 'string' && DAY.test(req.query.de) ? req.query.de : fallback.from;
  const to = typeof req.query.pana === 'string' && DAY.test(req.query.pana) ? req.query.pana : fallback.to;
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (Number.isNaN(days) || days < 0 || days > MAX_DAYS) {
    throw new AppError('bad-input', { ro: 'Perioada trebuie să înceapă înainte să se termine și să aibă cel mult trei ani.', en: 'The period must start before it ends and last at most three years.' });
  }
  return { from, to };
}

/** The quality dashboard: admins see every department, heads of department (`sef`) their own. */
export function qualityPages(ctx: AppContext): Router {
  const r = Router();

  const load = async (req: Request) => {
    const user = requireUser(req);
    const departments = qualityScope(user);
    const period = periodOf(req, ctx.engine.clock.now());
    const lang: Lang = req.lang ?? 'ro';
    const [figures, packages, allDepartments] = await Promise.all([
      qualityFigures(ctx, period, departments, workloadScope(user)), listLatestPackages(ctx.db), listDepartments(ctx.db),
    ]);
    const titles = new Map(packages.map((p) => [p.key, p.meta.title[lang] || p.meta.title.ro]));
    const depts = new Map(allDepartments.map((d) => [d.code, d.name[lang] || d.name.ro]));
    const names: Names = { procedure: (key) => titles.get(key) ?? key, department: (code) => (code ? depts.get(code) ?? code : '—') };
    return { user, period, figures, lang, tables: qualityTables(figures, names, lang), scopeNames: departments?.map((d) => depts.get(d) ?? d) ?? null };
  };

  r.get('/calitate', async (req, res) => {
    const { period, figures, lang, tables, scopeNames } = await load(req);
    const en = lang === 'en';
    const query = `de=${period.from}&pana=${period.to}${en ? '&lang=en' : ''}`;
    renderPage(req, res, 'quality', {
      title: en ? 'Quality of services' : 'Calitatea serviciilor',
      period, scopeNames, query,
      tables: tables.map((t: QualityTable) => ({ ...t, numeric: t.rows.length > 0 ? t.rows[0]!.map((v) => typeof v === 'number') : [] })),
      total: figures.total,
      charts: JSON.stringify({
        backlog: { days: figures.backlog.map((b) => b.day), values: figures.backlog.map((b) => b.open), label: en ? 'Open requests' : 'Cereri deschise' },
        arrivals: { days: figures.arrivals.map((a) => a.week), values: figures.arrivals.map((a) => a.received), label: en ? 'Received per week' : 'Primite pe săptămână' },
      }),
      wide: true,
    });
  });

  /** Each table of the page as CSV (`?format=csv`, the default) or XLSX, with the page's period and scope. */
  r.get('/calitate/export/:table', async (req, res) => {
    const name = String(req.params.table) as TableName;
    if (!TABLE_NAMES.includes(name)) throw new AppError('not-found', { ro: 'Tabelul nu există.', en: 'There is no such table.' });
    const { period, tables } = await load(req);
    const table = tables.find((t) => t.name === name);
    if (!table) throw new AppError('not-found', { ro: 'Tabelul nu există.', en: 'There is no such table.' });
    const file = `calitate-${name}-${period.from}-${period.to}`;
    if (req.query.format === 'xlsx') {
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(`${file}.xlsx`).send(await toXlsx(table));
    } else {
      res.type('text/csv; charset=utf-8').attachment(`${file}.csv`).send(toCsv(table));
    }
  });

  return r;
}
