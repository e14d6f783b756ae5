import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { getDocumentProxy } from 'unpdf';
import { detectKind, type FileKind, MEDIA_TYPES } from './file-kind.ts';
import { ocrImage, ocrPdfPages, type OcrTools } from './ocr.ts';

/** Why a file is not imported; stable codes, listed in ./README.md. */
export type RefusalReason =
  | 'row-invalid' | 'register-conflict' | 'file-listed-twice' | 'path-outside-folder' | 'file-missing' | 'file-without-row'
  | 'file-unreadable' | 'file-too-large' | 'type-unknown' | 'pdf-corrupt' | 'pdf-encrypted' | 'scan-unreadable' | 'analysis-failed'
  | 'duplicate-content' | 'store-failed';

export interface AnalyseRequest {
  path: string;
  maxBytes: number;
  /** The SHA-256 of what was imported from this file before: the same bytes are not read again. */
  knownSha256?: string;
  tools: OcrTools;
}

export type TextSource = 'text-layer' | 'ocr' | 'mixed' | 'none';

export interface AnalysedFile {
  status: 'ok';
  sha256: string;
  kind: FileKind;
  mediaType: string;
  size: number;
  /** Text of each page, in order; page count is its length. */
  pages: string[];
  textSource: TextSource;
  /** Said in the summary, the document still imported (no OCR available, a blank scan). */
  warning: string | null;
  bytes: Uint8Array;
}

export type Analysis =
  | AnalysedFile
  | { status: 'unchanged'; sha256: string }
  | { status: 'refused'; reason: RefusalReason; message: string };

const refuse = (reason: RefusalReason, message: string): Analysis => ({ status: 'refused', reason, message });

/** Everything the import needs to know about one file, with no database: run in the worker pool. */
export async function analyseFile(request: AnalyseRequest): Promise<Analysis> {
  const handle = await open(request.path, 'r');
  let bytes: Buffer;
  try {
    const info = await handle.stat();
    if (!info.isFile()) return refuse('file-unreadable', 'not a file');
    const { size } = info;
    if (size > request.maxBytes) return refuse('file-too-large', `${size} bytes; the limit is ${request.maxBytes} (DOSAR_ARCHIVE_MAX_FILE_BYTES)`);
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 === request.knownSha256) return { status: 'unchanged', sha256 };
  const kind = detectKind(bytes.subarray(0, 1024));
  if (!kind) return refuse('type-unknown', 'not a PDF, PNG, JPEG or TIFF file (judged by its content, not its name)');
  const text = kind === 'pdf' ? await readPdf(request.path, bytes, request.tools) : await readImage(request.path, request.tools);
  if ('reason' in text) return refuse(text.reason, text.message);
  return { status: 'ok', sha256, kind, mediaType: MEDIA_TYPES[kind], size: bytes.length, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), ...text };
}

type Text = { pages: string[]; textSource: TextSource; warning: string | null } | { reason: RefusalReason; message: string };

async function readPdf(path: string, bytes: Buffer, tools: OcrTools): Promise<Text> {
  let pages: string[];
  try {
    // pdf.js takes ownership of the array it is given: hand it a copy, the bytes are stored later.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, stopAtErrors: true });
    try {
      pages = [];
      for (let n = 1; n <= pdf.numPages; n++) {
        const content = await (await pdf.getPage(n)).getTextContent();
        pages.push(joinItems(content.items as Array<{ str?: string; hasEOL?: boolean }>));
      }
    } finally {
      await pdf.destroy();
    }
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') return { reason: 'pdf-encrypted', message: 'the PDF is protected by a password' };
    return { reason: 'pdf-corrupt', message: `the PDF cannot be read: ${(err as Error).message}` };
  }
  if (pages.length === 0) return { reason: 'pdf-corrupt', message: 'the PDF has no pages' };
  const blank = pages.flatMap((p, i) => (hasText(p) ? [] : [i + 1]));
  if (blank.length === 0) return { pages, textSource: 'text-layer', warning: null };
  if (!tools.pdftoppm) return { pages, textSource: blank.length === pages.length ? 'none' : 'text-layer', warning: `${blank.length} page(s) without a text layer, not OCR'd: ${tools.note ?? 'OCR needs pdftoppm and tesseract'}` };
  const read = await ocrPdfPages(path, blank, tools);
  if ('error' in read) return { reason: 'scan-unreadable', message: read.error };
  for (const [n, text] of read.texts) pages[n - 1] = text;
  const stillBlank = pages.filter((p) => !hasText(p)).length;
  return { pages, textSource: blank.length === pages.length ? 'ocr' : 'mixed', warning: stillBlank > 0 ? `OCR found no text on ${stillBlank} page(s)` : null };
}

async function readImage(path: string, tools: OcrTools): Promise<Text> {
  if (!tools.tesseract) return { pages: [''], textSource: 'none', warning: `not OCR'd: ${tools.note}` };
  const read = await ocrImage(path, tools);
  if ('error' in read) return { reason: 'scan-unreadable', message: `tesseract cannot read the image: ${read.error}` };
  const pages = read.pages.length > 0 ? read.pages : [''];
  return { pages, textSource: 'ocr', warning: pages.some(hasText) ? null : 'OCR found no text' };
}

function joinItems(items: Array<{ str?: string; hasEOL?: boolean }>): string {
  return items.map((i) => `${i.str ?? ''}${i.hasEOL ? '\n' : ''}`).join('').replace(/[ \t]+\n/g, '\n').trim();
}

function hasText(page: string): boolean {
  return /[\p{L}\p{N}]/u.test(page);
}
