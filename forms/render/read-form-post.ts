import busboy from 'busboy';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../engine/index.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discardFiles, sniffMediaType, type ReceivedFile } from '../uploads/uploads.ts';

/**
 * Reads an HTML form post, urlencoded or multipart, into flat fields (names kept as sent, e.g.
 * `adresa[strada]`) and files per field. Files are streamed into temporary files as their bytes
 * arrive (hashed and sniffed on the way), so no file is ever held in memory; limits are checked as
 * bytes arrive, and bytes beyond a limit are read and dropped, never written.
 */
export interface FormPost {
  fields: Record<string, string>;
  /** Temporary files: the caller keeps them or deletes them (discardFiles), whatever happens. */
  files: Record<string, ReceivedFile[]>;
  /** Set when a limit was hit: the post must be refused with this reason. */
  truncated?: 'file-too-large' | 'too-many-files' | 'too-many-fields';
}

export const POST_LIMITS = { fileSize: 10 * 1024 * 1024, files: 10, fields: 500, fieldSize: 100_000 };

export interface ReadOptions {
  /** Where temporary files go (the uploads folder, so keeping one is a rename); the system's by default. */
  dir?: string;
  limits?: typeof POST_LIMITS;
  /** A field's own size limit: past it the file is no longer written (its size is still counted). */
  maxBytes?: (field: string) => number | undefined;
}

/** Temporary files start with a dot and end in .part: never a stored name, swept when left behind. */
export const TEMP_NAME = /^\.upload-[0-9a-f]{32}\.part$/;

const HEAD_BYTES = 4096;

export function readFormPost(req: IncomingMessage, options: ReadOptions = {}): Promise<FormPost> {
  const limits = options.limits ?? POST_LIMITS;
  const dir = options.dir ?? tmpdir();
  return new Promise((resolve, reject) => {
    // Without a prototype: a part named "constructor" or "__proto__" is a name like any other.
    const post: FormPost = { fields: Object.create(null) as FormPost['fields'], files: Object.create(null) as FormPost['files'] };
    const written: ReceivedFile[] = [];
    const writing: Array<Promise<void>> = [];
    const outs: WriteStream[] = [];
    const closed: Array<Promise<void>> = [];
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe();
      req.resume();
      // A file may still be opening: close every stream first, or the unlink could come before the file exists.
      for (const out of outs) out.destroy();
      Promise.all(closed).then(() => discardFiles(written)).finally(() => reject(unreadable(err)));
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits, defParamCharset: 'utf8' });
    } catch (err) {
      reject(unreadable(err));
      return;
    }
    parser.on('field', (name, value) => {
      post.fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (failed) { stream.resume(); return; } // parts still buffered after a failure are read and dropped
      const file: ReceivedFile = { originalName: info.filename ?? 'fișier', path: join(dir, `.upload-${randomBytes(16).toString('hex')}.part`), size: 0, sha256: '', mediaType: undefined };
      written.push(file);
      const fieldMax = options.maxBytes?.(name) ?? Infinity;
      const hash = createHash('sha256');
      const head: Buffer[] = [];
      let headSize = 0;
      let out: WriteStream | undefined = createWriteStream(file.path, { flags: 'wx' });
      outs.push(out);
      closed.push(new Promise<void>((settled) => out!.once('close', () => settled())));
      // A stream destroyed on purpose (a limit) may still report its pending writes as failed: not the post's failure.
      let stopped = false;
      const stopWriting = () => {
        stopped = true;
        out?.destroy();
        out = undefined;
        stream.resume(); // it may have been paused waiting for a drain that will not come
      };
      writing.push(new Promise<void>((done, error) => {
        out!.on('error', (err) => { if (!stopped) error(err); });
        stream.on('error', error);
        stream.on('data', (chunk: Buffer) => {
          file.size += chunk.length;
          if (headSize < HEAD_BYTES) {
            const part = Buffer.from(chunk.subarray(0, HEAD_BYTES - headSize));
            head.push(part);
            headSize += part.length;
          }
          if (file.size > fieldMax) stopWriting();
          if (!out) return;
          hash.update(chunk);
          // Backpressure: the request is paused while the disk catches up, so memory stays flat.
          if (!out.write(chunk)) {
            stream.pause();
            out.once('drain', () => stream.resume());
          }
        });
        stream.on('limit', () => {
          post.truncated = 'file-too-large';
          stopWriting();
        });
        stream.on('end', () => {
          file.sha256 = hash.digest('hex');
          file.mediaType = sniffMediaType(Buffer.concat(head));
          // A file input left empty still sends a part with no name and no bytes.
          if (info.filename || file.size > 0) (post.files[name] ??= []).push(file);
          if (!out) return done();
          out.end(() => done());
        });
      }).catch(fail));
    });
    parser.on('filesLimit', () => { post.truncated = 'too-many-files'; });
    parser.on('fieldsLimit', () => { post.truncated = 'too-many-fields'; });
    parser.on('close', () => {
      // Every stream closed, not just ended: one destroyed while still opening would create its file after a delete.
      Promise.all(writing).then(() => Promise.all(closed)).then(async () => {
        if (failed) return;
        // Empty parts (a file input left empty) are not files: their temporary files go.
        const kept = new Set(Object.values(post.files).flat());
        await discardFiles(written.filter((f) => !kept.has(f)));
        resolve(post);
      }, fail);
    });
    parser.on('error', fail);
    req.on('error', fail);
    req.pipe(parser);
  });
}

/** What the parser or the connection throws (a post cut short, a broken part header) is the client's. */
function unreadable(cause: unknown): AppError {
  if (cause instanceof AppError) return cause;
  return new AppError('bad-input', { ro: 'Formularul trimis nu poate fi citit.', en: 'The form post cannot be read.' }, { cause });
}
