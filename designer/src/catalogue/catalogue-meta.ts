/**
 * The catalogue data of a procedure (server/procedures/package.ts ProcedureMeta) as the catalogue tab
 * edits it: plain text fields, read from the stored meta and written back over it, so the fields the
 * tab does not show (register, requestForm, answerTemplate, sources…) are kept.
 */

export interface Bilingual {
  ro: string;
  en: string;
}

export interface CatalogueFields {
  title: Bilingual;
  summary: Bilingual;
  legalBasis: string;
  legalTerm: Bilingual;
  fee: { charged: boolean; amount: string; currency: string };
  documents: Bilingual[];
}

/** A field the tab shows: title, summary, legalBasis, legalTerm, fee-amount, fee-currency, document-<i>. */
export interface CatalogueProblem {
  field: string;
  message: string;
}

const TEXTS = {
  ro: {
    roMissing: 'Completați și textul în română: cetățenii îl văd întâi pe acesta.',
    basisMissing: 'Indicați temeiul legal: orice termen arătat cetățenilor își citează sursa.',
    amount: 'Suma este un număr mai mare decât zero, cu cel mult două zecimale (ex.: 10 sau 12,50).',
    currency: 'Moneda are trei litere mari (ex.: RON, EUR).',
  },
  en: {
    roMissing: 'Fill in the Romanian text too: citizens see it first.',
    basisMissing: 'Give the legal basis: every legal term shown to citizens cites its source.',
    amount: 'The amount is a number above zero with at most two decimals (e.g. 10 or 12.50).',
    currency: 'The currency is three capital letters (e.g. RON, EUR).',
  },
};

export const DEFAULT_CURRENCY = 'RON';

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const bilingual = (v: unknown): Bilingual => {
  if (typeof v === 'string') return { ro: v, en: '' };
  const o = (v && typeof v === 'object' ? v : {}) as { ro?: unknown; en?: unknown };
  return { ro: str(o.ro), en: str(o.en) };
};

/** The tab's fields from stored catalogue data (missing parts empty). */
export function fieldsOf(meta: Record<string, unknown> | undefined): CatalogueFields {
  const m = meta ?? {};
  const fee = (m.fee && typeof m.fee === 'object' ? m.fee : undefined) as { amount?: unknown; currency?: unknown } | undefined;
  return {
    title: bilingual(m.title),
    summary: bilingual(m.summary),
    legalBasis: str(m.legalBasis),
    legalTerm: bilingual(m.legalTerm),
    fee: fee
      ? { charged: true, amount: typeof fee.amount === 'number' ? String(fee.amount) : str(fee.amount), currency: str(fee.currency) || DEFAULT_CURRENCY }
      : { charged: false, amount: '', currency: DEFAULT_CURRENCY },
    documents: Array.isArray(m.documents) ? m.documents.map(bilingual) : [],
  };
}

/** "10", "10.5", "12,50" → 10, 10.5, 12.5; anything else undefined. */
function parseAmount(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(t)) return undefined;
  const n = Number(t);
  return n > 0 ? n : undefined;
}

/** What is wrong with the fields, each problem on its field. */
export function checkCatalogue(fields: CatalogueFields, lang: 'ro' | 'en'): CatalogueProblem[] {
  const text = TEXTS[lang];
  const problems: CatalogueProblem[] = [];
  const pair = (field: string, value: Bilingual) => {
    if (!value.ro.trim() && value.en.trim()) problems.push({ field, message: text.roMissing });
  };
  pair('title', fields.title);
  pair('summary', fields.summary);
  pair('legalTerm', fields.legalTerm);
  if ((fields.legalTerm.ro.trim() || fields.legalTerm.en.trim()) && !fields.legalBasis.trim()) problems.push({ field: 'legalBasis', message: text.basisMissing });
  if (fields.fee.charged) {
    if (parseAmount(fields.fee.amount) === undefined) problems.push({ field: 'fee-amount', message: text.amount });
    if (!/^[A-Z]{3}$/.test(fields.fee.currency.trim().toUpperCase())) problems.push({ field: 'fee-currency', message: text.currency });
  }
  fields.documents.forEach((d, i) => pair(`document-${i}`, d));
  return problems;
}

/**
 * The catalogue data to deploy: `base` (the stored meta) with the fields over it. Empty optional parts
 * are left out; an English text left empty repeats the Romanian one; an empty title keeps the base's
 * title, else `fallbackTitle` (the process name), since the server replaces untitled data wholesale.
 */
export function metaOf(fields: CatalogueFields, base: Record<string, unknown>, fallbackTitle: string): Record<string, unknown> {
  const meta: Record<string, unknown> = { ...base };
  const both = (v: Bilingual): Bilingual | undefined => {
    const ro = v.ro.trim();
    const en = v.en.trim();
    return ro ? { ro, en: en || ro } : undefined;
  };
  const set = (name: string, value: unknown) => {
    if (value === undefined) delete meta[name];
    else meta[name] = value;
  };
  const baseTitle = both(bilingual(base.title));
  meta.title = both(fields.title) ?? baseTitle ?? { ro: fallbackTitle, en: fallbackTitle };
  set('summary', both(fields.summary));
  set('legalBasis', fields.legalBasis.trim() || undefined);
  set('legalTerm', both(fields.legalTerm));
  const amount = parseAmount(fields.fee.amount);
  meta.fee = fields.fee.charged && amount !== undefined ? { amount, currency: fields.fee.currency.trim().toUpperCase() } : null;
  meta.documents = fields.documents.map(both).filter((d): d is Bilingual => d !== undefined);
  return meta;
}
