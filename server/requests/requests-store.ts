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

export async function insertRequest(tx: Database, r: { id: string; instanceId: string; procedureKey: string; definitionId: string; citizenId: string; idempotencyKey?: string; data: Record<string, unknown>; lang: Lang; submittedAt: Date }): Promise<void> {
  await tx.query(
    `insert into requests (id, instance_id, procedure_key, definition_id, citizen_id, idempotency_key, data, lang, submitted_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [r.id, r.instanceId, r.procedureKey, r.definitionId, r.citizenId, r.idempotencyKey ?? null, JSON.stringify(r.data), r.lang, r.submittedAt],
  );
}

/** Each request's number in its register, and the hash of the receipt's code that goes with it: one statement. */
export async function setRegistrations(tx: Database, rows: Array<{ id: string; number: RegistryNumber; secretHash: string }>): Promise<void> {
  await tx.query(
    `update requests r set register = x.register, reg_year = x.reg_year, reg_number = x.reg_number, registration_number = x.registration_number, secret_hash = x.secret_hash
     from unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[]) as x(id, register, reg_year, reg_number, registration_number, secret_hash)
     where r.id = x.id`,
    [rows.map((r) => r.id), rows.map((r) => r.number.register), rows.map((r) => r.number.year), rows.map((r) => r.number.number), rows.map((r) => r.number.formatted), rows.map((r) => r.secretHash)],
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
