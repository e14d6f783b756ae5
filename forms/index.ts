/** JSON Schema forms: validation (ajv, Romanian formats, human messages) and generated types. */
export { checkFormSchema, validateForm, type FieldError, type JsonSchema } from './validation/validate-form.ts';
export type { Lang } from './validation/messages.ts';
export { renderAnswers, renderForm } from './render/render-form.ts';
export { applyRowAction, parseFormPost } from './render/parse-form-post.ts';
export type { UiElement } from './render/ui-schema.ts';
export { embeddedFormSchema } from './embedded/camunda-forms.ts';
export { checkUpload, cleanName, discardFiles, factsOf, keepUpload, newStoredName, sniffMediaType, STORED_NAME, uploadSpec, type ReceivedFile } from './uploads/uploads.ts';
export { DraftStore, hashDraftToken } from './drafts/drafts.ts';
