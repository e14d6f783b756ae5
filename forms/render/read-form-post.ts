import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../engine/errors.ts';
import type { IncomingFile } from '../uploads/uploads.ts';

/**
 * Reads an HTML form post, urlencoded or multipart, into flat fields (names kept as sent, e.g.
 * `adresa[strada]`) and files per field. Limits stop oversized posts before they are buffered.
 */
export interface FormPost {
  fields: Record<string, string>;
  files: Record<string, IncomingFile[]>;
  /** Set when a limit was hit: the post must be refused with this reason. */
  truncated?: 'file-too-large' | 'too-many-files' | 'too-many-fields';
}

export const POST_LIMITS = { fileSize: 10 * 1024 * 1024, files: 10, fields: 500, fieldSize: 100_000 };

export function readFormPost(req: IncomingMessage, limits = POST_LIMITS): Promise<FormPost> {
  return new Promise((resolve, reject) => {
    const post: FormPost = { fields: {}, files: {} };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { ...limits, fileSize: limits.fileSize + 1 }, defParamCharset: 'utf8' });
    } catch (err) {
      reject(unreadable(err));
      return;
    }
    parser.on('field', (name, value) => {
      post.fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limits.fileSize + 1) chunks.push(chunk);
      });
      stream.on('limit', () => { post.truncated = 'file-too-large'; });
      // A post cut short inside a file errors the file's stream too; unheard, that error would end the process.
      stream.on('error', (err) => reject(unreadable(err)));
      stream.on('end', () => {
        // A file input left empty still sends a part with no name and no bytes.
        if (!info.filename && size === 0) return;
        (post.files[name] ??= []).push({ originalName: info.filename ?? 'fișier', bytes: Buffer.concat(chunks) });
      });
    });
    parser.on('filesLimit', () => { post.truncated = 'too-many-files'; });
    parser.on('fieldsLimit', () => { post.truncated = 'too-many-fields'; });
    parser.on('close', () => resolve(post));
    parser.on('error', (err) => reject(unreadable(err)));
    req.pipe(parser);
  });
}

/** A post the parser cannot read (no boundary, cut short, malformed) is the sender's mistake: a coded refusal, not a 500. */
function unreadable(cause: unknown): AppError {
  return new AppError('bad-input', 'Formularul trimis nu poate fi citit. / The form post cannot be read.', { cause });
}
