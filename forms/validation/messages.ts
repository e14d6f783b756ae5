/** Error messages written for people, in Romanian (with diacritics) and English; never raw ajv text. */
export type Lang = 'ro' | 'en';

type Params = Record<string, unknown>;
type Message = (label: string, p: Params) => string;

const FORMAT: Record<string, Record<Lang, string>> = {
  cnp: { ro: 'Introduceți un CNP valid: 13 cifre, cu cifra de control corectă.', en: 'Enter a valid CNP: 13 digits with a correct control digit.' },
  cui: { ro: 'Introduceți un cod fiscal (CUI/CIF) valid, de exemplu RO18547290.', en: 'Enter a valid Romanian tax code (CUI/CIF), for example RO18547290.' },
  'iban-ro': { ro: 'Introduceți un IBAN românesc valid: RO urmat de 22 de caractere.', en: 'Enter a valid Romanian IBAN: RO followed by 22 characters.' },
  'phone-ro': { ro: 'Introduceți un număr de telefon românesc, de exemplu 0722 123 456.', en: 'Enter a Romanian phone number, for example 0722 123 456.' },
  'postal-code-ro': { ro: 'Codul poștal are 6 cifre.', en: 'A postal code has 6 digits.' },
  email: { ro: 'Introduceți o adresă de e-mail de forma nume@exemplu.ro.', en: 'Enter an email address like name@example.com.' },
  date: { ro: 'Introduceți o dată reală, de forma AAAA-LL-ZZ.', en: 'Enter a real date, like YYYY-MM-DD.' },
  'date-time': { ro: 'Introduceți o dată și o oră valide.', en: 'Enter a valid date and time.' },
  time: { ro: 'Introduceți o oră validă, de forma HH:MM, de exemplu 14:30.', en: 'Enter a valid time, like HH:MM, for example 14:30.' },
  uri: { ro: 'Introduceți o adresă web validă.', en: 'Enter a valid web address.' },
};

/** A date limit as its readers write it (31.12.2026 in Romanian); any other limit as it is. */
function limitText(limit: unknown, lang: Lang): string {
  const text = String(limit);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return day && lang === 'ro' ? `${day[3]}.${day[2]}.${day[1]}` : text;
}

/** The decimal places a step of 0.01 (10^-n) allows: 2; a step of 1, 0; undefined for any other step (5, 0.25). */
function decimals(step: unknown): number | undefined {
  if (typeof step !== 'number' || !(step > 0)) return undefined;
  const places = Math.round(-Math.log10(step));
  return places >= 0 && Math.abs(step - 10 ** -places) < 1e-12 ? places : undefined;
}

const RO: Record<string, Message> = {
  required: (l, p) => (p.ticked ? `Bifați cel puțin o variantă la „${l}”.` : `Completați „${l}”.`),
  type: (l, p) => (p.type === 'number' || p.type === 'integer' ? `„${l}” trebuie să fie un număr${p.type === 'integer' ? ' întreg' : ''}.` : `„${l}” nu are forma cerută.`),
  minLength: (l, p) => (p.limit === 1 ? `Completați „${l}”.` : `„${l}” trebuie să aibă cel puțin ${p.limit} caractere.`),
  maxLength: (l, p) => `„${l}” poate avea cel mult ${p.limit} caractere.`,
  pattern: (l) => `„${l}” nu are forma cerută.`,
  minimum: (l, p) => `„${l}” trebuie să fie cel puțin ${p.limit}.`,
  maximum: (l, p) => `„${l}” poate fi cel mult ${p.limit}.`,
  exclusiveMinimum: (l, p) => `„${l}” trebuie să fie mai mare decât ${p.limit}.`,
  exclusiveMaximum: (l, p) => `„${l}” trebuie să fie mai mic decât ${p.limit}.`,
  enum: (l) => `Alegeți una dintre variantele propuse pentru „${l}”.`,
  const: (l, p) => (p.allowedValue === true ? `Bifați „${l}”.` : `Alegeți una dintre variantele propuse pentru „${l}”.`),
  formatMinimum: (l, p) => `„${l}” trebuie să fie cel mai devreme ${limitText(p.limit, 'ro')}.`,
  formatMaximum: (l, p) => `„${l}” trebuie să fie cel târziu ${limitText(p.limit, 'ro')}.`,
  formatExclusiveMinimum: (l, p) => `„${l}” trebuie să fie după ${limitText(p.limit, 'ro')}.`,
  formatExclusiveMaximum: (l, p) => `„${l}” trebuie să fie înainte de ${limitText(p.limit, 'ro')}.`,
  oneOf: (l) => `Alegeți una dintre variantele propuse pentru „${l}”.`,
  anyOf: (l) => `Alegeți una dintre variantele propuse pentru „${l}”.`,
  multipleOf: (l, p) => {
    const places = decimals(p.multipleOf);
    if (places === 0) return `„${l}” trebuie să fie un număr întreg.`;
    if (places) return `„${l}” poate avea cel mult ${places === 1 ? 'o zecimală' : `${places} zecimale`}.`;
    return `„${l}” trebuie să fie un multiplu de ${String(p.multipleOf).replace('.', ',')}.`;
  },
  minItems: (l, p) => (p.ticked ? `Bifați cel puțin ${p.limit === 1 ? 'o variantă' : `${p.limit} variante`} la „${l}”.` : `Adăugați cel puțin ${p.limit} ${p.limit === 1 ? 'element' : 'elemente'} la „${l}”.`),
  maxItems: (l, p) => `„${l}” poate avea cel mult ${p.limit} elemente.`,
  additionalProperties: (_l, p) => `Câmpul „${String(p.additionalProperty)}” nu face parte din formular.`,
  dependentRequired: (l, p) => `Completați „${l}” atunci când ați completat „${String(p.property)}”.`,
  format: (l) => `„${l}” nu are forma cerută.`,
};

