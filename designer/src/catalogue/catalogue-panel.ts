import { h, uid } from '../dom.ts';
import { checkCatalogue, DEFAULT_CURRENCY, fieldsOf, metaOf, type Bilingual, type CatalogueFields, type CatalogueProblem } from './catalogue-meta.ts';

const TEXTS = {
  ro: {
    title: 'Date pentru catalog',
    intro: 'Ce văd cetățenii în catalogul procedurilor înainte să depună o cerere. Se publică odată cu diagrama.',
    name: 'Denumirea procedurii',
    summary: 'Descriere pe scurt',
    legal: 'Temei legal și termen',
    legalBasis: 'Temeiul legal (actul normativ)',
    legalBasisHint: 'Obligatoriu când indicați un termen legal.',
    legalTerm: 'Termenul legal, așa cum îl citesc cetățenii',
    fee: 'Taxă',
    charged: 'Se plătește o taxă',
    amount: 'Suma',
    currency: 'Moneda',
    documents: 'Documente necesare',
    noDocuments: 'Niciun document cerut.',
    addDocument: 'Adaugă un document',
    removeDocument: (n: number) => `Șterge documentul ${n}`,
    remove: 'Șterge',
    ro: 'în română',
    en: 'în engleză',
    document: (n: number) => `Documentul ${n}`,
  },
  en: {
    title: 'Catalogue',
    intro: 'What citizens see in the catalogue of procedures before they apply. Deployed with the diagram.',
    name: 'Name of the procedure',
    summary: 'Short description',
    legal: 'Legal basis and term',
    legalBasis: 'Legal basis (the law)',
    legalBasisHint: 'Required when you give a legal term.',
    legalTerm: 'The legal term, as citizens read it',
    fee: 'Fee',
    charged: 'A fee is charged',
    amount: 'Amount',
    currency: 'Currency',
    documents: 'Required documents',
    noDocuments: 'No document required.',
    addDocument: 'Add a document',
    removeDocument: (n: number) => `Remove document ${n}`,
    remove: 'Remove',
    ro: 'in Romanian',
    en: 'in English',
    document: (n: number) => `Document ${n}`,
  },
};

export interface CataloguePanel {
  /** Shows the stored catalogue data (none for a new procedure); the tab is no longer edited. */
  load(meta: Record<string, unknown> | undefined): void;
  /** Whether the analyst changed anything since the last load: a deploy must then carry the data. */
  edited(): boolean;
  fields(): CatalogueFields;
  /** Checks the fields and shows each problem beside its field. */
  check(): CatalogueProblem[];
  /** The catalogue data to deploy: `base` (the stored data) with the tab's fields over it. */
  meta(base: Record<string, unknown>, fallbackTitle: string): Record<string, unknown>;
}

/**
 * The catalogue data without JSON: name, summary, legal basis and term, fee and required documents,
 * each in Romanian and English, with their problems shown inline as the analyst types.
 */
