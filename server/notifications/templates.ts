/**
 * Notification texts, Romanian first and English. Data is checked and normalised before rendering,
 * so a template never prints "undefined" or an unformatted date to a citizen.
 */
import Handlebars from 'handlebars';
import { AppError, localDate, romanianDate } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';

export type TemplateName = 'request-registered' | 'completion-requested' | 'decision-issued' | 'request-closed' | 'due-digest' | 'early-warning' | 'password-reset';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** text: one line (it may reach the Subject header); paragraph: free text, line breaks kept. */
type FieldKind = 'text' | 'paragraph' | 'date' | 'url' | 'tasks' | 'optional-date';

interface Source {
  subject: string;
  text: string;
  /** Only the body: the shared layout adds the document around it. */
  html: string;
}

interface Definition {
  fields: Record<string, FieldKind>;
  /** The fields of each item of a 'tasks' list; default TASK_FIELDS. */
  items?: Record<string, FieldKind>;
  ro: Source;
  en: Source;
}

const TASK_FIELDS: Record<string, FieldKind> = { registrationNumber: 'text', procedure: 'text', dueDate: 'date', taskName: 'text' };
const AT_RISK_FIELDS: Record<string, FieldKind> = { registrationNumber: 'text', procedure: 'text', dueDate: 'date', idleDays: 'text', assignee: 'text' };

