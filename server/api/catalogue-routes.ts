import { Router } from 'express';
import { AppError, isXmlName } from '../../engine/index.ts';
import { listDepartments } from '../departments/departments-store.ts';
import type { AppContext } from '../context.ts';
import { requireRole } from '../http/auth.ts';
import { deployWithDecisions, inheritPackage } from '../procedures/deploy-package.ts';
import { packageFromUpload } from '../procedures/package-upload.ts';
import { getPackage, listLatestPackages, type StoredPackage } from '../procedures/catalogue.ts';
import { latestDecisionModel, latestDecisions } from '../procedures/decisions-store.ts';
import { deployedDiagram } from '../procedures/diagram.ts';
import { versionsOf } from '../procedures/versions-store.ts';
import { isJsonObject } from '../http/json-form-data.ts';
import { normaliseMeta, type ProcedurePackage } from '../procedures/package.ts';
import type { ServiceMeta } from '../procedures/service-meta.ts';

/** A DMN decision id as the designer's links carry it (an XML name). */

function summary(pkg: StoredPackage) {
  const m = pkg.meta;
  return {
    key: pkg.key,
    version: pkg.version,
    title: m.title,
    ...(m.summary ? { summary: m.summary } : {}),
    ...(m.legalBasis ? { legalBasis: m.legalBasis } : {}),
    ...(m.legalTerm ? { legalTerm: m.legalTerm } : {}),
    fee: m.fee ?? null,
    documents: m.documents ?? [],
    ...pick(m as ServiceMeta, ['department', 'lifeEvent', 'whoMayApply', 'targetTerm', 'keywords', 'archive']),
  };
}

function pick<T extends object, K extends keyof T>(from: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]])) as Partial<Pick<T, K>>;
}

/** The public catalogue, and deploying procedures (analysts). */
export function catalogueRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get('/procedures', async (_req, res) => {
    res.json({ procedures: (await listLatestPackages(ctx.db)).map(summary) });
  });

  r.get('/procedures/:key', async (req, res) => {
    const pkg = await getPackage(ctx.db, req.params.key);
    const form = pkg.forms[pkg.meta.requestForm];
    res.json({ ...summary(pkg), form: form ? { schema: form.schema, uiSchema: form.uiSchema ?? null } : null });
  });

  /** The latest version's model, or version N's with ?version=N (the designer opens older versions). */
  r.get('/procedures/:key/model', async (req, res) => {
    requireRole(req, 'analyst', 'admin');
    const asked = req.query.version;
    if (asked !== undefined && (typeof asked !== 'string' || !/^[1-9]\d{0,8}$/.test(asked))) {
      throw new AppError('bad-input', 'Query parameter "version" must be a version number (1, 2, …)');
    }
    const pkg = await getPackage(ctx.db, req.params.key);
    const version = asked === undefined ? pkg.version : Number(asked);
    const { xml } = await deployedDiagram(ctx.engine, ctx.db, pkg.key, version);
    res.json({ key: pkg.key, version, xml });
  });

  r.get('/procedures/:key/forms', async (req, res) => {
    requireRole(req, 'analyst', 'admin');
    const pkg = await getPackage(ctx.db, req.params.key);
    res.json({ forms: Object.entries(pkg.forms).map(([name, f]) => ({ name, title: (f.schema.title as string | undefined) ?? name, schema: f.schema, uiSchema: f.uiSchema ?? null })) });
  });

  r.get('/procedures/:key/versions', async (req, res) => {
    requireRole(req, 'analyst', 'admin');
    const versions = await versionsOf(ctx.db, req.params.key);
    if (versions.length === 0) throw new AppError('not-found', `No procedure "${req.params.key}"`);
    res.json({ versions });
  });

  r.get('/departments', async (_req, res) => {
    res.json({ departments: await listDepartments(ctx.db) });
  });

  /** BPMN XML as the body, JSON { xml, meta?, forms?, templates?, decisions? }, or a procedure folder's files as multipart. */
  r.post('/definitions', async (req, res) => {
    const user = requireRole(req, 'analyst', 'admin');
    const pkg = await inheritPackage(ctx.db, req.is('multipart/form-data') ? await packageFromUpload(req) : packageFromBody(req.body));
    const { definitions: deployed, decisions } = await deployWithDecisions(ctx.engine, ctx.db, [pkg], [], user.email);
    const first = deployed[0]!;
    const brief = (d: { key: string; version: number; id: string }) => ({ key: d.key, version: d.version, id: d.id });
    res.status(201).json({ key: first.key, version: first.version, id: first.id, deployed: deployed.map(brief), ...(decisions.length > 0 ? { decisions: decisions.map(brief) } : {}) });
  });

  /** DMN XML as the body: every decision of the file as its next version. */
  r.post('/decisions', async (req, res) => {
    const user = requireRole(req, 'analyst', 'admin');
    if (typeof req.body !== 'string' || req.body.trim() === '') throw new AppError('bad-input', 'Send the DMN XML with Content-Type: application/xml');
    const decisions = await ctx.engine.deployDecisions([req.body], { deployedBy: user.email });
    res.status(201).json({ decisions: decisions.map((d) => ({ key: d.key, version: d.version, id: d.id })) });
  });

  /** Every deployed decision's latest version (the designer's list of decision tables). */
  r.get('/decisions', async (req, res) => {
    requireRole(req, 'analyst', 'admin');
    res.json({ decisions: await latestDecisions(ctx.db) });
  });

  /** The latest version of a decision and the DMN file it came in (the decision-table editor opens it). */
  r.get('/decisions/:key/model', async (req, res) => {
    requireRole(req, 'analyst', 'admin');
    const key = req.params.key;
    const found = isXmlName(key) ? await latestDecisionModel(ctx.db, key) : undefined;
    if (!found) throw new AppError('decision-not-found', { ro: `Decizia „${key}” nu este implementată.`, en: `Decision "${key}" is not deployed.` });
    res.json(found);
  });

  return r;
}

