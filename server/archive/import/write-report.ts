import { writeFile } from 'node:fs/promises';
import type { Refusal } from './run-import.ts';

/** `--report <file>`: the refused files as CSV (for a spreadsheet) when the name ends in .csv, else as JSON. */
export async function writeRefusalReport(path: string, refusals: Refusal[]): Promise<void> {
  if (/\.csv$/i.test(path)) {
    const lines = [['file', 'line', 'reason', 'message'], ...refusals.map((r) => [r.file ?? '', r.line === null ? '' : String(r.line), r.reason, r.message])];
    // A byte order mark, so Excel opens the Romanian names with their diacritics.
    await writeFile(path, `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`, 'utf8');
  } else await writeFile(path, `${JSON.stringify({ refused: refusals }, null, 2)}\n`, 'utf8');
}

function csvCell(value: string): string {
  // A leading = + - @ would be a formula in a spreadsheet: an apostrophe keeps it text.
  const text = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