const DEFINITIONS: Record<TemplateName, Definition> = {
  'request-registered': {
    fields: { registrationNumber: 'text', procedureTitle: 'text', dueDate: 'optional-date', statusUrl: 'url' },
    ro: {
      subject: 'Cererea dvs. a fost înregistrată cu nr. {{registrationNumber}}',
      text: `Bună ziua,

Cererea dvs. a fost înregistrată cu nr. {{registrationNumber}}.
Procedura: {{procedureTitle}}
{{#if dueDate}}Termenul legal de răspuns: {{dueDate}}
{{/if}}
Puteți urmări stadiul cererii aici: {{statusUrl}}
`,
      html: `<p>Bună ziua,</p>
<p>Cererea dvs. a fost înregistrată cu nr. <strong>{{registrationNumber}}</strong>.</p>
<p>Procedura: {{procedureTitle}}{{#if dueDate}}<br>Termenul legal de răspuns: {{dueDate}}{{/if}}</p>
<p><a href="{{statusUrl}}">Urmăriți stadiul cererii</a></p>`,
    },
    en: {
      subject: 'Your request has been registered under no. {{registrationNumber}}',
      text: `Hello,

Your request has been registered under no. {{registrationNumber}}.
Procedure: {{procedureTitle}}
{{#if dueDate}}Legal response deadline: {{dueDate}}
{{/if}}
You can follow the status of your request here: {{statusUrl}}
`,
      html: `<p>Hello,</p>
<p>Your request has been registered under no. <strong>{{registrationNumber}}</strong>.</p>
<p>Procedure: {{procedureTitle}}{{#if dueDate}}<br>Legal response deadline: {{dueDate}}{{/if}}</p>
<p><a href="{{statusUrl}}">Follow the status of your request</a></p>`,
    },
  },
  'completion-requested': {
    fields: { registrationNumber: 'text', message: 'paragraph', statusUrl: 'url' },
    ro: {
      subject: 'Completarea cererii nr. {{registrationNumber}}',
      text: `Bună ziua,

Pentru soluționarea cererii dvs. nr. {{registrationNumber}} sunt necesare documente sau informații suplimentare.
Mesajul funcționarului:

{{message}}

Termenul legal de soluționare este suspendat până la primirea răspunsului dvs.
Puteți completa cererea aici: {{statusUrl}}
`,
      html: `<p>Bună ziua,</p>
<p>Pentru soluționarea cererii dvs. nr. <strong>{{registrationNumber}}</strong> sunt necesare documente sau informații suplimentare.</p>
<p>Mesajul funcționarului:</p>
<blockquote style="white-space: pre-line">{{message}}</blockquote>
<p>Termenul legal de soluționare este suspendat până la primirea răspunsului dvs.</p>
<p><a href="{{statusUrl}}">Completați cererea</a></p>`,
    },
    en: {
      subject: 'Request no. {{registrationNumber}} needs more information',
      text: `Hello,

Additional documents or information are needed to handle your request no. {{registrationNumber}}.
Message from the clerk:

{{message}}

The legal deadline is suspended until we receive your answer.
You can complete your request here: {{statusUrl}}
`,
      html: `<p>Hello,</p>
<p>Additional documents or information are needed to handle your request no. <strong>{{registrationNumber}}</strong>.</p>
<p>Message from the clerk:</p>
<blockquote style="white-space: pre-line">{{message}}</blockquote>
<p>The legal deadline is suspended until we receive your answer.</p>
<p><a href="{{statusUrl}}">Complete your request</a></p>`,
    },
  },
  'decision-issued': {
    fields: { registrationNumber: 'text', answerNumber: 'text', documentUrl: 'url' },
    ro: {
      subject: 'Răspunsul la cererea nr. {{registrationNumber}} este disponibil',
      text: `Bună ziua,

Răspunsul la cererea dvs. nr. {{registrationNumber}} este disponibil.
Numărul de înregistrare al răspunsului: {{answerNumber}}

Îl puteți descărca aici: {{documentUrl}}
`,
      html: `<p>Bună ziua,</p>
<p>Răspunsul la cererea dvs. nr. <strong>{{registrationNumber}}</strong> este disponibil.</p>
<p>Numărul de înregistrare al răspunsului: <strong>{{answerNumber}}</strong></p>
<p><a href="{{documentUrl}}">Descărcați răspunsul</a></p>`,
    },
    en: {
      subject: 'The answer to request no. {{registrationNumber}} is available',
      text: `Hello,

The answer to your request no. {{registrationNumber}} is available.
Registration number of the answer: {{answerNumber}}

You can download it here: {{documentUrl}}
`,
      html: `<p>Hello,</p>
<p>The answer to your request no. <strong>{{registrationNumber}}</strong> is available.</p>
<p>Registration number of the answer: <strong>{{answerNumber}}</strong></p>
<p><a href="{{documentUrl}}">Download the answer</a></p>`,
    },
  },
  'request-closed': {
    fields: { registrationNumber: 'text', outcome: 'paragraph', statusUrl: 'url' },
    ro: {
      subject: 'Cererea nr. {{registrationNumber}} a fost închisă',
      text: `Bună ziua,

Cererea dvs. nr. {{registrationNumber}} a fost închisă.
{{outcome}}

Detalii: {{statusUrl}}
`,
      html: `<p>Bună ziua,</p>
<p>Cererea dvs. nr. <strong>{{registrationNumber}}</strong> a fost închisă.</p>
<p style="white-space: pre-line">{{outcome}}</p>
<p><a href="{{statusUrl}}">Vedeți cererea</a></p>`,
    },
    en: {
      subject: 'Request no. {{registrationNumber}} was closed',
      text: `Hello,

Your request no. {{registrationNumber}} was closed.
{{outcome}}

Details: {{statusUrl}}
`,
      html: `<p>Hello,</p>
<p>Your request no. <strong>{{registrationNumber}}</strong> was closed.</p>
<p style="white-space: pre-line">{{outcome}}</p>
<p><a href="{{statusUrl}}">See the request</a></p>`,
    },
  },
  'due-digest': {
    fields: { tasks: 'tasks' },
    ro: {
      subject: 'Dosar: {{#if one}}1 sarcină se apropie{{else}}{{count}} {{#if de}}de {{/if}}sarcini se apropie{{/if}} de termen',
      text: `Bună ziua,

Următoarele sarcini se apropie de termenul legal:
{{#each tasks}}
- {{dueDate}} · nr. {{registrationNumber}} · {{procedure}} · {{taskName}}
{{/each}}
`,
      html: `<p>Bună ziua,</p>
<p>Următoarele sarcini se apropie de termenul legal:</p>
<table>
<thead><tr><th>Termen</th><th>Nr. înregistrare</th><th>Procedură</th><th>Sarcină</th></tr></thead>
<tbody>
{{#each tasks}}<tr><td>{{dueDate}}</td><td>{{registrationNumber}}</td><td>{{procedure}}</td><td>{{taskName}}</td></tr>
{{/each}}</tbody>
</table>`,
    },
    en: {
      subject: 'Dosar: {{count}} {{#if one}}task is{{else}}tasks are{{/if}} approaching the due date',
      text: `Hello,

The following tasks are approaching their legal due date:
{{#each tasks}}
- {{dueDate}} · no. {{registrationNumber}} · {{procedure}} · {{taskName}}
{{/each}}
`,
      html: `<p>Hello,</p>
<p>The following tasks are approaching their legal due date:</p>
<table>
<thead><tr><th>Due date</th><th>Registration no.</th><th>Procedure</th><th>Task</th></tr></thead>
<tbody>
{{#each tasks}}<tr><td>{{dueDate}}</td><td>{{registrationNumber}}</td><td>{{procedure}}</td><td>{{taskName}}</td></tr>
{{/each}}</tbody>
</table>`,
    },
  },
  'early-warning': {
    fields: { requests: 'tasks' },
    items: AT_RISK_FIELDS,
    ro: {
      subject: 'Dosar: {{#if one}}1 cerere riscă{{else}}{{count}} {{#if de}}de {{/if}}cereri riscă{{/if}} să depășească termenul legal',
      text: `Bună ziua,

Următoarele cereri din compartimentele dvs. se apropie de termenul legal (sau l-au depășit) și nu au avansat de câteva zile lucrătoare:
{{#each requests}}
- {{dueDate}} · nr. {{registrationNumber}} · {{procedure}} · fără progres de {{idleDays}} · {{assignee}}
{{/each}}
`,
      html: `<p>Bună ziua,</p>
<p>Următoarele cereri din compartimentele dvs. se apropie de termenul legal (sau l-au depășit) și nu au avansat de câteva zile lucrătoare:</p>
<table>
<thead><tr><th>Termen</th><th>Nr. înregistrare</th><th>Procedură</th><th>Fără progres de</th><th>Preluată de</th></tr></thead>
<tbody>
{{#each requests}}<tr><td>{{dueDate}}</td><td>{{registrationNumber}}</td><td>{{procedure}}</td><td>{{idleDays}}</td><td>{{assignee}}</td></tr>
{{/each}}</tbody>
</table>`,
    },
    en: {
      subject: 'Dosar: {{count}} {{#if one}}request is{{else}}requests are{{/if}} at risk of missing the legal deadline',
      text: `Hello,

The following requests of your departments are close to (or past) their legal deadline and have not moved for some working days:
{{#each requests}}
- {{dueDate}} · no. {{registrationNumber}} · {{procedure}} · no progress for {{idleDays}} · {{assignee}}
{{/each}}
`,
      html: `<p>Hello,</p>
<p>The following requests of your departments are close to (or past) their legal deadline and have not moved for some working days:</p>
<table>
<thead><tr><th>Due date</th><th>Registration no.</th><th>Procedure</th><th>No progress for</th><th>Claimed by</th></tr></thead>
<tbody>
{{#each requests}}<tr><td>{{dueDate}}</td><td>{{registrationNumber}}</td><td>{{procedure}}</td><td>{{idleDays}}</td><td>{{assignee}}</td></tr>
{{/each}}</tbody>
</table>`,
    },
  },
  'password-reset': {
    fields: { name: 'text', resetUrl: 'url' },
    ro: {
      subject: 'Resetarea parolei contului Dosar',
      text: `Bună ziua, {{name}},

Cineva (probabil dvs.) a cerut resetarea parolei contului dvs. Dosar.
Alegeți o parolă nouă aici, în cel mult o oră: {{resetUrl}}

Linkul funcționează o singură dată. Dacă nu ați cerut dvs. resetarea, ignorați acest mesaj: parola rămâne aceeași.
`,
      html: `<p>Bună ziua, {{name}},</p>
<p>Cineva (probabil dvs.) a cerut resetarea parolei contului dvs. Dosar.</p>
<p><a href="{{resetUrl}}">Alegeți o parolă nouă</a> în cel mult o oră.</p>
<p>Linkul funcționează o singură dată. Dacă nu ați cerut dvs. resetarea, ignorați acest mesaj: parola rămâne aceeași.</p>`,
    },
    en: {
      subject: 'Resetting the password of your Dosar account',
      text: `Hello {{name}},

Someone (probably you) asked to reset the password of your Dosar account.
Choose a new password here, within one hour: {{resetUrl}}

The link works once. If you did not ask for this, ignore this message: your password stays the same.
`,
      html: `<p>Hello {{name}},</p>
<p>Someone (probably you) asked to reset the password of your Dosar account.</p>
<p><a href="{{resetUrl}}">Choose a new password</a> within one hour.</p>
<p>The link works once. If you did not ask for this, ignore this message: your password stays the same.</p>`,
    },
  },
};

