import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { assertFileKey, FILE_KEY, FileMissingError, type FileStore } from './file-store.ts';

export interface S3Settings {
  /** e.g. https://s3.eu-central-1.amazonaws.com or http://127.0.0.1:9000; absent: AWS's own endpoint for the region. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Absent: the SDK's usual chain (environment, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Bucket in the path (MinIO, Ceph, most self-hosted stores) rather than in the host name. */
  forcePathStyle: boolean;
}

/** The S3 client for these settings; one per process, shared by its stores. */
export function createS3Client(s: S3Settings): S3Client {
  return new S3Client({
    region: s.region,
    forcePathStyle: s.forcePathStyle,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    ...(s.credentials ? { credentials: s.credentials } : {}),
    // Checksums only where the API demands them: many S3-compatible stores refuse the SDK's
    // default streaming (aws-chunked) checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Files as objects of one bucket, under a prefix per kind of file (`uploads/`, `documents/`, `archive/`). */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;

  constructor(private readonly client: S3Client, private readonly bucket: string, private readonly prefix: string, private readonly keys: RegExp = FILE_KEY) {}

  private objectKey(key: string): string {
    assertFileKey(key, this.keys);
    return this.prefix + key;
  }

  async write(key: string, body: Buffer, mediaType?: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: body, ContentLength: body.length, ...(mediaType ? { ContentType: mediaType } : {}) }));
  }

  async moveIn(key: string, localPath: string, mediaType?: string): Promise<void> {
    const objectKey = this.objectKey(key);
    const { size } = await stat(localPath);
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: objectKey, Body: createReadStream(localPath), ContentLength: size, ...(mediaType ? { ContentType: mediaType } : {}) }));
    await unlink(localPath).catch(() => undefined);
  }

  async open(key: string): Promise<Readable> {
    try {
      const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return got.Body as Readable;
    } catch (err) {
      throw isMissing(err) ? new FileMissingError(key) : err;
    }
  }

  async read(key: string): Promise<Buffer> {
    const stream = await this.open(key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a key that is not there.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async *list(): AsyncIterable<{ key: string; modifiedAt: Date }> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ...(token ? { ContinuationToken: token } : {}) }));
      for (const o of page.Contents ?? []) {
        const key = o.Key?.slice(this.prefix.length);
        if (key && this.keys.test(key)) yield { key, modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}

function isMissing(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
