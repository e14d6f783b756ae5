import type { Lang } from '../validation/messages.ts';

/** The words a form page uses around the fields, per language. */
export const FORM_TEXT = {
  ro: { errorTitle: 'Există o problemă', submit: 'Trimiteți', requiredText: 'obligatoriu', chooseText: 'Alegeți', step: 'Pasul', of: 'din', next: 'Continuă', back: 'Înapoi', check: 'Verificați răspunsurile înainte de trimitere', change: 'Schimbă', save: 'Salvează și continuă mai târziu', row: 'Rândul', add: 'Adaugă un rând', remove: 'Șterge rândul' },
  en: { errorTitle: 'There is a problem', submit: 'Send', requiredText: 'required', chooseText: 'Choose', step: 'Step', of: 'of', next: 'Continue', back: 'Back', check: 'Check your answers before sending', change: 'Change', save: 'Save and continue later', row: 'Row', add: 'Add a row', remove: 'Remove row' },
} satisfies Record<Lang, Record<string, string>>;

export type FormText = (typeof FORM_TEXT)['ro'];
