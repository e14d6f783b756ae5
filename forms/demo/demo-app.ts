import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response } from 'express';
import Handlebars from 'handlebars';
import type { Database } from '../../engine/index.ts';
import { DraftStore } from '../drafts/drafts.ts';
import { serveFormsClient } from '../client/bundle.ts';
import { nextFormView } from '../render/form-flow.ts';
import { applyRowAction, parseFormPost } from '../render/parse-form-post.ts';
import { readFormPost } from '../render/read-form-post.ts';
import { renderForm } from '../render/render-form.ts';
import type { UiElement } from '../render/ui-schema.ts';
import { checkUpload, cleanName, discardFiles, keepUpload, uploadSpec } from '../uploads/uploads.ts';
import type { Lang } from '../validation/messages.ts';
import { validateForm, type FieldError, type JsonSchema } from '../validation/validate-form.ts';
import * as widgets from './all-widgets.ts';
import * as demo from './public-information.ts';

/**
 * A small web app around one form: multi-step pages, a summary, save and resume, uploads. The
 * browser tests and the screenshots drive it; the citizen portal uses the same pieces.
 */
export interface DemoOptions {
  db: Database;
  uploadsDir: string;
  now?: () => Date;
}

const FORM_KEY = 'informatii-publice';
const staticDir = fileURLToPath(new URL('../static/', import.meta.url));
const esc = Handlebars.escapeExpression;

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><link rel="stylesheet" href="/forms/static/forms.css"><script src="/forms/static/forms.js" defer></script><script src="/forms/static/forms-validate.js" defer></script></head>
<body><main class="dosar-page"><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

const TITLE = { ro: 'Cerere de informații publice (Legea 544/2001)', en: 'Request for public information (Law 544/2001)' };