export function createCataloguePanel(container: HTMLElement, lang: 'ro' | 'en'): CataloguePanel {
  const text = TEXTS[lang];
  let edited = false;
  const errors = new Map<string, { node: HTMLElement; inputs: HTMLElement[] }>();

  const error = (field: string, ...inputs: HTMLElement[]) => {
    const node = h('p', { className: 'dosar-form-error', id: `catalogue-${field}-error`, role: 'alert', 'data-field': field });
    for (const input of inputs) input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), node.id].filter(Boolean).join(' '));
    errors.set(field, { node, inputs });
    return node;
  };
  const input = (name: string, attrs: Record<string, string> = {}) => h('input', { type: 'text', name, id: uid(name), autocomplete: 'off', ...attrs });
  const area = (name: string, attrs: Record<string, string> = {}) => h('textarea', { name, id: uid(name), rows: '3', ...attrs });
  const labelled = (label: string, control: HTMLElement, hint?: HTMLElement) => h('div', { className: 'dosar-field-input' }, h('label', { for: control.id }, label), hint, control);

  /** A text in both languages: two controls side by side and one error line under them. */
  const pair = (field: string, legend: string, make: (name: string, attrs: Record<string, string>) => HTMLInputElement | HTMLTextAreaElement) => {
    const slug = field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const ro = make(`catalogue-${slug}-ro`, { lang: 'ro' });
    const en = make(`catalogue-${slug}-en`, { lang: 'en' });
    const node = h('fieldset', { className: 'dosar-catalogue-pair' }, h('legend', {}, legend),
      h('div', { className: 'dosar-field-grid' }, labelled(text.ro, ro), labelled(text.en, en)),
      error(field, ro, en));
    return { node, ro, en, get: (): Bilingual => ({ ro: ro.value, en: en.value }), set: (v: Bilingual) => { ro.value = v.ro; en.value = v.en; } };
  };

  const title = pair('title', text.name, input);
  const summary = pair('summary', text.summary, area);
  const basisHint = h('p', { className: 'dosar-hint', id: uid('catalogue-basis-hint') }, text.legalBasisHint);
  const legalBasis = input('catalogue-legal-basis', { 'aria-describedby': basisHint.id });
  const legalTerm = pair('legalTerm', text.legalTerm, area);
  const legal = h('fieldset', {}, h('legend', {}, text.legal),
    labelled(text.legalBasis, legalBasis, basisHint), error('legalBasis', legalBasis), legalTerm.node);

  const charged = h('input', { type: 'checkbox', name: 'catalogue-fee', id: uid('catalogue-fee') });
  const amount = input('catalogue-fee-amount', { inputmode: 'decimal' });
  const currency = input('catalogue-fee-currency', { maxlength: '3', size: '4', autocapitalize: 'characters' });
  const feeRow = h('div', { className: 'dosar-field-grid' }, labelled(text.amount, amount), labelled(text.currency, currency));
  const fee = h('fieldset', {}, h('legend', {}, text.fee),
    h('div', { className: 'dosar-field-check' }, charged, h('label', { for: charged.id }, text.charged)),
    feeRow, error('fee-amount', amount), error('fee-currency', currency));

  const documentList = h('ol', { className: 'dosar-catalogue-documents', id: 'catalogue-documents' });
  const noDocuments = h('p', { className: 'dosar-hint' }, text.noDocuments);
  const addDocument = h('button', { type: 'button', 'data-action': 'add-document' }, text.addDocument);
  const documents = h('fieldset', {}, h('legend', {}, text.documents), noDocuments, documentList, addDocument);

  const form = h('form', { className: 'dosar-catalogue-form', id: 'catalogue-form', novalidate: true, 'aria-labelledby': 'catalogue-title' },
    h('h2', { id: 'catalogue-title' }, text.title),
    h('p', { className: 'dosar-hint' }, text.intro),
    title.node, summary.node, legal, fee, documents);
  container.classList.add('dosar-catalogue');
  container.replaceChildren(form);

  let documentRows: Array<{ get(): Bilingual }> = [];
  function renderDocuments(values: Bilingual[]): void {
    for (const field of [...errors.keys()]) if (field.startsWith('document-')) errors.delete(field);
    documentRows = [];
    documentList.replaceChildren(...values.map((value, i) => {
      const ro = input('catalogue-document-ro', { lang: 'ro' });
      const en = input('catalogue-document-en', { lang: 'en' });
      ro.value = value.ro;
      en.value = value.en;
      const remove = h('button', { type: 'button', className: 'dosar-link', 'data-action': 'remove-document', 'aria-label': text.removeDocument(i + 1) }, text.remove);
      remove.addEventListener('click', () => {
        const kept = documentRows.map((r) => r.get()).filter((_, j) => j !== i);
        renderDocuments(kept);
        changed();
      });
      documentRows.push({ get: () => ({ ro: ro.value, en: en.value }) });
      return h('li', { 'data-document': String(i) },
        h('fieldset', { className: 'dosar-catalogue-pair' }, h('legend', {}, text.document(i + 1)),
          h('div', { className: 'dosar-field-grid' }, labelled(text.ro, ro), labelled(text.en, en)), remove,
          error(`document-${i}`, ro, en)));
    }));
    noDocuments.hidden = values.length > 0;
  }

  const syncFee = () => {
    amount.disabled = !charged.checked;
    currency.disabled = !charged.checked;
    feeRow.hidden = !charged.checked;
  };

  function fields(): CatalogueFields {
    return {
      title: title.get(),
      summary: summary.get(),
      legalBasis: legalBasis.value,
      legalTerm: legalTerm.get(),
      fee: { charged: charged.checked, amount: amount.value, currency: currency.value },
      documents: documentRows.map((r) => r.get()),
    };
  }

  function check(): CatalogueProblem[] {
    const problems = checkCatalogue(fields(), lang);
    for (const [field, { node, inputs }] of errors) {
      const problem = problems.find((p) => p.field === field);
      node.textContent = problem?.message ?? '';
      for (const i of inputs) i.setAttribute('aria-invalid', String(!!problem));
    }
    return problems;
  }

  function changed(): void {
    edited = true;
    check();
  }

  function load(meta: Record<string, unknown> | undefined): void {
    const f = fieldsOf(meta);
    title.set(f.title);
    summary.set(f.summary);
    legalBasis.value = f.legalBasis;
    legalTerm.set(f.legalTerm);
    charged.checked = f.fee.charged;
    amount.value = f.fee.amount;
    currency.value = f.fee.currency;
    syncFee();
    renderDocuments(f.documents);
    edited = false;
    check();
  }

  form.addEventListener('input', changed);
  form.addEventListener('submit', (event) => event.preventDefault());
  charged.addEventListener('change', () => {
    if (charged.checked && !currency.value.trim()) currency.value = DEFAULT_CURRENCY;
    syncFee();
    changed();
    if (charged.checked) amount.focus();
  });
  addDocument.addEventListener('click', () => {
    renderDocuments([...documentRows.map((r) => r.get()), { ro: '', en: '' }]);
    changed();
    documentList.querySelector<HTMLInputElement>('li:last-child input')?.focus();
  });

  load(undefined);
  return {
    load,
    edited: () => edited,
    fields,
    check,
    meta: (base, fallbackTitle) => metaOf(fields(), base, fallbackTitle),
  };
}
