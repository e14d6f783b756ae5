import { expect } from 'chai';
import { applyRowAction, parseFormPost, renderForm, validateForm, type JsonSchema } from '../../../forms/index.ts';

const schema: JsonSchema = {
  type: 'object',
  required: ['nume'],
  properties: {
    nume: { type: 'string', title: 'Nume' },
    copii: { type: 'integer', title: 'Copii' },
    suma: { type: 'number', title: 'Suma' },
    acord: { type: 'boolean', title: 'Acord' },
    adresa: { type: 'object', properties: { strada: { type: 'string' }, numar: { type: 'integer' } } },
  },
};

describe('parseFormPost', () => {
  it('rebuilds nested objects and the schema types from a form post', () => {
    const { data, action } = parseFormPost(schema, { _csrf: 'x', nume: 'Ana', copii: '2', suma: '12,5', acord: 'true', 'adresa[strada]': 'Lăpușneanu', 'adresa[numar]': '14' });
    expect(data).to.deep.equal({ nume: 'Ana', copii: 2, suma: 12.5, acord: true, adresa: { strada: 'Lăpușneanu', numar: 14 } });
    expect(action).to.deep.equal({ kind: 'submit' });
  });

  it('leaves out empty fields so required ones are reported, and reads an unchecked box as false', () => {
    const { data } = parseFormPost(schema, { nume: '  ' });
    expect(data).to.deep.equal({ acord: false });
    const result = validateForm(schema, data, { id: 'post', version: 1 });
    expect(result.valid).to.equal(false);
  });

  it('keeps a non-number as text so validation explains it', () => {
    const { data } = parseFormPost(schema, { nume: 'Ana', copii: 'doi' });
    const result = validateForm(schema, data, { id: 'post', version: 1 });
    expect(result.valid).to.equal(false);
    if (!result.valid) expect(result.errors[0]!.message).to.equal('„Copii” trebuie să fie un număr întreg.');
  });

  it('reads a step change and ignores prototype-pollution names', () => {
    const { data, action } = parseFormPost(schema, { nume: 'Ana', '__proto__[admin]': 'true', 'constructor[x]': '1', _step: '2' });
    expect(action).to.deep.equal({ kind: 'step', step: 2 });
    expect(Object.keys(data).sort()).to.deep.equal(['acord', 'nume']);
    expect(({} as Record<string, unknown>).admin).to.equal(undefined);
  });
});

describe('lists of rows', () => {
  const listSchema: JsonSchema = {
    type: 'object',
    properties: { membri: { type: 'array', title: 'Membrii familiei', items: { type: 'object', title: 'Membru', required: ['nume'], properties: { nume: { type: 'string', title: 'Nume' }, varsta: { type: 'integer', title: 'Vârsta' } } } } },
  };

  it('reads rows into an array and leaves out rows left empty', () => {
    const { data } = parseFormPost(listSchema, { 'membri[0][nume]': '', 'membri[1][nume]': 'Ion', 'membri[1][varsta]': '7' });
    expect(data).to.deep.equal({ membri: [{ nume: 'Ion', varsta: 7 }] });
  });

  it('adds and removes rows with submit buttons, so it works without JavaScript', () => {
    const added = parseFormPost(listSchema, { 'membri[0][nume]': 'Ana', _add: 'membri' });
    expect(added.action).to.deep.equal({ kind: 'add-row', field: 'membri' });
    expect(applyRowAction(added.data, added.action)).to.deep.equal({ membri: [{ nume: 'Ana' }, {}] });
    const removed = parseFormPost(listSchema, { 'membri[0][nume]': 'Ana', 'membri[1][nume]': 'Ion', _remove: 'membri.0' });
    expect(applyRowAction(removed.data, removed.action)).to.deep.equal({ membri: [{ nume: 'Ion' }] });
  });

  it('renders each row as a fieldset with its own remove button and one add button', () => {
    const html = renderForm(listSchema, { data: { membri: [{ nume: 'Ana' }, { nume: 'Ion' }] } });
    expect(html).to.match(/<fieldset class="array-row" id="f-membri-1">\s*<legend>Membru 2<\/legend>/);
    expect(html).to.include('name="membri[1][nume]" value="Ion"');
    expect(html).to.include('name="_remove" value="membri.1"');
    expect(html).to.include('name="_add" value="membri"');
  });
});
