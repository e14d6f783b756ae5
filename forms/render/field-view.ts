import type { Lang } from '../validation/messages.ts';
import type { JsonSchema } from '../validation/validate-form.ts';
import { uploadSpec } from '../uploads/uploads.ts';
import { widgetFor, type FieldBase, type FieldView, type MatchHints } from '../widgets/index.ts';
import { labelsOf } from '../widgets/widget.ts';
import { FORM_TEXT } from './form-text.ts';

export interface FieldContext {
  lang: Lang;
  /** Error messages by JSON pointer (`/adresa/strada`). */
  errors: Map<string, string>;
}

/**
 * The view model of one schema node at a path: the part every field shares (id `f-adresa-strada`,
 * name `adresa[strada]`, label, help, error, aria-describedby), then its widget's own part.
 */
export function fieldView(node: JsonSchema, path: string[], required: boolean, value: unknown, ctx: FieldContext, hints: MatchHints = {}): FieldView {
  const id = `f-${path.join('-')}`;
  const name = path.map((p, i) => (i === 0 ? p : `[${p}]`)).join('');
  const { label, help } = labelsOf(node, ctx.lang, path.at(-1)!);
  const error = ctx.errors.get(`/${path.join('/')}`);
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const text = FORM_TEXT[ctx.lang];
  const field: FieldBase = { id, name, label, ...(help ? { help } : {}), required, requiredText: text.requiredText, chooseText: text.chooseText, ...(error ? { error } : {}), ...(describedBy ? { describedBy } : {}) };
  const widget = widgetFor(node, hints);
  const own = widget.view(field, node, value, {
    lang: ctx.lang,
    text,
    path,
    field: (child, childPath, childRequired, childValue) => fieldView(child, childPath, childRequired, childValue, ctx),
    uploadSpec,
  });
  return { ...field, ...own, kind: widget.name, partial: widget.partial ?? widget.name };
}
