import type { JsonSchema } from '../validation/validate-form.ts';

/**
 * Every widget kind on one page with the default layout (no UI schema): the screenshots show it
 * empty, with every error, and filled in. The fields make a plausible building-works notice.
 */
export const schema: JsonSchema = {
  type: 'object',
  title: 'Toate tipurile de câmpuri',
  required: ['nume', 'cnp', 'data', 'adresa', 'suprafata', 'acord'],
  additionalProperties: false,
  properties: {
    nume: { type: 'string', title: 'Nume și prenume', minLength: 3, maxLength: 120, 'x-labels': { en: { title: 'Full name' } } },
    cnp: { type: 'string', title: 'CNP', format: 'cnp', description: 'Codul numeric personal, 13 cifre.', 'x-labels': { en: { title: 'Personal numeric code', description: '13 digits.' } } },
    email: { type: 'string', title: 'E-mail', format: 'email', 'x-labels': { en: { title: 'Email' } } },
    telefon: { type: 'string', title: 'Telefon', format: 'phone-ro', 'x-labels': { en: { title: 'Phone' } } },
    data: { type: 'string', title: 'Data începerii lucrărilor', format: 'date', 'x-labels': { en: { title: 'Works start on' } } },
    adresa: {
      type: 'object', title: 'Adresa imobilului', 'x-labels': { en: { title: 'Address of the property' } },
      required: ['strada', 'localitate'],
      properties: {
        strada: { type: 'string', title: 'Strada și numărul', 'x-labels': { en: { title: 'Street and number' } } },
        localitate: { type: 'string', title: 'Localitatea', 'x-labels': { en: { title: 'Town' } } },
        codPostal: { type: 'string', title: 'Cod poștal', format: 'postal-code-ro', 'x-labels': { en: { title: 'Postal code' } } },
      },
    },
    suprafata: { type: 'number', title: 'Suprafața (m²)', exclusiveMinimum: 0, maximum: 100000, 'x-labels': { en: { title: 'Area (m²)' } } },
    etaje: { type: 'integer', title: 'Număr de etaje', minimum: 0, maximum: 30, 'x-labels': { en: { title: 'Number of floors' } } },
    tip: {
      type: 'string', title: 'Tipul lucrării', 'x-labels': { en: { title: 'Kind of works' } },
      oneOf: [
        { const: 'construire', title: 'Construire', 'x-labels': { en: { title: 'Building' } } },
        { const: 'desfiintare', title: 'Desființare', 'x-labels': { en: { title: 'Demolition' } } },
      ],
    },
    judet: { type: 'string', title: 'Județul', enum: ['Alba', 'Arad', 'Argeș', 'Bacău', 'Bihor', 'București', 'Cluj', 'Iași', 'Timiș'], 'x-labels': { en: { title: 'County' } } },
    anexe: {
      type: 'array', title: 'Documente anexate', uniqueItems: true, 'x-labels': { en: { title: 'Documents attached' } },
      items: { type: 'string', oneOf: [
        { const: 'plan', title: 'Plan de situație', 'x-labels': { en: { title: 'Site plan' } } },
        { const: 'extras-cf', title: 'Extras de carte funciară', 'x-labels': { en: { title: 'Land register extract' } } },
        { const: 'aviz', title: 'Avizul vecinilor', 'x-labels': { en: { title: "Neighbours' consent" } } },
      ] },
    },
    descriere: { type: 'string', title: 'Descrierea lucrărilor', maxLength: 4000, 'x-widget': 'textarea', 'x-labels': { en: { title: 'Description of the works' } } },
    vecini: {
      type: 'array', title: 'Vecini înștiințați', maxItems: 10, 'x-labels': { en: { title: 'Neighbours notified' } },
      items: { type: 'object', title: 'Vecin', required: ['nume'], 'x-labels': { en: { title: 'Neighbour' } }, properties: {
        nume: { type: 'string', title: 'Nume', 'x-labels': { en: { title: 'Name' } } },
        adresa: { type: 'string', title: 'Adresa', 'x-labels': { en: { title: 'Address' } } },
      } },
    },
    reprezentant: { type: 'string', title: 'Reprezentant (opțional)', 'x-labels': { en: { title: 'Representative (optional)' } } },
    imputernicire: {
      type: 'array', title: 'Împuternicirea reprezentantului', maxItems: 1, 'x-upload': { accept: ['application/pdf'], maxBytes: 2 * 1024 * 1024, maxFiles: 1 },
      'x-labels': { en: { title: "Representative's power of attorney" } },
      items: { type: 'object' },
    },
    acord: { type: 'boolean', title: 'Declar pe propria răspundere că datele sunt corecte', 'x-labels': { en: { title: 'I declare on my own responsibility that the data is correct' } } },
  },
  dependentRequired: { reprezentant: ['imputernicire'] },
};
