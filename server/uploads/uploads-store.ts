import type { Database } from '../../engine/index.ts';

/** Storage of uploads (table `uploads`): one row per kept file, under a name only the server knows. */

/** A kept file as data refers to it (see uploads.ts). */
export interface UploadRecord {
  id: string;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

interface RecordRow { id: string; original_name: string; media_type: string; size: number | string; sha256: string }

const RECORD = 'id, original_name, media_type, size, sha256';

function toRecord(r: RecordRow): UploadRecord {
  return { id: r.id, originalName: r.original_name, mediaType: r.media_type, size: Number(r.size), sha256: r.sha256 };
}

export async function insertUpload(db: Database, u: UploadRecord & { ownerId: string; purpose: string; storedName: string; createdAt: Date }): Promise<void> {
  await db.query(
    'insert into uploads (id, owner_id, purpose, stored_name, original_name, media_type, size, sha256, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [u.id, u.ownerId, u.purpose, u.storedName, u.originalName, u.mediaType, u.size, u.sha256, u.createdAt],
  );
}

/** Deletes the rows of these uploads that nothing attached; returns their stored names. */
export async function deleteUnattached(db: Database, ids: string[]): Promise<string[]> {
  const gone = await db.query<{ stored_name: string }>('delete from uploads where id = any($1::uuid[]) and request_id is null returning stored_name', [ids]);
  return gone.map((g) => g.stored_name);
}

/**
 * Attaches to the request those of `ids` issued to this owner for this purpose and not attached
 * yet (compare-and-set), and returns their records; the caller checks that every one was.
 */
export async function attachToRequest(tx: Database, a: { requestId: string; ids: string[]; ownerId: string; purpose: string }): Promise<UploadRecord[]> {
  const rows = await tx.query<RecordRow>(
    `update uploads set request_id = $1 where id = any($2::uuid[]) and owner_id = $3 and purpose = $4 and request_id is null
     returning ${RECORD}`,
    [a.requestId, a.ids, a.ownerId, a.purpose],
  );
  return rows.map(toRecord);
}

/** Files attached to a request or to its completion answers, oldest first. */
export async function listAttached(db: Database, requestId: string): Promise<UploadRecord[]> {
  return (await db.query<RecordRow>(`select ${RECORD} from uploads where request_id = $1 order by created_at, id`, [requestId])).map(toRecord);
}

export async function findAttached(db: Database, requestId: string, uploadId: string): Promise<(UploadRecord & { storedName: string }) | undefined> {
  const [row] = await db.query<RecordRow & { stored_name: string }>(`select ${RECORD}, stored_name from uploads where id = $1 and request_id = $2`, [uploadId, requestId]);
  return row ? { ...toRecord(row), storedName: row.stored_name } : undefined;
}

/** Deletes uploads never attached, created before `before`, that no live draft refers to; returns their stored names. */
export async function deleteOrphans(db: Database, before: Date, now: Date): Promise<string[]> {
  const gone = await db.query<{ stored_name: string }>(
    `delete from uploads u where u.request_id is null and u.created_at < $1
       and not exists (select 1 from form_drafts d where d.expires_at > $2 and strpos(d.data::text, u.id::text) > 0)
     returning u.stored_name`,
    [before, now],
  );
  return gone.map((g) => g.stored_name);
}

/** Those of `names` that an upload row names (for the sweep of files without a row). */
export async function namedStoredNames(db: Database, names: string[]): Promise<Set<string>> {
  const rows = await db.query<{ stored_name: string }>('select stored_name from uploads where stored_name = any($1::text[])', [names]);
  return new Set(rows.map((r) => r.stored_name));
}
