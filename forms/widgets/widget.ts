import type { Lang } from '../validation/messages.ts';
import type { JsonSchema } from '../validation/validate-form.ts';
import type { UploadSpec } from '../uploads/uploads.ts';
import type { FormText } from '../render/form-text.ts';

/**
 * What a form widget is: how it recognises a schema node, the view model its template draws, how
 * its posted text becomes data, and what the designer's field list offers for it. Widgets are
 * bundled for the browser too (the designer, the in-browser validator), so they import no Node code.
 */
export interface Widget {
  /** Unique; the designer's field type, and the template forms/widgets/<name>.hbs unless `partial` names another. */
  readonly name: string;
  /** Whether it draws this node; the registry asks each widget in order and the first to say yes wins. */
  matches(node: JsonSchema, hints: MatchHints): boolean;
  /** A template shared with other widgets (forms/widgets/<partial>.hbs), e.g. `input`. */
  readonly partial?: string;
  /** Handlebars source of its template, for a widget kept outside forms/widgets. */
  readonly template?: string;
  /** Its own part of the view model (value, options, children, …); the common part is in `field`. */
  view(field: FieldBase, node: JsonSchema, value: unknown, ctx: ViewContext): WidgetView;
  /** Its answer on the summary page and in the clerk's read-only list; by default the value, or "—". */
  answer?(view: FieldView): string;
  /** A posted, non-blank text as data (a number, a boolean); by default the text as sent. */
  read?(text: string, node: JsonSchema): unknown;
  /** Its data when the object around it is posted without it (an unchecked checkbox sends nothing). */
  absent?(node: JsonSchema): unknown;
  /** Its input sends files: the form goes multipart, and its kept value travels in hidden inputs. */
  readonly sendsFiles?: boolean;
  /** What the designer's field list shows for it, and, with `node`, offers to add. */
  readonly designer?: DesignerEntry;
}

/** What the place of a Control says about its widget (the UI schema's `options.multi`). */
export interface MatchHints {
  multi?: boolean;
}

/** The view model every widget shares: ids, names, labels, the error and how they are tied together. */
export interface FieldBase {
  id: string;
  name: string;
  label: string;
  help?: string;
  required: boolean;
  requiredText: string;
  chooseText: string;
  error?: string;
  describedBy?: string;
  disabled?: boolean;
}

/** The parts today's widgets use; a new widget may add its own. */
export interface WidgetView {
  value?: string;
  checked?: boolean;
  options?: Array<{ value: string; label: string; checked: boolean; inputName?: string }>;
  radios?: boolean;
  inputType?: string;
  inputmode?: string;
  autocomplete?: string;
  accept?: string;
  multiple?: boolean;
  files?: string[];
  /** A list's rows; a single row is one field (a list of values), not a fieldset of them. */
  rows?: Array<{ id: string; label: string; single?: boolean; children: FieldView[]; removeValue: string; removeText: string }>;
  addValue?: string;
  addText?: string;
  className?: string;
  children?: FieldView[];
  [more: string]: unknown;
}

/** What a template receives: `kind` is the widget's name (or `layout`), `partial` the template drawing it. */
export interface FieldView extends FieldBase, WidgetView {
  kind: string;
  partial: string;
}

export interface ViewContext {
  lang: Lang;
  text: FormText;
  /** Property names from the form's root to this node (`['adresa', 'strada']`, rows by index). */
  path: string[];
  /** The view of a node inside this one (a group's property, a row's field), through the registry. */
  field(node: JsonSchema, path: string[], required: boolean, value: unknown): FieldView;
  /** `x-upload` with its defaults; lent by the renderer, since forms/uploads is Node code. */
  uploadSpec(node: JsonSchema): UploadSpec | undefined;
}

/** A field the analyst describes in the designer; the widget writes the type-specific schema. */
export interface DesignerFieldSpec {
  name: string;
  type: string;
  label: { ro: string; en?: string };
  help?: { ro?: string; en?: string };
  required?: boolean;
  /** For widgets that take options, one per option: the stored value and its labels. */
  options?: Array<{ value: string; ro?: string; en?: string }>;
}

export interface DesignerEntry {
  /** The type's name in the field list and the "add a field" menu. */
  label: { ro: string; en: string };
  /** Place in the "add a field" menu, lowest first (the first is the menu's default). */
  rank?: number;
  /** The schema keywords it writes for a new field (title, description and labels are added around them). */
  node?(spec: DesignerFieldSpec): Record<string, unknown>;
  /** It asks the analyst for a list of options. */
  takesOptions?: boolean;
  /** Problems with a new field of this type, in both languages (empty when it can be added). */
  check?(spec: DesignerFieldSpec): Array<{ ro: string; en: string }>;
}

/** The label and help of a node in a language: `x-labels.en` for English, else the schema's own. */
export function labelsOf(node: JsonSchema, lang: Lang, fallback: string): { label: string; help?: string } {
  const en = (node['x-labels'] as { en?: { title?: string; description?: string } } | undefined)?.en;
  const label = (lang === 'en' ? en?.title : undefined) ?? (node.title as string | undefined) ?? fallback;
  const help = (lang === 'en' ? en?.description : undefined) ?? (node.description as string | undefined);
  return help ? { label, help } : { label };
}

/** A value as the text an input shows. */
export function textOf(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** A number typed with a comma or a point; left as text when it is not one, so validation says so in words. */
export function readNumber(text: string): unknown {
  const trimmed = text.trim();
  const n = Number(trimmed.replace(',', '.'));
  return trimmed !== '' && Number.isFinite(n) ? n : trimmed;
}

/** A checkbox sends its value ("true") or, without one, "on". */
export function readCheckbox(text: string): boolean {
  return text.trim() === 'true' || text.trim() === 'on';
}

/** For widgets whose node may be of any type (options, long text): numbers and booleans by the schema's type. */
export function readByType(text: string, node: JsonSchema): unknown {
  if (node.type === 'integer' || node.type === 'number') return readNumber(text);
  if (node.type === 'boolean') return readCheckbox(text);
  return text;
}
