import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

/**
 * Uploads get a row each: owner, purpose, the server's stored name, and the request they are
 * attached to (null until then). Data no longer carries stored names; records name a row by id.
 *
 * Backfill: file records already in requests (their data, their instance's variables, their
 * completion answers) whose stored name is one the server generates (`^[0-9a-f]{32}\.[a-z]+$`)
 * become rows attached to that request, owned by its citizen, and the records become
 * `{ id, originalName, mediaType, size, sha256 }`. A record with any other stored name was never
 * written by the server (it came from a client): it is dropped from the data.
 */
const STORED_NAME = /^[0-9a-f]{32}\.[a-z]+$/;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create table uploads (
    id uuid primary key,
    owner_id uuid not null,
    purpose text not null,
    stored_name text not null unique,
    original_name text not null,
    media_type text not null,
    size bigint not null check (size >= 0),
    sha256 text not null,
    created_at timestamptz not null,
    request_id uuid
  )`);
  // Attached files are read by request; orphans are swept by age.
  await knex.raw('create index uploads_request on uploads (request_id) where request_id is not null');
  await knex.raw('create index uploads_orphans on uploads (created_at) where request_id is null');

  const requests = await rows(knex, `select id, instance_id, citizen_id, data, submitted_at from requests r
    where r.data::text like '%storedName%' or exists (select 1 from completion_requests c where c.request_id = r.id and c.answer::text like '%storedName%')`) as Array<{ id: string; instance_id: string; citizen_id: string | null; data: unknown; submitted_at: Date }>;
  for (const request of requests) {
    const made = new Map<string, { id: string; originalName: string; mediaType: string; size: number; sha256: string }>();
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.flatMap((v) => (isRecord(v) && !STORED_NAME.test(String(v.storedName)) ? [] : [rewrite(v)]));
      if (!value || typeof value !== 'object') return value;
      const v = value as Record<string, unknown>;
      if (isRecord(v)) {
        const name = String(v.storedName);
        if (!STORED_NAME.test(name)) return null;
        let record = made.get(name);
        if (!record) {
          record = { id: randomUUID(), originalName: String(v.originalName ?? 'fișier'), mediaType: String(v.mediaType ?? 'application/octet-stream'), size: Number(v.size) || 0, sha256: String(v.sha256) };
          made.set(name, record);
        }
        return record;
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x)]));
    };
    const data = rewrite(request.data);
    const answers = await rows(knex, 'select id, answer from completion_requests where request_id = ? and answer is not null', [request.id]) as Array<{ id: string; answer: unknown }>;
    const [instance] = await rows(knex, 'select variables from instances where id = ?', [request.instance_id]) as Array<{ variables: unknown }>;
    const variables = instance ? rewrite(instance.variables) : undefined;
    const rewritten = answers.map((a) => ({ id: a.id, answer: rewrite(a.answer) }));
    await knex.raw('update requests set data = ?::jsonb where id = ?', [JSON.stringify(data), request.id]);
    if (instance) await knex.raw('update instances set variables = ?::jsonb where id = ?', [JSON.stringify(variables), request.instance_id]);
    for (const a of rewritten) await knex.raw('update completion_requests set answer = ?::jsonb where id = ?', [JSON.stringify(a.answer), a.id]);
    for (const [name, r] of made) {
      await knex.raw(
        'insert into uploads (id, owner_id, purpose, stored_name, original_name, media_type, size, sha256, created_at, request_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (stored_name) do nothing',
        [r.id, request.citizen_id ?? '00000000-0000-0000-0000-000000000000', 'migrated', name, r.originalName, r.mediaType, r.size, r.sha256, request.submitted_at, request.id],
      );
    }
  }
}

async function rows(knex: Knex, sql: string, params: unknown[] = []): Promise<unknown[]> {
  const result = (await knex.raw(sql, params as readonly Knex.RawBinding[] as Knex.RawBinding)) as { rows?: unknown[] } | unknown[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as Record<string, unknown>).storedName === 'string' && typeof (v as Record<string, unknown>).sha256 === 'string';
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table uploads');
}