const EN: Record<string, Message> = {
  required: (l, p) => (p.ticked ? `Tick at least one option for “${l}”.` : `Fill in “${l}”.`),
  type: (l, p) => (p.type === 'number' || p.type === 'integer' ? `“${l}” must be a ${p.type === 'integer' ? 'whole ' : ''}number.` : `“${l}” is not in the expected form.`),
  minLength: (l, p) => (p.limit === 1 ? `Fill in “${l}”.` : `“${l}” must have at least ${p.limit} characters.`),
  maxLength: (l, p) => `“${l}” can have at most ${p.limit} characters.`,
  pattern: (l) => `“${l}” is not in the expected form.`,
  minimum: (l, p) => `“${l}” must be at least ${p.limit}.`,
  maximum: (l, p) => `“${l}” can be at most ${p.limit}.`,
  exclusiveMinimum: (l, p) => `“${l}” must be more than ${p.limit}.`,
  exclusiveMaximum: (l, p) => `“${l}” must be less than ${p.limit}.`,
  enum: (l) => `Choose one of the options for “${l}”.`,
  const: (l, p) => (p.allowedValue === true ? `Tick “${l}”.` : `Choose one of the options for “${l}”.`),
  formatMinimum: (l, p) => `“${l}” must be ${limitText(p.limit, 'en')} or later.`,
  formatMaximum: (l, p) => `“${l}” must be ${limitText(p.limit, 'en')} or earlier.`,
  formatExclusiveMinimum: (l, p) => `“${l}” must be after ${limitText(p.limit, 'en')}.`,
  formatExclusiveMaximum: (l, p) => `“${l}” must be before ${limitText(p.limit, 'en')}.`,
  oneOf: (l) => `Choose one of the options for “${l}”.`,
  anyOf: (l) => `Choose one of the options for “${l}”.`,
  multipleOf: (l, p) => {
    const places = decimals(p.multipleOf);
    if (places === 0) return `“${l}” must be a whole number.`;
    if (places) return `“${l}” can have at most ${places} decimal ${places === 1 ? 'place' : 'places'}.`;
    return `“${l}” must be a multiple of ${String(p.multipleOf)}.`;
  },
  minItems: (l, p) => (p.ticked ? `Tick at least ${p.limit} ${p.limit === 1 ? 'option' : 'options'} for “${l}”.` : `Add at least ${p.limit} ${p.limit === 1 ? 'item' : 'items'} to “${l}”.`),
  maxItems: (l, p) => `“${l}” can have at most ${p.limit} items.`,
  additionalProperties: (_l, p) => `The field “${String(p.additionalProperty)}” is not part of this form.`,
  dependentRequired: (l, p) => `Fill in “${l}” when “${String(p.property)}” is filled in.`,
  format: (l) => `“${l}” is not in the expected form.`,
};

export function messageFor(keyword: string, label: string, params: Params, lang: Lang): string {
  if (keyword === 'format' && typeof params.format === 'string' && FORMAT[params.format]) return FORMAT[params.format]![lang];
  const table = lang === 'ro' ? RO : EN;
  return (table[keyword] ?? table.format!)(label, params);
}