export function createFormsDemoApp(options: DemoOptions): express.Express {
  const app = express();
  const drafts = new DraftStore(options.db);
  const now = options.now ?? (() => new Date());
  const schema: JsonSchema = demo.schema;
  const ui: UiElement = demo.uiSchema;
  const categories = ui.elements ?? [];
  app.disable('x-powered-by');
  app.get('/forms/static/forms-validate.js', serveFormsClient);
  app.use('/forms/static', express.static(staticDir));

  const langOf = (req: Request): Lang => (req.query.lang === 'en' ? 'en' : 'ro');
  const action = (lang: Lang) => `/forms/demo${lang === 'en' ? '?lang=en' : ''}`;
  const show = (res: Response, lang: Lang, data: Record<string, unknown>, step: number, errors: FieldError[] = [], status = 200) => {
    const html = renderForm(schema, { uiSchema: ui, data, errors, lang, step, action: action(lang), saveDraft: true, validation: { id: FORM_KEY, version: 1 }, stepHref: (i) => `/forms/demo?step=${i}${lang === 'en' ? '&lang=en' : ''}` });
    res.status(status).type('html').send(page(lang, TITLE[lang], html));
  };

  app.get('/forms/demo', async (req, res) => {
    const lang = langOf(req);
    const step = Number(req.query.step ?? 0) || 0;
    if (typeof req.query.draft === 'string') {
      const draft = await drafts.load(FORM_KEY, req.query.draft, now());
      if (!draft) {
        res.status(404).type('html').send(page(lang, TITLE[lang], `<p>${lang === 'ro' ? 'Ciorna nu există sau a expirat.' : 'The draft does not exist or has expired.'}</p>`));
        return;
      }
      show(res, lang, draft.data, draft.step);
      return;
    }
    show(res, lang, {}, step);
  });

  app.post('/forms/demo', async (req, res) => {
    const lang = langOf(req);
    const specOf = (field: string) => uploadSpec(((schema.properties ?? {}) as Record<string, JsonSchema>)[field] ?? {});
    const post = await readFormPost(req, { dir: options.uploadsDir, maxBytes: (field) => specOf(field)?.maxBytes ?? 0 });
    // Files arrive as temporary files: kept below only when the post is accepted, deleted otherwise.
    try {
      await acceptDemoPost(req, res, lang, post, specOf);
    } finally {
      await discardFiles(Object.values(post.files).flat());
    }
  });

  const acceptDemoPost = async (req: Request, res: Response, lang: Lang, post: Awaited<ReturnType<typeof readFormPost>>, specOf: (field: string) => ReturnType<typeof uploadSpec>) => {
    if (post.truncated) {
      res.status(413).type('html').send(page(lang, TITLE[lang], `<p role="alert">${lang === 'ro' ? 'Fișierele trimise depășesc limita permisă.' : 'The files sent are over the limit.'}</p>`));
      return;
    }
    const { data: parsed, action: formAction } = parseFormPost(schema, post.fields);
    let data = parsed;
    const current = /^\d+$/.test(post.fields._current ?? '') ? Math.min(Number(post.fields._current), categories.length) : 0;
    // Files: checked by content; records (no stored name: it never travels to the browser) join the data.
    const uploadErrors: FieldError[] = [];
    const accepted: Array<[string, typeof post.files[string]]> = [];
    for (const [field, files] of Object.entries(post.files)) {
      const spec = specOf(field);
      if (!spec) continue;
      const problems = checkUpload(spec, files, lang);
      if (problems.length > 0) {
        uploadErrors.push({ pointer: `/${field}`, field, keyword: 'upload', message: problems.join(' ') });
        continue;
      }
      accepted.push([field, files]);
      data = { ...data, [field]: files.map((f) => ({ id: randomUUID(), originalName: cleanName(f.originalName), mediaType: f.mediaType ?? 'application/octet-stream', size: f.size, sha256: f.sha256 })) };
    }
    const keep = async () => {
      for (const [, files] of accepted) for (const f of files) await keepUpload(options.uploadsDir, f);
    };
    if (post.fields._save) {
      await keep();
      const token = typeof req.query.draft === 'string' ? req.query.draft : undefined;
      const saved = await drafts.save(FORM_KEY, data, current, now(), token);
      const link = `/forms/demo?draft=${saved.token}${lang === 'en' ? '&lang=en' : ''}`;
      const text = lang === 'ro'
        ? `<p>Am salvat cererea. Continuați oricând, de pe orice dispozitiv, până la ${esc(saved.expiresAt.slice(0, 10))}, cu acest link privat:</p>`
        : `<p>Your request is saved. Continue any time, on any device, until ${esc(saved.expiresAt.slice(0, 10))}, with this private link:</p>`;
      res.type('html').send(page(lang, TITLE[lang], `${text}<p><a id="draft-link" href="${esc(link)}">${esc(link)}</a></p>`));
      return;
    }
    const flow = nextFormView({ schema, uiSchema: ui, data, action: formAction, current, uploadErrors, id: FORM_KEY, version: 1, lang });
    // A refused post keeps none of its files (and shows none of their records).
    if (flow.kind === 'show' && flow.status !== 200) return show(res, lang, { ...flow.data, ...Object.fromEntries(accepted.map(([field]) => [field, parsed[field]])) }, flow.step, flow.errors, flow.status);
    await keep();
    if (flow.kind === 'show') return show(res, lang, flow.data, flow.step, flow.errors, flow.status);
    const files = (flow.data.acte as Array<{ originalName: string; sha256: string }> | undefined) ?? [];
    const thanks = lang === 'ro' ? 'Cererea a fost trimisă.' : 'Your request has been sent.';
    res.type('html').send(page(lang, TITLE[lang], `<div class="confirmation" role="status"><p>${esc(thanks)}</p>${files.map((f) => `<p class="file">${esc(f.originalName)} <code>${esc(f.sha256)}</code></p>`).join('')}</div>`));
  };

  // Every widget on one page, for people and screenshots to look at; it validates but keeps nothing.
  const WIDGETS_TITLE = { ro: 'Toate tipurile de câmpuri', en: 'Every kind of field' };
  const showWidgets = (res: Response, lang: Lang, data: Record<string, unknown>, errors: FieldError[] = [], status = 200) => {
    const html = renderForm(widgets.schema, { data, errors, lang, action: `/forms/widgets${lang === 'en' ? '?lang=en' : ''}`, validation: { id: 'all-widgets', version: 1 } });
    res.status(status).type('html').send(page(lang, WIDGETS_TITLE[lang], html));
  };
  app.get('/forms/widgets', (req, res) => showWidgets(res, langOf(req), {}));
  app.post('/forms/widgets', async (req, res) => {
    const lang = langOf(req);
    // It keeps nothing: files are not even written.
    const post = await readFormPost(req, { dir: options.uploadsDir, maxBytes: () => 0 });
    await discardFiles(Object.values(post.files).flat());
    const { data, action: formAction } = parseFormPost(widgets.schema, post.fields);
    if (formAction.kind === 'add-row' || formAction.kind === 'remove-row') return showWidgets(res, lang, applyRowAction(data, formAction));
    const result = validateForm(widgets.schema, data, { id: 'all-widgets', version: 1, lang });
    if (!result.valid) return showWidgets(res, lang, data, result.errors, 422);
    res.type('html').send(page(lang, WIDGETS_TITLE[lang], `<div class="confirmation" role="status"><p>${lang === 'ro' ? 'Datele sunt corecte.' : 'The data is valid.'}</p></div>`));
  });

  return app;
}
