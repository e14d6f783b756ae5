import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../validation/messages.ts';
import type { JsonSchema } from '../validation/validate-form.ts';

/**
 * Uploads: the type is read from the content (magic bytes), never from the name; size and count
 * limits per field (`x-upload: { accept, maxBytes, maxFiles }`); stored under a generated name with
 * its SHA-256 recorded. The original name is kept only as data, never used as a path.
 */
export interface UploadSpec {
  accept: string[];
  maxBytes: number;
  maxFiles: number;
}

export interface IncomingFile {
  originalName: string;
  bytes: Buffer;
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

/** Checks files against a field's limits; returns people's messages, empty when all is well. */
export function checkUpload(spec: UploadSpec, files: IncomingFile[], lang: Lang = 'ro'): string[] {
  const t = TEXT[lang];
  const problems: string[] = [];
  if (files.length > spec.maxFiles) problems.push(t.tooMany(spec.maxFiles));
  const kinds = spec.accept.map((m) => EXTENSIONS[m]?.toUpperCase() ?? m).join(', ');
  for (const f of files) {
    const name = f.originalName.slice(0, 100);
    if (f.bytes.length === 0) problems.push(t.empty(name));
    else if (f.bytes.length > spec.maxBytes) problems.push(t.tooBig(name, (spec.maxBytes / 1024 / 1024).toFixed(1)));
    else if (!spec.accept.includes(sniffMediaType(f.bytes) ?? '')) problems.push(t.wrongType(name, kinds));
  }
  return problems;
}

/** Writes a checked file under a random name in `dir`. */
export async function storeUpload(dir: string, file: IncomingFile): Promise<StoredFile> {
  const mediaType = sniffMediaType(file.bytes) ?? 'application/octet-stream';
  const storedName = `${randomBytes(16).toString('hex')}.${EXTENSIONS[mediaType] ?? 'bin'}`;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, storedName), file.bytes, { flag: 'wx' });
  return {
    storedName,
    originalName: file.originalName.replace(/[\u0000-\u001f]/g, '').slice(0, 255),
    mediaType,
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
  };
}
