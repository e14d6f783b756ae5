import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { COLUMNS } from '../../../../server/archive/import/manifest.ts';

export type Row = Partial<Record<(typeof COLUMNS)[number], string>>;

/** A dossier's columns, as a clerk's spreadsheet would repeat them on each of its documents. */
export function dossier(registerNumber: string, extra: Row = {}): Row {
  return {
    register_number: registerNumber,
    register_date: '14.03.2019',
    nomenclator_code: 'III-4',
    retention: '10',
    department: 'Urbanism',
    dossier_title: `Certificat de urbanism, dosarul ${registerNumber}`,
    parties: 'Ionescu Ștefan; Țăranu Ana',
    public: 'nu',
    ...extra,
  };
}

export function csvText(rows: Row[], options: { bom?: boolean; delimiter?: string } = {}): string {
  const d = options.delimiter ?? ',';
  const cell = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [COLUMNS.join(d), ...rows.map((r) => COLUMNS.map((c) => cell(r[c] ?? '')).join(d))];
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

/** A fresh import folder: metadata.csv for the rows, and the files given (paths relative to it). */
export async function makeFolder(rows: Row[], files: Record<string, Buffer | string>): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'dosar-import-'));
  await writeFile(join(folder, 'metadata.csv'), csvText(rows, { bom: true }));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(folder, name)), { recursive: true });
    await writeFile(join(folder, name), content);
  }
  return folder;
}
