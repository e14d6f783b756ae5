import { expect } from 'chai';
import { renderForm, type JsonSchema } from '../../../forms/index.ts';
import type { UiElement } from '../../../forms/render/ui-schema.ts';

const schema: JsonSchema = {
  type: 'object',
  required: ['nume'],
  properties: {
    nume: { type: 'string', title: 'Nume' },
    persoana: { type: 'string', title: 'Tip solicitant', oneOf: [{ const: 'fizica', title: 'Persoană fizică' }, { const: 'juridica', title: 'Persoană juridică' }] },
    cui: { type: 'string', title: 'CUI', format: 'cui' },
    mesaj: { type: 'string', title: 'Mesaj' },
    acord: { type: 'boolean', title: 'Acord' },
  },
};

const wizard: UiElement = {
  type: 'Categorization',
  elements: [
    { type: 'Category', label: { ro: 'Solicitant', en: 'Applicant' }, elements: [
      { type: 'Control', scope: '#/properties/nume' },
      { type: 'Control', scope: '#/properties/persoana' },
      { type: 'Control', scope: '#/properties/cui', rule: { effect: 'SHOW', condition: { scope: '#/properties/persoana', schema: { const: 'juridica' } } } },
    ] },
    { type: 'Category', label: { ro: 'Cerere', en: 'Request' }, elements: [
      { type: 'Control', scope: '#/properties/mesaj', options: { multi: true }, label: 'Ce solicitați?' },
      { type: 'Control', scope: '#/properties/acord' },
    ] },
  ],
};

describe('renderForm with a UI schema', () => {
  it('carries the page\'s control fields on every step and on the summary, and never as data', () => {
    const controls = { _idempotency: 'k-123', nume: 'not a control' };
    for (const step of [0, 1, 2]) {
      const html = renderForm(schema, { uiSchema: wizard, step, data: { nume: 'Ana' }, controls });
      expect(html, `step ${step}`).to.include('<input type="hidden" name="_idempotency" value="k-123">');
      expect(html, `step ${step}`).not.to.include('value="not a control"');
    }
  });

  it('shows one category per step with its position', () => {
    const html = renderForm(schema, { uiSchema: wizard, step: 0 });
    expect(html).to.include('Pasul 1 din 2: <strong>Solicitant</strong>');
    expect(html).to.include('id="f-nume"');
    expect(html).not.to.include('id="f-mesaj"');
    expect(html).to.include('name="_step" value="1"');
  });

  it('shows a control only while its SHOW rule matches', () => {
    expect(renderForm(schema, { uiSchema: wizard, step: 0, data: { persoana: 'fizica' } })).not.to.include('id="f-cui"');
    expect(renderForm(schema, { uiSchema: wizard, step: 0, data: { persoana: 'juridica' } })).to.include('id="f-cui"');
  });

  it('carries the answers of other steps in hidden inputs and offers Back', () => {
    const html = renderForm(schema, { uiSchema: wizard, step: 1, data: { nume: 'Ana', persoana: 'fizica' } });
    expect(html).to.include('<input type="hidden" name="nume" value="Ana">');
    expect(html).to.include('name="_step" value="0"');
    expect(html).to.match(/<textarea id="f-mesaj"/);
    expect(html).to.include('<label for="f-mesaj">Ce solicitați?</label>');
  });

  it('ends with a summary of every answer with links to change them', () => {
    const html = renderForm(schema, { uiSchema: wizard, step: 2, data: { nume: 'Ana', persoana: 'juridica', cui: 'RO18547290', mesaj: 'Aviz', acord: true }, stepHref: (i) => `/cerere?pas=${i}` });
    expect(html).to.include('Verificați răspunsurile înainte de trimitere');
    expect(html).to.include('<dt>Tip solicitant</dt><dd>Persoană juridică</dd>');
    expect(html).to.include('<dt>CUI</dt><dd>RO18547290</dd>');
    expect(html).to.include('href="/cerere?pas&#x3D;0"'); // handlebars escapes = in attributes; browsers decode it
    expect(html).to.include('name="_submit"');
  });

  it('disables a control under a DISABLE rule', () => {
    const ui: UiElement = { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/nume', rule: { effect: 'DISABLE', condition: { scope: '#/properties/acord', schema: { const: true } } } }] };
    expect(renderForm(schema, { uiSchema: ui, data: { acord: true } })).to.match(/id="f-nume"[^>]* disabled/);
    expect(renderForm(schema, { uiSchema: ui, data: { acord: false } })).not.to.match(/id="f-nume"[^>]* disabled/);
  });

  it('groups controls in a fieldset with its label as legend', () => {
    const ui: UiElement = { type: 'Group', label: 'Date personale', elements: [{ type: 'Control', scope: '#/properties/nume' }] };
    expect(renderForm(schema, { uiSchema: ui })).to.match(/<fieldset class="group"[^>]*>\s*<legend>Date personale<\/legend>/);
  });
});

describe('renderForm with conditional parts', () => {
  const conditional: JsonSchema = {
    type: 'object',
    properties: { persoana: { type: 'string', title: 'Tip', enum: ['fizica', 'juridica'] }, email: { type: 'string', title: 'E-mail' }, telefon: { type: 'string', title: 'Telefon' } },
    if: { properties: { persoana: { const: 'juridica' } }, required: ['persoana'] },
    then: { properties: { cui: { type: 'string', title: 'CUI', format: 'cui' } }, required: ['cui'] },
    dependentRequired: { email: ['telefon'] },
  };

  it('adds the then-part only when its condition holds', () => {
    expect(renderForm(conditional, { data: { persoana: 'fizica' } })).not.to.include('id="f-cui"');
    expect(renderForm(conditional, { data: { persoana: 'juridica' } })).to.match(/<label for="f-cui">CUI <span class="required"/);
  });

  it('marks a field required once the field it depends on is filled in', () => {
    expect(renderForm(conditional, { data: {} })).to.match(/<label for="f-telefon">Telefon<\/label>/);
    expect(renderForm(conditional, { data: { email: 'a@b.ro' } })).to.match(/<label for="f-telefon">Telefon <span class="required"/);
  });
});
