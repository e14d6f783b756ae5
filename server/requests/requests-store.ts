import { isUuid, type Database } from '../../engine/index.ts';
import type { Lang } from '../../forms/index.ts';
import type { RegistryNumber } from '../registry/registry.ts';

/** Storage of citizens' requests (table `requests`): submission, reading them back, the public status check. */

/** A citizen's request as stored: what was submitted, under which number, for which instance. */
export interface StoredRequest {
  id: string;
  instanceId: string;
  procedureKey: string;
  definitionId: string;
  citizenId: string | null;
  registrationNumber: string;
  data: Record<string, unknown>;
  lang: 'ro' | 'en';
  submittedAt: string;
}

interface RequestRow { id: string; instance_id: string; procedure_key: string; definition_id: string; citizen_id: string | null; registration_number: string; data: Record<string, unknown>; lang: 'ro' | 'en'; submitted_at: Date }

const COLUMNS = 'id, instance_id, procedure_key, definition_id, citizen_id, registration_number, data, lang, submitted_at';

function toRequest(r: RequestRow): StoredRequest {
  return { id: r.id, instanceId: r.instance_id, procedureKey: r.procedure_key, definitionId: r.definition_id, citizenId: r.citizen_id, registrationNumber: r.registration_number, data: r.data, lang: r.lang, submittedAt: new Date(r.submitted_at).toISOString() };
}

export async function requestById(db: Database, id: string): Promise<StoredRequest | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.query<RequestRow>(`select ${COLUMNS} from requests where id = $1`, [id]);
  return row ? toRequest(row) : undefined;
}

export async function requestOfInstance(db: Database, instanceId: string): Promise<StoredRequest | undefined> {
  const [row] = await db.query<RequestRow>(`select ${COLUMNS} from requests where instance_id = $1`, [instanceId]);
  return row ? toRequest(row) : undefined;
}

/** A citizen's requests, newest first (the newest 500). */
export async function requestsOfCitizen(db: Database, citizenId: string): Promise<StoredRequest[]> {
  return (await db.query<RequestRow>(`select ${COLUMNS} from requests where citizen_id = $1 order by submitted_at desc, reg_number desc limit 500`, [citizenId])).map(toRequest);
}

/** A numbered request: its row, its number in its register and the hash of its receipt's code. */
export interface NewRequest {
  id: string; instanceId: string; procedureKey: string; definitionId: string; citizenId: string; idempotencyKey?: string;
  data: Record<string, unknown>; lang: Lang; submittedAt: Date; number: RegistryNumber; secretHash: string;
}

/**
 * Numbered requests, all in one statement (a batch of submissions), as one JSON document: pg
 * escapes every element of an array parameter in JavaScript, which for the forms' data cost more
 * than PostgreSQL's parsing of it.
 */
export async function insertRequests(tx: Database, rows: NewRequest[]): Promise<void> {
  await tx.query(
    `insert into requests (id, instance_id, procedure_key, definition_id, citizen_id, idempotency_key, data, lang, submitted_at,
       register, reg_year, reg_number, registration_number, secret_hash)
     select * from jsonb_to_recordset($1::jsonb) as x(id uuid, instance_id uuid, procedure_key text, definition_id uuid, citizen_id uuid, idempotency_key text,
       data jsonb, lang text, submitted_at timestamptz, register text, reg_year int, reg_number int, registration_number text, secret_hash text)`,
    [JSON.stringify(rows.map((r) => ({
      id: r.id, instance_id: r.instanceId, procedure_key: r.procedureKey, definition_id: r.definitionId, citizen_id: r.citizenId, idempotency_key: r.idempotencyKey ?? null,
      data: r.data, lang: r.lang, submitted_at: r.submittedAt, register: r.number.register, reg_year: r.number.year, reg_number: r.number.number,
      registration_number: r.number.formatted, secret_hash: r.secretHash,
    })))],
    'dosar_insert_requests',
  );
}

/** A new receipt code for a registered request (the old one stops working). */
export async function replaceSecretHash(db: Database, id: string, secretHash: string): Promise<void> {
  await db.query('update requests set secret_hash = $2 where id = $1', [id, secretHash]);
}

export async function findByIdempotencyKey(db: Database, citizenId: string, key: string): Promise<{ id: string; instanceId: string; registrationNumber: string } | undefined> {
  const [row] = await db.query<{ id: string; instance_id: string; registration_number: string }>('select id, instance_id, registration_number from requests where citizen_id = $1 and idempotency_key = $2', [citizenId, key]);
  return row ? { id: row.id, instanceId: row.instance_id, registrationNumber: row.registration_number } : undefined;
}

/** Requests with this registration number (one per register), with their code hashes. */
export async function findByRegistrationNumber(db: Database, registrationNumber: string): Promise<Array<{ id: string; secretHash: string }>> {
  const rows = await db.query<{ id: string; secret_hash: string }>('select id, secret_hash from requests where registration_number = $1', [registrationNumber]);
  return rows.map((r) => ({ id: r.id, secretHash: r.secret_hash }));
}
