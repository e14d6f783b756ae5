import { expect } from 'chai';
import { prefillFromAccount } from '../../../server/requests/prefill.ts';

const account = { name: 'Maria Ionescu', email: 'maria@exemplu.ro' };

describe('a citizen’s form prefilled from the account', () => {
  it('fills the name and e-mail fields the form has, by name, format or x-prefill', () => {
    expect(prefillFromAccount({ type: 'object', properties: { nume: { type: 'string' }, email: { type: 'string', format: 'email' }, subiect: { type: 'string' } } }, account))
      .to.deep.equal({ nume: 'Maria Ionescu', email: 'maria@exemplu.ro' });
    expect(prefillFromAccount({ type: 'object', properties: { solicitant: { type: 'string', 'x-prefill': 'name' }, contact: { type: 'string', format: 'email' } } }, account))
      .to.deep.equal({ solicitant: 'Maria Ionescu', contact: 'maria@exemplu.ro' });
  });

  it('does not fill fields of another type, or nested ones (a company’s representative is not the account)', () => {
    expect(prefillFromAccount({ type: 'object', properties: { nume: { type: 'object', properties: { nume: { type: 'string' } } }, email: { type: 'boolean' } } }, account)).to.deep.equal({});
  });
});
