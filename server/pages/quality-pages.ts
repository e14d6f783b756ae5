import { Router, type Request } from 'express';
import { AppError } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import type { AppContext } from '../context.ts';
import { listDepartments } from '../departments/departments-store.ts';
import { requireUser } from '../http/auth.ts';
import { listLatestPackages } from '../procedures/catalogue.ts';
import { qualityFigures } from '../quality/figures.ts';
import { deployedDiagram } from '../procedures/diagram.ts';
import { heatmapOf } from '../quality/heatmap.ts';
import { readPeriod, readVersion } from '../quality/period.ts';
import { maySeeProcedure, qualityScope, workloadScope } from '../quality/quality-access.ts';
import { qualityTables, TABLE_NAMES, toCsv, toXlsx, type Names, type QualityTable, type TableName } from '../quality/quality-tables.ts';
import { renderPage } from './view.ts';

/** The quality dashboard: admins see every department, heads of department (`sef`) their own. */
export function qualityPages(ctx: AppContext): Router {
  const r = Router();

  const load = async (req: Request) => {
    const user = requireUser(req);
    const departments = qualityScope(user);
    const period = readPeriod(req.query.de, req.query.pana, ctx.engine.clock.now());
    const lang: Lang = req.lang ?? 'ro';
    const [figures, packages, allDepartments] = await Promise.all([
      qualityFigures(ctx, period, departments, workloadScope(user)), listLatestPackages(ctx.db), listDepartments(ctx.db),
    ]);
    const titles = new Map(packages.map((p) => [p.key, p.meta.title[lang] || p.meta.title.ro]));
    const depts = new Map(allDepartments.map((d) => [d.code, d.name[lang] || d.name.ro]));
    const names: Names = { procedure: (key) => titles.get(key) ?? key, department: (code) => (code ? depts.get(code) ?? code : '—') };
    const maps = packages.filter((p) => maySeeProcedure(user, String((p.meta as { department?: string }).department ?? ''))).map((p) => ({ key: p.key, title: titles.get(p.key) ?? p.key }));
    return { user, period, figures, lang, tables: qualityTables(figures, names, lang), scopeNames: departments?.map((d) => depts.get(d) ?? d) ?? null, maps };
  };

  r.get('/calitate', async (req, res) => {
    const { period, figures, lang, tables, scopeNames, maps } = await load(req);
    const en = lang === 'en';
    const query = `de=${period.from}&pana=${period.to}${en ? '&lang=en' : ''}`;
    renderPage(req, res, 'quality', {
      title: en ? 'Quality of services' : 'Calitatea serviciilor',
      period, scopeNames, query, maps,
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

  /** A procedure version's heatmap: the model drawn by bpmn-js with the figures laid over it, and the same figures as tables. */
  r.get('/calitate/harta/:key', async (req, res) => {
    const user = requireUser(req);
    const lang: Lang = req.lang ?? 'ro';
    const en = lang === 'en';
    const period = readPeriod(req.query.de, req.query.pana, ctx.engine.clock.now());
    const map = await heatmapOf(ctx, user, req.params.key, readVersion(req.query.versiune), period);
    const { xml } = await deployedDiagram(ctx.engine, ctx.db, map.key, map.version);
    const title = map.title[lang] || map.title.ro;
    const names = new Map(map.elements.map((e) => [e.id, e.name ?? e.id]));
    const elements = [...map.elements].filter((e) => e.passes > 0 || e.waiting > 0)
      .sort((a, b) => (b.averageSeconds ?? -1) - (a.averageSeconds ?? -1) || b.waiting - a.waiting)
      .map((e) => ({ ...e, average: duration(e.averageSeconds, lang), p90: duration(e.p90Seconds, lang) }));
    const flows = map.flows.filter((f) => f.taken > 0).map((f) => ({ ...f, from: names.get(f.source) ?? f.source, to: names.get(f.target) ?? f.target, percent: f.share === null ? null : `${Math.round(f.share * 100)}%` }));
    renderPage(req, res, 'quality-heatmap', {
      title: `${en ? 'Heatmap' : 'Harta procedurii'}: ${title}`,
      procedure: title, map, period, elements, flows, xml,
      figures: JSON.stringify({
        elements: map.elements.map((e) => ({ id: e.id, waiting: e.waiting, average: duration(e.averageSeconds, lang), p90: duration(e.p90Seconds, lang), seconds: e.averageSeconds })),
        flows: map.flows.map((f) => ({ id: f.id, taken: f.taken, percent: f.share === null ? null : Math.round(f.share * 100) })),
        words: { average: en ? 'avg' : 'medie' },
      }),
      wide: true,
    });
  });

  return r;
}

/** Seconds as people read them: minutes under an hour, hours under a day, else days (decimal comma in Romanian). */
function duration(seconds: number | null, lang: Lang): string | null {
  if (seconds === null) return null;
  const en = lang === 'en';
  const n = (v: number) => v.toLocaleString(en ? 'en-GB' : 'ro-RO', { maximumFractionDigits: 1 });
  if (seconds < 60) return `${n(seconds)} s`;
  if (seconds < 3600) return `${n(seconds / 60)} min`;
  if (seconds < 86_400) return `${n(seconds / 3600)} h`;
  const days = seconds / 86_400;
  return `${n(days)} ${en ? (days === 1 ? 'day' : 'days') : (days === 1 ? 'zi' : 'zile')}`;
}
