import type { FieldError, JsonSchema } from '../validation/validate-form.ts';
import { validateForm } from '../validation/validate-form.ts';
import type { Lang } from '../validation/messages.ts';
import { applyRowAction, type FormAction } from './parse-form-post.ts';
import { controlPaths, type UiElement } from './ui-schema.ts';

export type FlowOutcome =
  | { kind: 'show'; data: Record<string, unknown>; step: number; errors: FieldError[]; status: 200 | 422 }
  | { kind: 'complete'; data: Record<string, unknown> };

/**
 * What a form post leads to: another step, the same step with its errors, or a complete, valid
 * submission. Going back never blocks; going forward needs the current step's fields to be right;
 * sending shows the first step that still has errors.
 */
export function nextFormView(input: { schema: JsonSchema; uiSchema?: UiElement; data: Record<string, unknown>; action: FormAction; current: number; uploadErrors?: FieldError[]; id: string; version: number | string; lang: Lang }): FlowOutcome {
  const { schema, data, action, current } = input;
  const categories = input.uiSchema?.type === 'Categorization' ? input.uiSchema.elements ?? [] : [];
  if (action.kind === 'add-row' || action.kind === 'remove-row') return { kind: 'show', data: applyRowAction(data, action), step: current, errors: [], status: 200 };
  const result = validateForm(schema, data, { id: input.id, version: input.version, lang: input.lang });
  const errors = [...(input.uploadErrors ?? []), ...(result.valid ? [] : result.errors)];
  const stepErrors = (step: number): FieldError[] => {
    const category = categories[step];
    if (!category) return [];
    const roots = new Set(controlPaths(category).map((p) => p[0]));
    return errors.filter((e) => roots.has(e.pointer.split('/')[1]));
  };
  if (action.kind === 'step') {
    const mine = stepErrors(current);
    if (action.step > current && mine.length > 0) return { kind: 'show', data, step: current, errors: mine, status: 422 };
    return { kind: 'show', data, step: Math.max(0, Math.min(action.step, categories.length)), errors: [], status: 200 };
  }
  if (errors.length > 0) {
    if (categories.length === 0) return { kind: 'show', data, step: 0, errors, status: 422 };
    const first = categories.findIndex((_, i) => stepErrors(i).length > 0);
    return { kind: 'show', data, step: first < 0 ? 0 : first, errors: first < 0 ? errors : stepErrors(first), status: 422 };
  }
  return { kind: 'complete', data: result.valid ? result.data : data };
}
