import { parseFormPost } from '../render/parse-form-post.ts';
import type { Lang } from '../validation/messages.ts';
import { validateForm, type FieldError, type JsonSchema } from '../validation/validate-form.ts';

/**
 * Browser-side checks with the same schema, code and messages as the server, when the form moves
 * forward (send, or the next step); nothing is checked while typing or on leaving a field, which
 * moves the page under the user's pointer (GOV.UK's advice, and what the tests found). Going back,
 * adding or removing rows and saving a draft are never blocked, and the server checks everything again.
 */
interface Config { schema: JsonSchema; lang: Lang; id: string; version: number | string }

const TITLE: Record<Lang, string> = { ro: 'Există o problemă', en: 'There is a problem' };

function fieldsOf(form: HTMLFormElement): Record<string, string> {
  const body: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') body[name] = value;
  return body;
}

function idOf(error: FieldError): string {
  return `f-${error.pointer.split('/').filter(Boolean).join('-')}`;
}

/** Errors of fields shown on this page (other steps' answers travel in hidden inputs). */
function check(form: HTMLFormElement, config: Config): FieldError[] {
  const { data } = parseFormPost(config.schema, fieldsOf(form));
  const result = validateForm(config.schema, data, { id: config.id, version: config.version, lang: config.lang });
  return result.valid ? [] : result.errors.filter((e) => form.querySelector(`#${CSS.escape(idOf(e))}`) && !filesChosen(form, e));
}

/**
 * Chosen files are not text fields, so a required upload looks empty here; the server counts them
 * (and checks their number and type), so the browser does not stop the post for that field.
 */
function filesChosen(form: HTMLFormElement, error: FieldError): boolean {
  const input = form.querySelector(`#${CSS.escape(idOf(error))}`);
  return input instanceof HTMLInputElement && input.type === 'file' && (input.files?.length ?? 0) > 0;
}

function container(form: HTMLFormElement, id: string): HTMLElement | null {
  const target = form.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  return target?.closest('.field') ?? target;
}

function control(form: HTMLFormElement, id: string): HTMLElement | null {
  const target = form.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  return target?.matches('input, select, textarea') ? target : target?.querySelector('input, select, textarea') ?? null;
}

function showError(form: HTMLFormElement, id: string, message: string | undefined): void {
  const box = container(form, id);
  const input = control(form, id);
  if (!box || !input) return;
  const errorId = `${id}-error`;
  let note = form.querySelector<HTMLElement>(`#${CSS.escape(errorId)}`);
  const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== errorId);
  if (message) {
    if (!note) {
      note = document.createElement('p');
      note.className = 'error';
      note.id = errorId;
      box.querySelector('label, legend')?.after(note);
    }
    note.textContent = message;
    box.classList.add('field--error');
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [...described, errorId].join(' '));
  } else {
    note?.remove();
    box.classList.remove('field--error');
    input.removeAttribute('aria-invalid');
    if (described.length > 0) input.setAttribute('aria-describedby', described.join(' '));
    else input.removeAttribute('aria-describedby');
  }
}

function showSummary(form: HTMLFormElement, config: Config, errors: FieldError[]): void {
  form.querySelector('.error-summary')?.remove();
  const summary = document.createElement('div');
  summary.className = 'error-summary';
  summary.setAttribute('role', 'alert');
  summary.tabIndex = -1;
  const title = document.createElement('h2');
  title.textContent = TITLE[config.lang];
  const list = document.createElement('ul');
  for (const error of errors) {
    const link = document.createElement('a');
    link.href = `#${idOf(error)}`;
    link.textContent = error.message;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      control(form, idOf(error))?.focus();
    });
    const item = document.createElement('li');
    item.append(link);
    list.append(item);
  }
  summary.append(title, list);
  form.prepend(summary);
  summary.focus();
}

/** Moving forward: the final send, or a step to a later page. */
function movesForward(form: HTMLFormElement, submitter: HTMLElement | null): boolean {
  const name = submitter?.getAttribute('name');
  if (name === '_step') return Number(submitter!.getAttribute('value')) > Number((form.elements.namedItem('_current') as HTMLInputElement | null)?.value ?? 0);
  return name === null || name === undefined || name === '_submit';
}

function enhance(form: HTMLFormElement): void {
  const config = JSON.parse(form.querySelector('script.form-schema')?.textContent ?? 'null') as Config | null;
  if (!config) return;
  form.dataset.enhanced = 'true';
  form.addEventListener('submit', (event) => {
    if (!movesForward(form, (event as SubmitEvent).submitter as HTMLElement | null)) return;
    const errors = check(form, config);
    if (errors.length === 0) return;
    event.preventDefault();
    for (const el of form.querySelectorAll<HTMLElement>('.field--error')) el.classList.remove('field--error');
    for (const error of errors) showError(form, idOf(error), error.message);
    showSummary(form, config, errors);
  });
}

document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll<HTMLFormElement>('form.dosar-form[data-validate]').forEach(enhance);
});
