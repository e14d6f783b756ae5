/** JSON Schema forms: validation (ajv, Romanian formats, human messages) and generated types. */
export { checkFormSchema, compileForm, labelOf, LIMITS, validateForm, type FieldError, type JsonSchema, type ValidationResult } from './validation/validate-form.ts';
export { messageFor, type Lang } from './validation/messages.ts';
export { ROMANIAN_FORMATS, isValidCnp, isValidCui, isValidPostalCode, isValidRomanianIban, isValidRomanianPhone } from './validation/romanian-formats.ts';
export { renderAnswers, renderForm, type RenderOptions } from './render/render-form.ts';
export { applyRowAction, parseFormPost, type FormAction } from './render/parse-form-post.ts';
export { applyRule, controlPaths, defaultUiSchema, effectiveSchema, type UiElement, type UiRule } from './render/ui-schema.ts';
export { checkUpload, cleanName, discardFiles, factsOf, keepUpload, sniffMediaType, STORED_NAME, uploadSpec, type FileFacts, type ReceivedFile, type StoredFile, type UploadSpec } from './uploads/uploads.ts';
export { createDraftToken, DraftStore, hashDraftToken, type Draft } from './drafts/drafts.ts';
