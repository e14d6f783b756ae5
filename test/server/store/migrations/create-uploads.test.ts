import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { down, up } from '../../../../server/store/migrations/20261203100000_create_uploads.ts';
import { createUser } from '../../../../server/auth/users.ts';
import { useTestDatabase } from '../../../support/database.ts';

describe('the migration creating uploads', () => {
  const t = useTestDatabase();

  describe('when requests already hold file records with stored names', () => {
    it('turns the server\'s own stored names into rows named by id, and drops any other name', async () => {
      // given the tables before the migration, a request with one genuine and one forged record, and a completion answer
      const knex = { raw: (sql: string, params?: unknown[]) => { let n = 0; return t.db.query(sql.replace(/\?/g, () => `$${++n}`), params); } } as unknown as Knex;
      await down(knex);
      const at = new Date('2026-03-02T08:00:00Z');
      const citizen = await createUser(t.db, { email: 'maria@exemplu.ro', role: 'citizen' }, at);
      const genuine = { storedName: `${'ab'.repeat(16)}.pdf`, originalName: 'act.pdf', mediaType: 'application/pdf', size: 40, sha256: 'c'.repeat(64) };
      const forged = { storedName: '../../../../etc/passwd', originalName: 'x', mediaType: 'text/plain', size: 1, sha256: 'd'.repeat(64) };
      const answered = { storedName: `${'ef'.repeat(16)}.png`, originalName: 'stalp.png', mediaType: 'image/png', size: 12, sha256: 'e'.repeat(64) };
      const id = randomUUID();
      await t.db.query(
        `insert into requests (id, instance_id, procedure_key, definition_id, citizen_id, register, reg_year, reg_number, registration_number, secret_hash, data, submitted_at)
         values ($1, $2, 'petitie', $3, $4, 'general', 2026, 1, '1/02.03.2026', 'h', $5, $6)`,
        [id, randomUUID(), randomUUID(), citizen.id, JSON.stringify({ nume: 'Maria', anexe: [genuine, forged] }), at],
      );
      await t.db.query('insert into completion_requests (id, request_id, message, requested_at, answered_at, answer) values ($1, $2, $3, $4, $4, $5)',
        [randomUUID(), id, 'Fotografia, vă rog.', at, JSON.stringify({ text: 'Iată.', files: [answered] })]);
      // when the migration runs
      await up(knex);
      // then each genuine record is a row attached to the request, owned by its citizen
      const rows = await t.db.query<{ id: string; stored_name: string; owner_id: string; request_id: string }>('select id, stored_name, owner_id, request_id from uploads order by stored_name');
      expect(rows.map((r) => [r.stored_name, r.owner_id, r.request_id])).to.deep.equal([[genuine.storedName, citizen.id, id], [answered.storedName, citizen.id, id]]);
      // and the data names them by id, with no stored name left, and without the forged one
      const [request] = await t.db.query<{ data: { anexe: unknown[] } }>('select data from requests where id = $1', [id]);
      expect(request!.data.anexe).to.deep.equal([{ id: rows[0]!.id, originalName: 'act.pdf', mediaType: 'application/pdf', size: 40, sha256: 'c'.repeat(64) }]);
      const [completion] = await t.db.query<{ answer: { files: unknown[] } }>('select answer from completion_requests');
      expect(completion!.answer.files).to.deep.equal([{ id: rows[1]!.id, originalName: 'stalp.png', mediaType: 'image/png', size: 12, sha256: 'e'.repeat(64) }]);
    });
  });
});
