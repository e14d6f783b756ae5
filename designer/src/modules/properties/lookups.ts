import type { Department, FormSummary, HandlerInfo } from '../../api.ts';

/** Server data the panel offers as choices, fetched once when the designer starts. */
export interface Lookups {
  lang: 'ro' | 'en';
  departments: Department[];
  /** Undefined when no procedure key is known yet: the form is then typed in. */
  forms?: FormSummary[];
  /** Service-task handlers the server runs; empty when it cannot say (the handler is then typed in). */
  handlers?: HandlerInfo[];
}

export function lookupsModule(lookups: Lookups) {
  return { dosarLookups: ['value', lookups] };
}

export function formTitle(form: FormSummary, lang: 'ro' | 'en'): string {
  const title = typeof form.title === 'string' ? form.title : form.title?.[lang] ?? form.title?.ro;
  return title ? `${title} (${form.name})` : form.name;
}
