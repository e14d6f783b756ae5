import type { JsonSchema } from '../validation/validate-form.ts';
import type { UiElement } from '../render/ui-schema.ts';

/**
 * A demonstration form: a request for public information (Legea 544/2001 art. 6-7), used by the
 * browser tests and the screenshots; it exercises every widget kind in two steps and a summary.
 */
export const schema: JsonSchema = {
  type: 'object',
  required: ['nume', 'email', 'solicitant', 'informatii'],
  additionalProperties: false,
  properties: {
    nume: { type: 'string', title: 'Nume și prenume', minLength: 3, maxLength: 120, 'x-labels': { en: { title: 'Full name' } } },
    email: { type: 'string', title: 'Adresa de e-mail', format: 'email', description: 'Aici primiți răspunsul.', 'x-labels': { en: { title: 'Email address', description: 'The answer is sent here.' } } },
    telefon: { type: 'string', title: 'Telefon', format: 'phone-ro', 'x-labels': { en: { title: 'Phone' } } },
    solicitant: {
      type: 'string', title: 'Solicitați ca', 'x-labels': { en: { title: 'You are asking as' } },
      oneOf: [{ const: 'fizica', title: 'Persoană fizică', 'x-labels': { en: { title: 'A person' } } }, { const: 'juridica', title: 'Persoană juridică', 'x-labels': { en: { title: 'A company' } } }],
    },
    cui: { type: 'string', title: 'Codul fiscal (CUI)', format: 'cui', 'x-labels': { en: { title: 'Tax code (CUI)' } } },
    informatii: { type: 'string', title: 'Ce informații solicitați?', minLength: 10, maxLength: 5000, 'x-labels': { en: { title: 'What information do you ask for?' } } },
    format: { type: 'string', title: 'Cum doriți răspunsul?', enum: ['e-mail', 'poștă', 'la ghișeu'], 'x-labels': { en: { title: 'How do you want the answer?' } } },
    acte: {
      type: 'array', title: 'Documente (opțional)', maxItems: 2, 'x-upload': { accept: ['application/pdf', 'image/png', 'image/jpeg'], maxBytes: 2 * 1024 * 1024, maxFiles: 2 },
      'x-labels': { en: { title: 'Documents (optional)' } },
      items: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, originalName: { type: 'string' }, mediaType: { type: 'string' }, size: { type: 'integer' }, sha256: { type: 'string' } } },
    },
  },
  if: { properties: { solicitant: { const: 'juridica' } }, required: ['solicitant'] },
  then: { required: ['cui'] },
};

export const uiSchema: UiElement = {
  type: 'Categorization',
  elements: [
    { type: 'Category', label: { ro: 'Date de contact', en: 'Contact details' }, elements: [
      { type: 'Control', scope: '#/properties/nume' },
      { type: 'Control', scope: '#/properties/email' },
      { type: 'Control', scope: '#/properties/telefon' },
      { type: 'Control', scope: '#/properties/solicitant' },
      { type: 'Control', scope: '#/properties/cui', rule: { effect: 'SHOW', condition: { scope: '#/properties/solicitant', schema: { const: 'juridica' } } } },
    ] },
    { type: 'Category', label: { ro: 'Cererea', en: 'The request' }, elements: [
      { type: 'Control', scope: '#/properties/informatii', options: { multi: true } },
      { type: 'Control', scope: '#/properties/format' },
      { type: 'Control', scope: '#/properties/acte' },
    ] },
  ],
};
