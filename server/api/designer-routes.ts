import { Router } from 'express';
import { AppError, hasUnstorableCharacterReference, unstorableMessage, loadModdle } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { compareDefinitions } from '../designer/compare-definitions.ts';
import { previewForm } from '../designer/form-preview.ts';
import { requireRole } from '../http/auth.ts';
import { getPackage } from '../procedures/catalogue.ts';
import { withDiagram } from '../procedures/diagram.ts';
import { runningInstancesOf } from '../procedures/versions-store.ts';

/** Routes the designer needs beyond the public API (form previews, version comparison, migration, handlers). */
export function designerRoutes(ctx: AppContext): Router {
  const r = Router();

  /** JSON { schema, uiSchema?, lang? } → { html, problems }: the form exactly as citizens see it. */
  r.post('/designer/forms/preview', (req, res) => {
    requireRole(req, 'analyst', 'admin');
    const body = req.body as { schema?: unknown; uiSchema?: unknown; lang?: unknown } | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || !('schema' in body)) {
      throw new AppError('bad-input', 'Send JSON { "schema": {...}, "uiSchema"?: {...}, "lang"?: "ro" | "en" }');
    }
    res.json(previewForm(body.schema, body.uiSchema, body.lang === 'en' ? 'en' : 'ro'));
  });

  /** Elements added, removed and changed between two deployed versions of a procedure. */
  r.get('/designer/procedures/:key/compare', async (req, res) => {
    requireRole(req, 'analyst', 'admin');
    const from = versionParam(req.query.from, 'from');
    const to = versionParam(req.query.to, 'to');
    const [before, after] = await Promise.all([ctx.engine.findDefinition(req.params.key, from), ctx.engine.findDefinition(req.params.key, to)]);
    res.json({ key: req.params.key, from, to, ...compareDefinitions(before.definition, after.definition) });
  });

  /**
   * The latest version's catalogue data and document templates: the designer sends them back with
   * edited forms, since a deploy that carries forms replaces the whole package.
   */
  r.get('/designer/procedures/:key/package', async (req, res) => {
    requireRole(req, 'analyst', 'admin');
    const pkg = await getPackage(ctx.db, req.params.key);
    res.json({ key: pkg.key, version: pkg.version, meta: pkg.meta, templates: pkg.templates });
  });

  /** The service-task handlers this server runs, with their options as JSON Schema, for the panel. */
  r.get('/designer/handlers', (req, res) => {
    requireRole(req, 'analyst', 'admin');
    const handlers = ctx.engine.handlers.list().map(({ name, description, optionsSchema }) => ({
      name,
      ...(description ? { description } : {}),
      ...(optionsSchema ? { optionsSchema } : {}),
    }));
    res.json({ handlers });
  });

  /** BPMN XML in, { xml } out: the same model with an automatic layout when it had no diagram. */
  r.post('/designer/layout', async (req, res) => {
    requireRole(req, 'analyst', 'admin');
    if (typeof req.body !== 'string' || req.body.trim() === '') throw new AppError('bad-input', 'Send the BPMN XML with Content-Type: application/xml');
    // The deploy would refuse such a model; say so now rather than hand it back laid out.
    if (hasUnstorableCharacterReference(req.body)) throw new AppError('xml-invalid', unstorableMessage({ ro: 'Modelul BPMN', en: 'The BPMN model' }, ''));
    // The deploy path's checks (size, no DOCTYPE or entities, a BPMN root): withDiagram alone gives unreadable XML back as it came.
    await loadModdle(req.body);
    res.json({ xml: await withDiagram(req.body) });
  });

  /**
   * Moves every running request of version `from` to version `to`, where the engine allows it
   * (each waiting element still exists with the same kind); the others stay and are listed.
   */
  r.post('/designer/procedures/:key/migrate', async (req, res) => {
    requireRole(req, 'analyst', 'admin');
    const body = (req.body ?? {}) as { from?: unknown; to?: unknown };
    const from = versionParam(String(body.from ?? ''), 'from');
    const to = versionParam(String(body.to ?? ''), 'to');
    const source = await ctx.engine.findDefinition(req.params.key, from);
    await ctx.engine.findDefinition(req.params.key, to);
    const running = await runningInstancesOf(ctx.db, source.id);
    const failed: Array<{ instanceId: string; message: string }> = [];
    for (const id of running) {
      try {
        await ctx.engine.migrate(id, to, {});
      } catch (err) {
        failed.push({ instanceId: id, message: err instanceof AppError ? [err.message, ...(err.problems ?? []).map((p) => p.message)].join(' ') : 'internal error' });
      }
    }
    res.json({ key: req.params.key, from, to, migrated: running.length - failed.length, failed });
  });

  return r;
}

function versionParam(value: unknown, name: string): number {
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new AppError('bad-input', `Query parameter "${name}" must be a version number (1, 2, …)`);
  return n;
}
