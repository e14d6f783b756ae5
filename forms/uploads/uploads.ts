import { randomBytes } from 'node:crypto';
import { rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../validation/messages.ts';
import type { JsonSchema } from '../validation/validate-form.ts';

/**
 * Uploads: the type is read from the content (magic bytes), never from the name; size and count
 * limits per field (`x-upload: { accept, maxBytes, maxFiles }`); stored under a generated name with
 * its SHA-256 recorded. The original name is kept only as data, never used as a path. Files arrive
 * streamed into temporary files (read-form-post.ts) and are kept only once their post is accepted.
 */
export interface UploadSpec {
  accept: string[];
  maxBytes: number;
  maxFiles: number;
}

/** What the checks need to know of a file: its name as sent, its size and its sniffed type. */
export interface FileFacts {
  originalName: string;
  size: number;
  /** The type its first bytes reveal; undefined when none we know. */
  mediaType: string | undefined;
}

/** A file received in a post, streamed into a temporary file (hashed and sniffed as it arrived). */
export interface ReceivedFile extends FileFacts {
  /** The temporary file, in the folder given to the reader; deleted unless kept. */
  path: string;
  sha256: string;
}

export interface StoredFile {
  storedName: string;
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

const DEFAULT_SPEC: UploadSpec = { accept: ['application/pdf', 'image/png', 'image/jpeg'], maxBytes: 10 * 1024 * 1024, maxFiles: 5 };
const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx', 'application/vnd.oasis.opendocument.text': 'odt',
};

export function uploadSpec(node: JsonSchema): UploadSpec | undefined {
  const spec = node['x-upload'] as Partial<UploadSpec> | undefined;
  return spec ? { ...DEFAULT_SPEC, ...spec } : undefined;
}

/** The media type a file's first bytes reveal, or undefined when it is none we know. */
export function sniffMediaType(bytes: Buffer): string | undefined {
  const starts = (sig: number[] | string, offset = 0) => {
    const b = typeof sig === 'string' ? Buffer.from(sig, 'latin1') : Buffer.from(sig);
    return bytes.length >= offset + b.length && bytes.subarray(offset, offset + b.length).equals(b);
  };
  if (starts('%PDF-')) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts('GIF87a') || starts('GIF89a')) return 'image/gif';
  if (starts([0x50, 0x4b, 0x03, 0x04])) {
    const head = bytes.subarray(0, 4096).toString('latin1');
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'application/vnd.oasis.opendocument.text';
    if (head.includes('[Content_Types].xml') || head.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return undefined;
}

const TEXT = {
  ro: {
    tooMany: (n: number) => `Puteți încărca cel mult ${n} ${n === 1 ? 'fișier' : 'fișiere'}.`,
    tooBig: (name: string, mb: string) => `Fișierul „${name}” este prea mare: cel mult ${mb} MB.`,
    wrongType: (name: string, kinds: string) => `Fișierul „${name}” nu este de un tip acceptat (${kinds}).`,
    empty: (name: string) => `Fișierul „${name}” este gol.`,
  },
  en: {
    tooMany: (n: number) => `You can upload at most ${n} ${n === 1 ? 'file' : 'files'}.`,
    tooBig: (name: string, mb: string) => `The file “${name}” is too large: at most ${mb} MB.`,
    wrongType: (name: string, kinds: string) => `The file “${name}” is not of an accepted type (${kinds}).`,
    empty: (name: string) => `The file “${name}” is empty.`,
  },
};

/** The facts of a file held in memory (tests, small files). */
export function factsOf(originalName: string, bytes: Buffer): FileFacts {
  return { originalName, size: bytes.length, mediaType: sniffMediaType(bytes) };
}

/** Checks files against a field's limits; returns people's messages, empty when all is well. */
export function checkUpload(spec: UploadSpec, files: FileFacts[], lang: Lang = 'ro'): string[] {
  const t = TEXT[lang];
  const problems: string[] = [];
  if (files.length > spec.maxFiles) problems.push(t.tooMany(spec.maxFiles));
  const kinds = spec.accept.map((m) => EXTENSIONS[m]?.toUpperCase() ?? m).join(', ');
  for (const f of files) {
    const name = f.originalName.slice(0, 100);
    if (f.size === 0) problems.push(t.empty(name));
    else if (f.size > spec.maxBytes) problems.push(t.tooBig(name, (spec.maxBytes / 1024 / 1024).toFixed(1)));
    else if (!spec.accept.includes(f.mediaType ?? '')) problems.push(t.wrongType(name, kinds));
  }
  return problems;
}

/** The pattern of every name the server gives a kept file; nothing else is ever opened as an upload. */
export const STORED_NAME = /^[0-9a-f]{32}\.[a-z]+$/;

/** A new random name for a kept file of this media type (matches STORED_NAME). */
export function newStoredName(mediaType: string): string {
  return `${randomBytes(16).toString('hex')}.${EXTENSIONS[mediaType] ?? 'bin'}`;
}

/**
 * Keeps a checked temporary file: renamed (same folder, so no copy) to a random name in `dir`.
 * The stored name is the server's; it never travels to a client.
 */
export async function keepUpload(dir: string, file: ReceivedFile): Promise<StoredFile> {
  const mediaType = file.mediaType ?? 'application/octet-stream';
  const storedName = newStoredName(mediaType);
  await rename(file.path, join(dir, storedName));
  return { storedName, originalName: cleanName(file.originalName), mediaType, size: file.size, sha256: file.sha256 };
}

/** The original name as data: control characters out, at most 255 characters. */
export function cleanName(name: string): string {
  return name.replace(/[\u0000-\u001f]/g, '').slice(0, 255) || 'fișier';
}

/** Deletes temporary files (those not kept); a file already gone is no error. */
export async function discardFiles(files: Iterable<ReceivedFile>): Promise<void> {
  await Promise.all([...files].map((f) => unlink(f.path).catch(() => undefined)));
}
