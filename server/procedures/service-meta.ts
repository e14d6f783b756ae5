import { parseUnit, type Problem } from '../../engine/index.ts';
import type { ProcedureMeta, Text } from './package.ts';

/**
 * What a city hall publishes for each service beside its title and legal term: who answers it, who
 * may apply, how fast the city hall means to answer (its internal target, shorter than the law's),
 * and where the file ends up (nomenclator code and retention term, Legea 16/1996).
 */
export interface ServiceMeta {
  /** Code of the responsible department (a row of `departments`). */
  department?: string;
  /** The life event the catalogue groups the service under (a key of LIFE_EVENTS). */
  lifeEvent?: string;
  whoMayApply?: Text;
  /** The city hall's own target, for the quality dashboard; never replaces the legal term. */
  targetTerm?: { amount: number; unit: string };
  /** Words citizens search by that the title does not hold. */
  keywords?: string[];
  archive?: { nomenclatorCode: string; retention: number | 'permanent' };
}

/** The catalogue's groups: what happens in a citizen's life that brings them to the city hall. */
export const LIFE_EVENTS: Array<{ key: string; ro: string; en: string }> = [
  { key: 'informare-petitii', ro: 'Informare, petiții și sesizări', en: 'Information, petitions and reports' },
  { key: 'locuinta-constructii', ro: 'Locuință și construcții', en: 'Home and building' },
  { key: 'afaceri', ro: 'Afaceri și comerț', en: 'Business and trade' },
  { key: 'taxe-plati', ro: 'Taxe, impozite și plăți', en: 'Taxes and payments' },
  { key: 'spatiu-public', ro: 'Spațiu public și mediu', en: 'Public space and environment' },
  { key: 'familie-social', ro: 'Familie și asistență socială', en: 'Family and social assistance' },
  { key: 'alte', ro: 'Alte servicii', en: 'Other services' },
];

const CODE = /^[A-Za-z0-9][A-Za-z0-9./-]{0,31}$/;

/** Everything wrong with a package's service data; `departments` are the codes that exist. */
export function checkServiceMeta(meta: ProcedureMeta, departments: ReadonlySet<string>): Problem[] {
  const problems: string[] = [];
  const m = meta as ProcedureMeta & ServiceMeta;
  if (m.department !== undefined && !(typeof m.department === 'string' && departments.has(m.department))) {
    problems.push(`meta.department "${String(m.department)}" is not a department of this installation (known: ${[...departments].sort().join(', ') || 'none'})`);
  }
  if (m.lifeEvent !== undefined && !LIFE_EVENTS.some((e) => e.key === m.lifeEvent)) {
    problems.push(`meta.lifeEvent "${String(m.lifeEvent)}" is not one of ${LIFE_EVENTS.map((e) => e.key).join(', ')}`);
  }
  if (m.whoMayApply !== undefined && !isText(m.whoMayApply)) problems.push('meta.whoMayApply must be { "ro": "…", "en": "…" }');
  if (m.targetTerm !== undefined) problems.push(...targetTermProblems(m.targetTerm));
  if (m.keywords !== undefined && !(Array.isArray(m.keywords) && m.keywords.every((k) => typeof k === 'string'))) problems.push('meta.keywords must be a list of words');
  if (m.archive !== undefined) problems.push(...archiveProblems(m.archive));
  return problems.map((message) => ({ code: 'meta-invalid', elementId: '', message }));
}

function targetTermProblems(term: unknown): string[] {
  const t = term as { amount?: unknown; unit?: unknown };
  if (!t || typeof t !== 'object') return ['meta.targetTerm must be { "amount": 10, "unit": "working-days" }'];
  const problems: string[] = [];
  try {
    parseUnit(String(t.unit));
  } catch {
    problems.push(`meta.targetTerm.unit "${String(t.unit)}" is not a term unit: use days, working-days, weeks or months`);
  }
  if (!(typeof t.amount === 'number' && Number.isInteger(t.amount) && t.amount > 0 && t.amount <= 366)) problems.push('meta.targetTerm.amount must be a whole number of days, weeks or months, 1 to 366');
  return problems;
}

function archiveProblems(archive: unknown): string[] {
  const a = archive as { nomenclatorCode?: unknown; retention?: unknown };
  if (!a || typeof a !== 'object') return ['meta.archive must be { "nomenclatorCode": "…", "retention": 10 | "permanent" }'];
  const problems: string[] = [];
  if (!(typeof a.nomenclatorCode === 'string' && CODE.test(a.nomenclatorCode))) problems.push('meta.archive.nomenclatorCode must be the code of the dossier type in the nomenclator (letters, digits, ". / -")');
  if (!(a.retention === 'permanent' || (typeof a.retention === 'number' && Number.isInteger(a.retention) && a.retention >= 1 && a.retention <= 100))) {
    problems.push('meta.archive.retention must be a number of years (1-100) or "permanent"');
  }
  return problems;
}

function isText(v: unknown): v is Text {
  return !!v && typeof v === 'object' && typeof (v as Text).ro === 'string' && (v as Text).ro.trim() !== '' && typeof (v as Text).en === 'string';
}

/** Lower-case, without diacritics (both the comma and the cedilla forms): what search compares. */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words a service is found by, in both languages. */
export function searchTextOf(meta: ProcedureMeta & ServiceMeta, departmentName?: Text): string {
  const parts = [meta.title.ro, meta.title.en, meta.summary?.ro, meta.summary?.en, meta.legalBasis, departmentName?.ro, departmentName?.en, ...(meta.keywords ?? [])];
  return searchable(parts.filter((p): p is string => typeof p === 'string').join(' '));
}
