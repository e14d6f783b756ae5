import { expect } from 'chai';
import { parseFormPost, validateForm, type JsonSchema } from '../../../forms/index.ts';

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
