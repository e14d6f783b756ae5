import type { Problem } from '../../engine/index.ts';
import { checkFormSchema, renderForm, type JsonSchema, type Lang, type UiElement } from '../../forms/index.ts';

export interface FormPreview {
  /** The form as the portal renders it; empty when the schema does not compile. */
  html: string;
  /** checkFormSchema's problems (ajv message and pointer), then any the renderer met. */
  problems: Problem[];
}

/** A form preview for the designer: the same checks as deploy, the same HTML as the portal. */
export function previewForm(schema: unknown, uiSchema: unknown, lang: Lang): FormPreview {
  const problems = checkFormSchema(schema);
  if (problems.length > 0) return { html: '', problems };
  if (uiSchema !== undefined && uiSchema !== null && (typeof uiSchema !== 'object' || Array.isArray(uiSchema) || typeof (uiSchema as { type?: unknown }).type !== 'string')) {
    return { html: '', problems: [{ code: 'form-invalid', elementId: '', message: 'The UI schema must be a JSON object with a "type" (e.g. VerticalLayout)' }] };
  }
  try {
    const html = renderForm(schema as JsonSchema, { lang, action: '#', ...(uiSchema ? { uiSchema: uiSchema as UiElement } : {}) });
    return { html, problems: [] };
  } catch (err) {
    return { html: '', problems: [{ code: 'form-invalid', elementId: '', message: `The form cannot be shown: ${(err as Error).message}` }] };
  }
}
