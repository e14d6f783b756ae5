import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '../../server/storage/s3-file-store.ts';

/** A local S3-compatible server (s3rver) on 127.0.0.1 and a free port, with one empty bucket. */
export interface TestS3 {
  settings: S3Settings;
  close(): Promise<void>;
}

export async function startTestS3(bucket = 'dosar-test'): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), 'dosar-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    settings: { endpoint: `http://127.0.0.1:${port}`, bucket, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