function packageFromBody(body: unknown): ProcedurePackage {
  if (typeof body === 'string') return { xml: body, meta: normaliseMeta({}), forms: {}, templates: {} };
  if (body && typeof body === 'object' && typeof (body as { xml?: unknown }).xml === 'string') {
    const b = body as { xml: string; meta?: unknown; forms?: unknown; templates?: unknown; decisions?: unknown };
    const forms = formsFromBody(b.forms);
    const templates = isJsonObject(b.templates) ? b.templates : {};
    if (Object.values(templates).some((t) => typeof t !== 'string')) throw new AppError('bad-input', 'templates must map names to template text');
    const decisions = isJsonObject(b.decisions) ? b.decisions : {};
    if (Object.values(decisions).some((t) => typeof t !== 'string')) throw new AppError('bad-input', 'decisions must map names to DMN XML');
    return { xml: b.xml, meta: normaliseMeta(b.meta), forms: forms as ProcedurePackage['forms'], templates: templates as Record<string, string>, ...(Object.keys(decisions).length > 0 ? { decisions: decisions as Record<string, string> } : {}) };
  }
  throw new AppError('bad-input', 'Send the BPMN XML (Content-Type: application/xml), JSON { "xml": "...", "forms": {...}, "templates": {...}, "meta": {...} }, or the procedure folder\'s files as multipart/form-data');
}

/**
 * Forms by name, each `{ schema, uiSchema? }` as the API describes it, or the JSON Schema itself
 * (what one writes first; a JSON Schema has no top-level `schema` keyword, so the two never mix).
 */
function formsFromBody(forms: unknown): ProcedurePackage['forms'] {
  if (forms === undefined || forms === null) return {};
  if (!isJsonObject(forms)) throw new AppError('bad-input', { ro: '„forms” trebuie să fie un obiect: numele formularului -> { "schema": {…}, "uiSchema": {…} }.', en: '"forms" must be an object: form name -> { "schema": {…}, "uiSchema": {…} }.' });
  return Object.fromEntries(Object.entries(forms).map(([name, form]) => {
    if (!isJsonObject(form)) throw new AppError('bad-input', { ro: `Formularul „${name}” trebuie să fie un obiect { "schema": {…}, "uiSchema": {…} } sau chiar schema JSON.`, en: `Form "${name}" must be an object { "schema": {…}, "uiSchema": {…} } or the JSON Schema itself.` });
    if (!Object.hasOwn(form, 'schema')) return [name, { schema: form }];
    const { schema, uiSchema } = form;
    return [name, { schema, ...(uiSchema !== undefined && uiSchema !== null ? { uiSchema } : {}) }];
  })) as ProcedurePackage['forms'];
}