const LAYOUT = `<!DOCTYPE html>
<html lang="{{lang}}">
<head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5">
{{{body}}}
</body>
</html>
`;

// An isolated instance, so nothing registered elsewhere (helpers, partials) leaks into e-mails.
const hbs = Handlebars.create();

interface Compiled {
  subject: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
}

// Subject and text are not HTML: escaping there would show "&amp;" to the reader.
const plain = (source: string) => hbs.compile(source, { noEscape: true, strict: true });
const markup = (source: string) => hbs.compile(source, { strict: true });
const layout = markup(LAYOUT);

const compiled = new Map<string, Compiled>();
for (const [name, def] of Object.entries(DEFINITIONS)) {
  for (const lang of ['ro', 'en'] as const) {
    const s = def[lang];
    compiled.set(`${name}/${lang}`, { subject: plain(s.subject), text: plain(s.text), html: markup(s.html) });
  }
}

export const TEMPLATE_NAMES = Object.keys(DEFINITIONS) as TemplateName[];

function isTemplateName(name: unknown): name is TemplateName {
  return typeof name === 'string' && Object.hasOwn(DEFINITIONS, name);
}

export function renderTemplate(name: TemplateName, lang: Lang, data: Record<string, unknown>): RenderedMessage {
  if (!isTemplateName(name)) throw new AppError('bad-input', `Unknown notification template "${String(name)}"`);
  if (lang !== 'ro' && lang !== 'en') throw new AppError('bad-input', `Unsupported notification language "${String(lang)}"`);
  const template = compiled.get(`${name}/${lang}`)!;
  const context = prepare(name, DEFINITIONS[name].fields, data ?? {});
  const subject = template.subject(context).replace(/\s+/g, ' ').trim();
  const body = template.html(context);
  return { subject, text: template.text(context), html: layout({ lang, subject, body }) };
}

