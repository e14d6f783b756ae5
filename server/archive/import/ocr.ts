import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Tesseract (Debian `tesseract-ocr` + `tesseract-ocr-ron`) reads scans; poppler's `pdftoppm` turns
 * PDF pages without a text layer into images for it. Both are optional: what is missing is said
 * once in the import's summary and the documents are kept without text.
 */
export interface OcrTools {
  tesseract: boolean;
  pdftoppm: boolean;
  language: string;
  /** Why OCR is partly or wholly off, for people; null when everything is there. */
  note: string | null;
}

const OCR_TIMEOUT_MS = 180_000;
// One OCR per worker: tesseract's own threads would fight the pool for the same cores.
const ENV = { ...process.env, OMP_THREAD_LIMIT: '1' };

function run(command: string, args: string[], timeout = OCR_TIMEOUT_MS): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { env: ENV, timeout, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr || (error as Error | null)?.message || '') });
    });
  });
}

export async function findOcrTools(env: NodeJS.ProcessEnv = process.env): Promise<OcrTools> {
  const language = env.DOSAR_OCR_LANG || 'ron';
  if (env.DOSAR_OCR === 'off') return { tesseract: false, pdftoppm: false, language, note: 'OCR turned off (DOSAR_OCR=off): scans are imported without text' };
  const langs = await run('tesseract', ['--list-langs'], 10_000);
  const hasLanguage = langs.ok && `${langs.stdout}\n${langs.stderr}`.split(/\s+/).includes(language);
  const pdftoppm = (await run('pdftoppm', ['-v'], 10_000)).ok;
  const tesseract = langs.ok && hasLanguage;
  const note = !langs.ok
    ? 'tesseract is not installed (Debian: apt install tesseract-ocr tesseract-ocr-ron): scans are imported without text'
    : !hasLanguage
      ? `tesseract has no "${language}" language data (Debian: apt install tesseract-ocr-${language}): scans are imported without text`
      : !pdftoppm
        ? 'pdftoppm is not installed (Debian: apt install poppler-utils): PDF pages without a text layer are imported without text; images are OCR\'d'
        : null;
  return { tesseract, pdftoppm: tesseract && pdftoppm, language, note };
}

/** The text of each page of an image file (a TIFF may hold several pages; tesseract ends each with a form feed). */
export async function ocrImage(path: string, tools: OcrTools): Promise<{ pages: string[] } | { error: string }> {
  const result = await run('tesseract', [path, 'stdout', '-l', tools.language]);
  if (!result.ok) return { error: firstLine(result.stderr) };
  const pages = result.stdout.split('\f').map(cleanOcr);
  if (pages.length > 1 && pages[pages.length - 1] === '') pages.pop();
  return { pages };
}

/** OCR of the given pages (1-based) of a PDF: each is rendered at 300 dpi in grey, then read. */
export async function ocrPdfPages(path: string, pageNumbers: number[], tools: OcrTools): Promise<{ texts: Map<number, string> } | { error: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'dosar-ocr-'));
  try {
    const texts = new Map<number, string>();
    for (const page of pageNumbers) {
      const rendered = await run('pdftoppm', ['-r', '300', '-gray', '-png', '-f', String(page), '-l', String(page), path, join(dir, 'p')]);
      const image = (await readdir(dir)).find((f) => f.endsWith('.png'));
      if (!rendered.ok || !image) return { error: `pdftoppm could not render page ${page}: ${firstLine(rendered.stderr)}` };
      const read = await ocrImage(join(dir, image), tools);
      await rm(join(dir, image));
      if ('error' in read) return read;
      texts.set(page, read.pages.join('\n'));
    }
    return { texts };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function cleanOcr(text: string): string {
  return text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

function firstLine(text: string): string {
  return text.trim().split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 300) ?? 'no message';
}
