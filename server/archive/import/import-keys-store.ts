import type { Database } from '../../../engine/index.ts';

const CHUNK = 5000;

/** The SHA-256 of the document last imported under each import key (the file's real path). */
export async function importedHashes(db: Database, keys: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db.query<{ import_key: string; sha256: string }>(
      'select import_key, sha256 from archive_documents where import_key = any($1::text[])',
      [keys.slice(i, i + CHUNK)],
    );
    for (const row of rows) found.set(row.import_key, row.sha256);
  }
  return found;
}
