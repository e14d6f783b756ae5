import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ARCHIVE_KEY, type FileStores } from './file-store.ts';
import { LocalFileStore } from './local-file-store.ts';
import { createS3Client, S3FileStore, type S3Settings } from './s3-file-store.ts';

/** Where files go: DOSAR_STORAGE=local (the default: folders under the data folder) or s3. */
export type StorageSettings =
  | { kind: 'local'; uploadsDir: string; documentsDir: string; archiveDir: string }
  | ({ kind: 's3' } & S3Settings);

/**
 * DOSAR_STORAGE=local keeps files in DOSAR_UPLOADS_DIR, DOSAR_DOCUMENTS_DIR and DOSAR_ARCHIVE_DIR
 * (default: `uploads`, `documents` and `archive` in the data folder).
 * DOSAR_STORAGE=s3 keeps them in one bucket under `uploads/`, `documents/` and `archive/`, with DOSAR_S3_BUCKET (required), DOSAR_S3_ENDPOINT, DOSAR_S3_REGION (default
 * us-east-1), DOSAR_S3_ACCESS_KEY_ID and DOSAR_S3_SECRET_ACCESS_KEY (else the SDK's own chain),
 * DOSAR_S3_PATH_STYLE=1 for stores that want the bucket in the path.
 */
export function storageFromEnv(env: NodeJS.ProcessEnv, dirs: { uploadsDir: string; dataDir: string }): StorageSettings {
  const kind = env.DOSAR_STORAGE ?? 'local';
  if (kind === 'local') {
    return { kind, uploadsDir: dirs.uploadsDir, documentsDir: env.DOSAR_DOCUMENTS_DIR ?? join(dirs.dataDir, 'documents'), archiveDir: resolve(env.DOSAR_ARCHIVE_DIR ?? join(dirs.dataDir, 'archive')) };
  }
  if (kind !== 's3') throw new Error(`DOSAR_STORAGE must be "local" or "s3"; got "${kind}"`);
  const bucket = env.DOSAR_S3_BUCKET;
  if (!bucket) throw new Error('DOSAR_STORAGE=s3 needs DOSAR_S3_BUCKET');
  const id = env.DOSAR_S3_ACCESS_KEY_ID;
  const secret = env.DOSAR_S3_SECRET_ACCESS_KEY;
  if (Boolean(id) !== Boolean(secret)) throw new Error('DOSAR_S3_ACCESS_KEY_ID and DOSAR_S3_SECRET_ACCESS_KEY go together');
  return {
    kind, bucket,
    region: env.DOSAR_S3_REGION ?? 'us-east-1',
    forcePathStyle: env.DOSAR_S3_PATH_STYLE === '1',
    ...(env.DOSAR_S3_ENDPOINT ? { endpoint: env.DOSAR_S3_ENDPOINT } : {}),
    ...(id && secret ? { credentials: { accessKeyId: id, secretAccessKey: secret } } : {}),
  };
}

export function openStorage(s: StorageSettings): FileStores {
  if (s.kind === 'local') return { uploads: new LocalFileStore(s.uploadsDir), documents: new LocalFileStore(s.documentsDir), archive: new LocalFileStore(s.archiveDir, ARCHIVE_KEY) };
  const client = createS3Client(s);
  return {
    uploads: new S3FileStore(client, s.bucket, 'uploads/'),
    documents: new S3FileStore(client, s.bucket, 'documents/'),
    archive: new S3FileStore(client, s.bucket, 'archive/', ARCHIVE_KEY),
  };
}

/** A new key for a file: random, chosen here, never from a client (FILE_KEY). */
export function newFileKey(extension: string): string {
  return `${randomBytes(16).toString('hex')}.${/^[a-z0-9]+$/.test(extension) ? extension : 'bin'}`;
}
