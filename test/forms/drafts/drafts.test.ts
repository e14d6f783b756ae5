import { expect } from 'chai';
import { DraftStore, hashDraftToken } from '../../../forms/index.ts';
import { useTestDatabase } from '../../support/database.ts';

describe('DraftStore', () => {
  const t = useTestDatabase();
  const now = new Date('2026-03-02T08:00:00Z');

  it('resumes a saved draft by its private token, on any device', async () => {
    const drafts = new DraftStore(t.db);
    const { token, expiresAt } = await drafts.save('petitie', { nume: 'Ana' }, 1, now);
    expect(expiresAt).to.equal('2026-04-01T08:00:00.000Z');
    expect(await drafts.load('petitie', token, now)).to.deep.include({ step: 1, data: { nume: 'Ana' } });
  });

  it('stores only the hash of the token', async () => {
    const drafts = new DraftStore(t.db);
    const { token } = await drafts.save('petitie', { nume: 'Ana' }, 0, now);
    const rows = await t.db.query<{ token_hash: string }>('select token_hash from form_drafts');
    expect(rows.map((r) => r.token_hash)).to.deep.equal([hashDraftToken(token)]);
  });

  it("does not open an expired draft, another form's draft or a guessed token", async () => {
    const drafts = new DraftStore(t.db);
    const { token } = await drafts.save('petitie', { nume: 'Ana' }, 0, now);
    expect(await drafts.load('petitie', token, new Date('2026-04-02T00:00:00Z'))).to.equal(undefined);
    expect(await drafts.load('autorizatie', token, now)).to.equal(undefined);
    expect(await drafts.load('petitie', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, now)).to.equal(undefined);
  });
});
