import { expect } from 'chai';
import { parseFormPost, renderAnswers, renderForm, validateForm, type JsonSchema, type UiElement } from '../../../forms/index.ts';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    suma: { type: 'number', title: 'Suma' },
    acord: { type: 'boolean', title: 'Acord' },
    tip: { type: 'string', title: 'Tip', oneOf: [{ const: 'a', title: 'Alfa' }, { const: 'b', title: 'Beta' }] },
    acte: { type: 'array', title: 'Acte', 'x-upload': { maxFiles: 2 }, items: { type: 'object' } },
    vecini: { type: 'array', title: 'Vecini', items: { type: 'object', title: 'Vecin', properties: { nume: { type: 'string', title: 'Nume' } } } },
    adresa: { type: 'object', title: 'Adresa', properties: { strada: { type: 'string', title: 'Strada' } } },
  },
};

/** Each built-in widget's parts beyond drawing: its summary answer, how its post is read, its place's hints. */
describe('built-in form widgets', () => {
  it('answer on the summary in their own words: a tick, the chosen label, the files’ names, each row', () => {
    const data = { suma: 12.5, acord: true, tip: 'b', acte: [{ originalName: 'a.pdf' }, { originalName: 'b.png' }], vecini: [{ nume: 'Ion' }], adresa: { strada: 'Lungă' } };
    expect(renderAnswers(schema, data)).to.deep.equal([
      { label: 'Suma', value: '12.5' }, { label: 'Acord', value: '✓' }, { label: 'Tip', value: 'Beta' },
      { label: 'Acte', value: 'a.pdf, b.png' }, { label: 'Vecin 1: Nume', value: 'Ion' }, { label: 'Strada', value: 'Lungă' },
    ]);
    expect(renderAnswers(schema, {}).filter((a) => ['Acord', 'Tip', 'Acte', 'Suma'].includes(a.label)).map((a) => a.value)).to.deep.equal(['—', '—', '—', '—']);
  });

  it('tick a yes/no box whose schema default is true until the reader answers, and keep an answered no', () => {
    const defaults: JsonSchema = { type: 'object', properties: { da: { type: 'boolean', title: 'Da', default: true }, nu: { type: 'boolean', title: 'Nu', default: false }, fara: { type: 'boolean', title: 'Fără' } } };
    const fresh = renderForm(defaults, {});
    expect(fresh).to.match(/id="f-da"[^>]*checked/);
    expect(fresh).not.to.match(/id="f-nu"[^>]*checked/).and.not.to.match(/id="f-fara"[^>]*checked/);
    // after a refused post the clerk's unticked answer stays unticked
    expect(renderForm(defaults, { data: { da: false } })).not.to.match(/id="f-da"[^>]*checked/);
  });

  it('read a post: a decimal comma, an unchecked box as false, nested names into objects and rows', () => {
    expect(parseFormPost(schema, { suma: '12,5', tip: 'a', 'adresa[strada]': 'Lungă', 'vecini[0][nume]': 'Ion' }).data)
      .to.deep.equal({ suma: 12.5, tip: 'a', adresa: { strada: 'Lungă' }, vecini: [{ nume: 'Ion' }], acord: false });
  });

  it('offer several choices as a box each, posted under the option\'s index, read back as a list, and carried between steps', () => {
    const several: JsonSchema = { type: 'object', properties: {
      anexe: { type: 'array', title: 'Anexe', uniqueItems: true, items: { type: 'string', oneOf: [{ const: 'ci', title: 'Carte de identitate' }, { const: 'plan', title: 'Plan de situație' }, { const: 'cf', title: 'Extras CF' }] } },
      etaje: { type: 'array', title: 'Etaje', items: { type: 'integer', enum: [1, 2, 3] } },
    } };
    const html = renderForm(several, { data: { anexe: ['plan'] } });
    expect(html).to.match(/<fieldset class="field" id="f-anexe">\s*<legend>Anexe/);
    expect(html).to.contain('name="anexe[0]" value="ci">').and.to.contain('name="anexe[1]" value="plan" checked>');
    const { data } = parseFormPost(several, { 'anexe[0]': 'ci', 'anexe[2]': 'cf', 'etaje[2]': '3' });
    expect(data).to.deep.equal({ anexe: ['ci', 'cf'], etaje: [3] });
    expect(renderAnswers(several, data)).to.deep.equal([{ label: 'Anexe', value: 'Carte de identitate, Extras CF' }, { label: 'Etaje', value: '3' }]);
    expect(parseFormPost(several, {}).data).to.deep.equal({});
    const must = { ...several, required: ['anexe'], properties: { ...(several.properties as object), etaje: { type: 'array', title: 'Etaje', minItems: 2, items: { type: 'integer', enum: [1, 2, 3] } } } };
    const refused = validateForm(must, { etaje: [1] }, { id: 'choices', version: 1, lang: 'ro' });
    expect(refused.valid ? [] : refused.errors.map((e) => e.message)).to.deep.equal(['Bifați cel puțin o variantă la „Anexe”.', 'Bifați cel puțin 2 variante la „Etaje”.']);
    // another step's page carries the answer in hidden inputs, which read back the same
    const hidden = [...renderForm({ ...several, properties: { ...(several.properties as object), alt: { type: 'string' } } }, { data, uiSchema: { type: 'Categorization', elements: [{ type: 'Category', label: 'Unu', elements: [{ type: 'Control', scope: '#/properties/alt' }] }, { type: 'Category', label: 'Doi', elements: [{ type: 'Control', scope: '#/properties/anexe' }] }] } as UiElement })
      .matchAll(/type="hidden" name="(anexe\[\d\])" value="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    expect(parseFormPost(several, Object.fromEntries(hidden)).data.anexe).to.deep.equal(['ci', 'cf']);
  });

  it('draw a number as a text area when its Control asks for multi, and still read it as a number', () => {
    const ui: UiElement = { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/suma', options: { multi: true } }] };
    expect(renderForm(schema, { uiSchema: ui, data: { suma: 3 } })).to.contain('<textarea id="f-suma" name="suma" rows="5">3</textarea>');
    expect(parseFormPost(schema, { suma: '3' }).data.suma).to.equal(3);
  });

  it('make the form multipart only when a file widget is on the page', () => {
    expect(renderForm(schema)).to.contain('enctype="multipart/form-data"').and.to.contain('accept="application/pdf,image/png,image/jpeg" multiple');
    expect(renderForm({ type: 'object', properties: { suma: { type: 'number' } } })).not.to.contain('enctype');
  });
});
