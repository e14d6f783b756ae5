import type { FormDocument } from '../api.ts';
import { emptyFormSchema, type Json } from './field-list.ts';

/** A form being edited: the text in its two editors, parsed on demand. */
export interface EditedForm {
  name: string;
  schemaText: string;
  /** Empty for "no UI schema" (every property in order). */
  uiText: string;
}

/** Form names as the server accepts them (server/procedures/package.ts). */
export const FORM_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseJson<T = Json>(text: string): Parsed<T> {
  try {
    return { ok: true, value: JSON.parse(text) as T };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

/**
 * The procedure's forms as the designer edits them. `edited` says whether a deploy must carry them:
 * until then a deploy sends the bare model and the server keeps the previous version's forms.
 */
export class FormSet {
  private readonly forms = new Map<string, EditedForm>();
  edited = false;
  private readonly listeners: Array<() => void> = [];

  constructor(initial: FormDocument[] = []) {
    for (const form of initial) {
      this.forms.set(form.name, { name: form.name, schemaText: pretty(form.schema ?? { type: 'object', properties: {} }), uiText: form.uiSchema ? pretty(form.uiSchema) : '' });
    }
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  names(): string[] {
    return [...this.forms.keys()];
  }

  get(name: string): EditedForm | undefined {
    return this.forms.get(name);
  }

  /**
   * A new, empty form titled `title`. It starts with a UI schema that the field list fills in order:
   * the server stores schemas as jsonb, which does not keep the order of properties.
   */
  add(name: string, title: string): EditedForm {
    const form = { name, schemaText: pretty(emptyFormSchema(title)), uiText: pretty({ type: 'VerticalLayout', elements: [] }) };
    this.forms.set(name, form);
    this.changed();
    return form;
  }

  remove(name: string): void {
    if (this.forms.delete(name)) this.changed();
  }

  update(name: string, change: Partial<Pick<EditedForm, 'schemaText' | 'uiText'>>): void {
    const form = this.forms.get(name);
    if (!form) return;
    Object.assign(form, change);
    this.changed();
  }

  /** Writes JSON values back as formatted text. */
  setJson(name: string, schema: unknown, uiSchema?: unknown): void {
    this.update(name, { schemaText: pretty(schema), ...(uiSchema !== undefined ? { uiText: uiSchema === null ? '' : pretty(uiSchema) } : {}) });
  }

  title(name: string, lang: 'ro' | 'en'): string {
    const parsed = parseJson(this.forms.get(name)?.schemaText ?? '');
    if (!parsed.ok) return name;
    const en = (parsed.value['x-labels'] as { en?: { title?: string } } | undefined)?.en?.title;
    return (lang === 'en' && en) || (typeof parsed.value.title === 'string' ? parsed.value.title : name);
  }

  /** Every form as the deploy body wants it, or the forms whose text is not JSON. */
  toPackage(): { forms: Record<string, { schema: unknown; uiSchema?: unknown }>; errors: string[] } {
    const forms: Record<string, { schema: unknown; uiSchema?: unknown }> = {};
    const errors: string[] = [];
    for (const form of this.forms.values()) {
      const schema = parseJson(form.schemaText);
      const ui = form.uiText.trim() ? parseJson(form.uiText) : undefined;
      if (!schema.ok) errors.push(`${form.name}: ${schema.message}`);
      else if (ui && !ui.ok) errors.push(`${form.name} (UI): ${ui.message}`);
      else forms[form.name] = { schema: schema.value, ...(ui?.ok ? { uiSchema: ui.value } : {}) };
    }
    return { forms, errors };
  }

  private changed(): void {
    this.edited = true;
    for (const listener of this.listeners) listener();
  }
}