function prepare(name: string, fields: Record<string, FieldKind>, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(fields)) {
    const value = Object.hasOwn(data, field) ? data[field] : undefined;
    if (kind === 'tasks') Object.assign(out, prepareTasks(name, field, value, DEFINITIONS[name as TemplateName]?.items ?? TASK_FIELDS));
    else out[field] = normalise(name, field, kind, value);
  }
  return out;
}

function prepareTasks(name: string, field: string, value: unknown, itemFields: Record<string, FieldKind>): Record<string, unknown> {
  // An empty digest is not worth an e-mail; the caller should skip sending instead.
  if (!Array.isArray(value) || value.length === 0) {
    throw new AppError('bad-input', `Template "${name}" needs a non-empty "${field}" list`);
  }
  const tasks = value.map((task, i) => {
    if (task === null || typeof task !== 'object') throw new AppError('bad-input', `Template "${name}": ${field}[${i}] is not an object`);
    const t = task as Record<string, unknown>;
    const sortKey = dateKey(`${name}: ${field}[${i}].dueDate`, t.dueDate);
    return { sortKey, ...prepare(`${name}: ${field}[${i}]`, itemFields, t) };
  });
  // The most urgent first: a clerk reads the digest top down.
  tasks.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  const count = tasks.length;
  // Romanian puts "de" between a number and its noun from 20 on (20 de sarcini, 101 sarcini, 120 de sarcini).
  const rest = count % 100;
  return { [field]: tasks, count, one: count === 1, de: rest === 0 || rest >= 20 };
}

function normalise(name: string, field: string, kind: Exclude<FieldKind, 'tasks'>, value: unknown): string {
  const where = `${name}: "${field}"`;
  switch (kind) {
    case 'optional-date':
    case 'date': {
      if (kind === 'optional-date' && (value === undefined || value === null || value === '')) return '';
      return romanianDate(dateKey(where, value));
    }
    case 'url': {
      const text = requireText(where, value).trim();
      // Only web links: a "javascript:" link would survive HTML escaping.
      let url: URL;
      try { url = new URL(text); } catch { throw new AppError('bad-input', `Template ${where} is not a valid URL`); }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('bad-input', `Template ${where} must be an http(s) URL`);
      return url.href;
    }
    case 'paragraph':
      return requireText(where, value).replace(/\r\n?/g, '\n').trim();
    case 'text':
      return requireText(where, value).replace(/\s+/g, ' ').trim();
  }
}

function requireText(where: string, value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '') throw new AppError('bad-input', `Template ${where} is required`);
  return value;
}

/** yyyy-mm-dd as a Bucharest calendar date: plain dates are taken as they are, instants are converted. */
function dateKey(where: string, value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const check = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(check.getTime()) && check.toISOString().startsWith(value)) return value;
  } else if (value instanceof Date || typeof value === 'string') {
    const instant = value instanceof Date ? value : new Date(value);
    if (!Number.isNaN(instant.getTime())) return localDate(instant);
  }
  throw new AppError('bad-input', `Template ${where} must be a date`);
}
