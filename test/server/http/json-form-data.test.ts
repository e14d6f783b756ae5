import { expect } from 'chai';
import { jsonFormData } from '../../../server/http/json-form-data.ts';

describe('jsonFormData', () => {
  const form = { type: 'object', properties: { nume: { type: 'string' } } };

  it('takes the body as the form data', () => {
    expect(jsonFormData({ nume: 'Ana' }, form)).to.deep.equal({ nume: 'Ana' });
  });

  it('takes the object inside { data }', () => {
    expect(jsonFormData({ data: { nume: 'Ana' } }, form)).to.deep.equal({ nume: 'Ana' });
    expect(jsonFormData({ data: { x: 1 } }, undefined)).to.deep.equal({ x: 1 });
  });

  it('keeps the body as it is when the form has a field named data, or data is not alone or not an object', () => {
    const withData = { type: 'object', properties: { data: { type: 'object' } } };
    expect(jsonFormData({ data: { a: 1 } }, withData)).to.deep.equal({ data: { a: 1 } });
    expect(jsonFormData({ data: { a: 1 }, nume: 'Ana' }, form)).to.deep.equal({ data: { a: 1 }, nume: 'Ana' });
    expect(jsonFormData({ data: 'text' }, form)).to.deep.equal({ data: 'text' });
    expect(jsonFormData({ data: [1] }, form)).to.deep.equal({ data: [1] });
    expect(jsonFormData([{ data: {} }], form)).to.deep.equal([{ data: {} }]);
  });
});
