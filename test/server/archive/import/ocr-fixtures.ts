import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOcrTools, type OcrTools } from '../../../../server/archive/import/ocr.ts';
import { PdfRenderer } from '../../../../server/documents/pdf.ts';
import { imagePdf, textPdf } from './make-files.ts';

/** Romanian text for scans (WinAnsi letters only: the hand-made PDF's font has no ș, ț, ă). */
const SCAN_LINES = ['PRIMARIA MUNICIPIULUI BRASOV', 'AUTORIZATIE DE CONSTRUIRE NR 245', 'Beneficiar: Popescu Maria, strada Lunga nr 12'];

export const tools: Promise<OcrTools> = findOcrTools();

/**
 * A scan with Romanian text: the text PDF rendered by pdftoppm to a 200 dpi grey PNG. Undefined
 * when pdftoppm is not installed (the OCR tests then skip, saying so).
 */
export async function scanPng(lines = SCAN_LINES): Promise<{ png: Buffer; jpeg: Buffer; gray: Buffer; width: number; height: number } | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'dosar-scan-'));
  try {
    await writeFile(join(dir, 'page.pdf'), textPdf([lines]));
    const render = (format: string[]) => new Promise<boolean>((resolve) => execFile('pdftoppm', ['-r', '200', '-gray', ...format, '-singlefile', '-x', '0', '-y', '0', '-W', '1654', '-H', '700', join(dir, 'page.pdf'), join(dir, 'page')], (err) => resolve(!err)));
    if (!(await render(['-png'])) || !(await render(['-jpeg'])) || !(await render([]))) return undefined;
    const png = await readFile(join(dir, 'page.png'));
    const jpeg = await readFile(join(dir, 'page.jpg'));
    // The grey pixels from the PGM (P5): a header of four fields, then one byte per pixel.
    const pgm = await readFile(join(dir, 'page.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    return { png, jpeg, gray: pgm.subarray(header[0].length), width, height };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The same scan wrapped in a PDF without a text layer, as a scanner delivers it. */
export async function scanPdf(): Promise<Buffer | undefined> {
  const scan = await scanPng();
  return scan && imagePdf(scan.gray, scan.width, scan.height, 200);
}

/**
 * A scan with ă â î ș ț: Romanian text printed by Chromium (the project's PDF writer), rendered by
 * pdftoppm. Undefined where Chromium or pdftoppm is missing.
 */
export async function diacriticsScan(html: string): Promise<{ pdf: Buffer; png: Buffer } | undefined> {
  if (!PdfRenderer.available()) return undefined;
  const renderer = new PdfRenderer(1);
  const dir = await mkdtemp(join(tmpdir(), 'dosar-scan-'));
  try {
    const pdf = await renderer.render(`<html><body style="font: 22px 'DejaVu Sans', sans-serif; margin: 40px">${html}</body></html>`);
    await writeFile(join(dir, 'page.pdf'), pdf);
    const ok = await new Promise<boolean>((resolve) => execFile('pdftoppm', ['-r', '200', '-gray', '-png', '-singlefile', '-f', '1', '-l', '1', join(dir, 'page.pdf'), join(dir, 'page')], (err) => resolve(!err)));
    return ok ? { pdf, png: await readFile(join(dir, 'page.png')) } : undefined;
  } finally {
    await renderer.close();
    await rm(dir, { recursive: true, force: true });
  }
}
