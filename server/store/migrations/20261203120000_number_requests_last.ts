import type { Knex } from 'knex';

/**
 * Registration numbers are taken last, just before commit (server/requests/submit-request.ts,
 * server/documents/issue-document.ts), so no expression, template or PDF runs while a register's
 * counter row is locked. A request row is written first without its number and numbered in the
 * same transaction: the number columns may be empty only inside that transaction, never once it
 * has committed. A document's PDF is printed after its transaction commits: `pdf_status` says
 * whether it is still to come ('pending', picked up again after a crash), made ('ready'), not
 * wanted because Chromium is not installed ('none') or failed for good ('failed').
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table requests alter column register drop not null, alter column reg_year drop not null,
    alter column reg_number drop not null, alter column registration_number drop not null, alter column secret_hash drop not null`);
  await knex.raw(`alter table documents add column pdf_status text not null default 'none'
    check (pdf_status in ('none', 'pending', 'ready', 'failed')), add column pdf_sha256 text`);
  await knex.raw(`update documents set pdf_status = 'ready', pdf_sha256 = sha256 where pdf is not null`);
  await knex.raw(`create index documents_pdf_pending on documents (issued_at) where pdf_status = 'pending'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index documents_pdf_pending');
  await knex.raw('alter table documents drop column pdf_status, drop column pdf_sha256');
  await knex.raw(`alter table requests alter column register set not null, alter column reg_year set not null,
    alter column reg_number set not null, alter column registration_number set not null, alter column secret_hash set not null`);
}
