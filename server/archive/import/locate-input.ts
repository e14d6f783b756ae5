import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { AppError } from '../../../engine/index.ts';
import { CsvSyntaxError, parseCsv } from './csv.ts';
import { ManifestError, readManifest, type ManifestRow, type RowProblem } from './manifest.ts';

export interface ImportInput {
  /** The import folder's real path: every file must be inside it. */
  folder: string;
  csvPath: string;
  rows: ManifestRow[];
  problems: RowProblem[];
}

const MAX_CSV_BYTES = 200 * 1024 * 1024;

/**
 * `dosar archive import <folder or CSV>`: a folder holds its metadata in `metadata.csv` (or in its
 * only .csv file at the top); a CSV names files relative to the folder it is in.
 */
export async function locateInput(input: string): Promise<ImportInput> {
  const info = await stat(input).catch(() => undefined);
  if (!info) throw new AppError('bad-input', { ro: `„${input}” nu există`, en: `"${input}" does not exist` });
  let csvPath: string;
  if (info.isDirectory()) {
    const csvs = (await readdir(input, { withFileTypes: true })).filter((e) => e.isFile() && /\.csv$/i.test(e.name)).map((e) => e.name);
    const chosen = csvs.find((n) => n.toLowerCase() === 'metadata.csv') ?? (csvs.length === 1 ? csvs[0] : undefined);
    if (!chosen) {
      throw new AppError('bad-input', csvs.length === 0
        ? { ro: `În „${input}” nu există niciun fișier CSV cu metadatele (metadata.csv)`, en: `"${input}" holds no metadata CSV (metadata.csv)` }
        : { ro: `În „${input}” sunt mai multe fișiere CSV; numiți-l pe cel cu metadatele metadata.csv sau dați calea lui`, en: `"${input}" holds several CSV files; name the metadata one metadata.csv or give its path` });
    }
    csvPath = await realpath(join(input, chosen));
  } else csvPath = await realpath(input);
  if ((await stat(csvPath)).size > MAX_CSV_BYTES) throw new AppError('bad-input', { ro: `„${csvPath}” depășește ${MAX_CSV_BYTES} octeți`, en: `"${csvPath}" is over ${MAX_CSV_BYTES} bytes` });
  const text = await readFile(csvPath, 'utf8');
  if (text.includes('\uFFFD')) throw new AppError('bad-input', { ro: `„${basename(csvPath)}” nu este text UTF-8 (salvați-l ca „CSV UTF-8”)`, en: `"${basename(csvPath)}" is not UTF-8 text (save it as "CSV UTF-8")` });
  try {
    return { folder: dirname(csvPath), csvPath, ...readManifest(parseCsv(text)) };
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new AppError('bad-input', { ro: `${basename(csvPath)}, linia ${err.line}: CSV greșit (${err.message})`, en: `${basename(csvPath)}, line ${err.line}: bad CSV (${err.message})` });
    if (err instanceof ManifestError) throw new AppError('bad-input', { ro: `${basename(csvPath)}: ${err.message}`, en: `${basename(csvPath)}: ${err.message}` });
    throw err;
  }
}

/** Every regular file under the folder except hidden ones and the CSV files at its top, as paths relative to it. */
export async function listFolder(folder: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && !(dir === folder && /\.csv$/i.test(entry.name))) out.push(relative(folder, path));
    }
  };
  await walk(folder);
  return out.sort();
}
