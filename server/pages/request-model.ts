import { renderAnswers, type Lang } from '../../forms/index.ts';
import { findUserByEmail } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { listDepartments } from '../departments/departments-store.ts';
import { documentTitleIn } from '../documents/issue-document.ts';
import { packageOfDefinition } from '../procedures/catalogue.ts';
import { outcomeText } from '../tasks/outcome.ts';
import type { RequestView } from '../requests/request-view.ts';
import { describeHistory, statusLabel, termText, type HistoryNames } from './words.ts';

/** The names a request's history refers to: its model's steps, the accounts that acted, the departments. */
async function historyNames(ctx: AppContext, view: RequestView, lang: Lang): Promise<HistoryNames> {
  const emails = new Set<string>();
  for (const event of view.history) {
    const data = (event.data ?? {}) as Record<string, unknown>;
    for (const key of ['assignee', 'by', 'previous']) if (typeof data[key] === 'string') emails.add(data[key]);
  }
  // A handful of people act on one request: one lookup each is cheaper than a new query to keep.
  const people = new Map<string, string>();
  for (const email of emails) {
    const user = await findUserByEmail(ctx.db, email);
    if (user) people.set(email, user.name || email.split('@')[0]!);
  }
  const departments = new Map((await listDepartments(ctx.db)).map((d) => [d.code, d.name[lang] || d.name.ro]));
  return {
    step: (id) => (id ? view.elementNames[id] : undefined),
    person: (email) => (email ? people.get(email) : undefined),
    department: (code) => departments.get(code) ?? code,
  };
}

/** A request as its pages show it: status and term in words, history lines naming steps and people. */
function decorate(view: RequestView, lang: Lang, names: HistoryNames) {
  return {
    ...view,
    ...(view.clock ? { clock: { ...view.clock, termText: termText(view.clock.term, lang) } } : {}),
    statusText: statusLabel(view.status, view.clock?.state, lang),
    history: describeHistory(view.history, lang, names),
  };
}

/** decorate, with the names looked up and the documents' titles in the reader's language. */
export async function requestModel(ctx: AppContext, view: RequestView, lang: Lang) {
  const pkg = await packageOfDefinition(ctx.db, view.definitionId);
  const documents = view.documents.map((d) => ({ ...d, title: documentTitleIn(pkg, d, view.registrationNumber, lang) }));
  // Where the request ended, in the procedure's words to the citizen (e.g. the authority a petition went to).
  const end = view.status === 'completed' ? [...view.history].reverse().find((e) => e.type === 'element.completed' && e.elementId && pkg?.meta.outcomes?.[e.elementId]) : undefined;
  const outcome = end?.elementId ? outcomeText(pkg?.meta.outcomes, end.elementId, view.variables, lang) : undefined;
  return { ...decorate({ ...view, documents }, lang, await historyNames(ctx, view, lang)), ...(outcome ? { outcome } : {}) };
}

/** The citizen's answers under the labels of the form they filled in (its keys where the form is gone). */
export async function requestAnswers(ctx: AppContext, view: RequestView, lang: Lang): Promise<Array<{ label: string; value: string }>> {
  const pkg = await packageOfDefinition(ctx.db, view.definitionId);
  const form = pkg?.forms[pkg.meta.requestForm];
  if (!form) return Object.entries(view.data).map(([label, value]) => ({ label, value: typeof value === 'string' ? value : JSON.stringify(value) }));
  return renderAnswers(form.schema, view.data, { lang, ...(form.uiSchema ? { uiSchema: form.uiSchema } : {}) });
}
