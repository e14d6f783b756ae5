import { readFile } from 'node:fs/promises';
import { Router, type Request, type Response } from 'express';
import { AppError, localDate, romanianDate } from '../../engine/index.ts';
import { discardFiles, type Lang } from '../../forms/index.ts';
import { readFormPost } from '../../forms/render/read-form-post.ts';
import type { AppContext } from '../context.ts';
import { assertCsrf, requireUser } from '../http/auth.ts';
import { httpStatus } from '../http/errors.ts';
import { errorMessage } from '../http/language.ts';
import { requireFinanceStaff } from '../payments/finance-staff.ts';
import { lei } from '../payments/money.ts';
import { checkDay, exportPayments, importSettlement, reconcile, settlementLineCount, type Mismatch } from '../payments/reconciliation.ts';
import { renderPage } from './view.ts';

/** A day's settlement file is a few hundred lines: 2 MB is generous, and one file only. */
const SETTLEMENT_POST = { fileSize: 2 * 1024 * 1024, files: 1, fields: 5, fieldSize: 1000 };

const PROBLEM: Record<Mismatch['problem'], Record<Lang, string>> = {
  'unknown-reference': { ro: 'Referință necunoscută: niciun ordin de plată nu o are', en: 'Unknown reference: no payment order has it' },
  'amount-differs': { ro: 'Suma decontată diferă de suma plătită', en: 'The settled amount differs from the amount paid' },
  'not-paid-here': { ro: 'Bani decontați pentru un ordin neplătit aici (expirat sau eșuat)', en: 'Money settled for an order not paid here (expired or failed)' },
  'missing-from-settlement': { ro: 'Plată cu cardul confirmată, dar lipsă din decont', en: 'Card payment confirmed, but missing from the settlement' },
};

/**
 * The finance department's day (issue #16), as the CLI's `dosar payments` does it: import the
 * provider's settlement file for a day, see what does not match, export the payments for the
 * accounting system. The settlement arrives as a multipart upload read here (its CSRF token with
 * it); the file is read as text and deleted, never kept, and its name is never used.
 */
export function reconciliationPages(ctx: AppContext): Router {
  const r = Router();

  /** The day the page shows, its forms, and what the settlement and the orders disagree on. */
  async function show(req: Request, res: Response, date: string, said: { imported?: { imported: number; already: number }; error?: string }, status = 200) {
    const lang = req.lang ?? 'ro';
    const lines = await settlementLineCount(ctx.db, date);
    const mismatches = (await reconcile(ctx.db, date)).map((m) => ({
      reference: m.reference, known: m.problem !== 'unknown-reference', problem: PROBLEM[m.problem][lang],
      settled: m.settledBani === null ? '—' : `${lei(m.settledBani)} lei`, order: m.orderBani === null ? '—' : `${lei(m.orderBani)} lei`,
    }));
    renderPage(req, res, 'payment-reconciliation', { title: lang === 'en' ? 'Payment reconciliation' : 'Reconcilierea plăților', date, dateText: romanianDate(date), lines, mismatches, ...said }, status);
  }

  r.get('/lucru/plati/reconciliere', async (req, res) => {
    requireFinanceStaff(requireUser(req));
    const asked = req.query.data;
    if (asked === undefined || asked === '') return show(req, res, yesterday(ctx.engine.clock.now()), { imported: importedOf(req.query) });
    try {
      return await show(req, res, checkDay(asked), { imported: importedOf(req.query) });
    } catch (err) {
      if (!shownOnPage(err)) throw err;
      return show(req, res, yesterday(ctx.engine.clock.now()), { error: errorMessage(err, req.lang ?? 'ro') }, httpStatus(err));
    }
  });

  r.post('/lucru/plati/reconciliere', async (req, res) => {
    requireFinanceStaff(requireUser(req));
    let date = yesterday(ctx.engine.clock.now());
    try {
      const { fields, csv } = await readSettlementPost(req);
      assertCsrf(req, fields._csrf);
      date = checkDay(fields.data);
      if (csv === undefined) throw new AppError('bad-input', { ro: 'Alegeți fișierul de decontare (CSV) al zilei.', en: 'Choose the day\'s settlement file (CSV).' });
      const { imported, already } = await importSettlement(ctx.db, date, csv, ctx.engine.clock.now());
      res.redirect(303, `/lucru/plati/reconciliere?data=${date}&importate=${imported}&existente=${already}`);
    } catch (err) {
      if (!shownOnPage(err)) throw err;
      await show(req, res, date, { error: errorMessage(err, req.lang ?? 'ro') }, httpStatus(err));
    }
  });

  r.get('/lucru/plati/export.csv', async (req, res) => {
    requireFinanceStaff(requireUser(req));
    const [from, to] = [checkDay(req.query.de), checkDay(req.query.pana)];
    const csv = await exportPayments(ctx.db, from, to);
    // The name is the server's own, made of two checked days.
    res.type('text/csv; charset=utf-8').attachment(`plati-${from}-${to}.csv`).send(csv);
  });

  return r;
}

/** The finance department reconciles the day before by default (Bucharest days). */
function yesterday(now: Date): string {
  const [y, m, d] = localDate(now).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** The counts the import's redirect carries, for the page to say them. */
function importedOf(query: Request['query']): { imported: number; already: number } | undefined {
  const [imported, already] = [query.importate, query.existente];
  if (typeof imported !== 'string' || typeof already !== 'string' || !/^\d{1,9}$/.test(imported) || !/^\d{1,9}$/.test(already)) return undefined;
  return { imported: Number(imported), already: Number(already) };
}

/** A bad day, a bad or missing file, a file too large: said on the page itself, so the clerk can try again. */
function shownOnPage(err: unknown): err is AppError {
  return err instanceof AppError && (err.code === 'bad-input' || err.code === 'too-large');
}

/** The post's fields and its one file as text; the temporary file is gone when this returns. */
async function readSettlementPost(req: Request): Promise<{ fields: Record<string, unknown>; csv?: string }> {
  // A urlencoded post (no file) was parsed, and its token checked, by the portal.
  if (!req.is('multipart/form-data')) return { fields: (req.body ?? {}) as Record<string, unknown> };
  const post = await readFormPost(req, { limits: SETTLEMENT_POST });
  try {
    if (post.truncated) throw new AppError('too-large', { ro: 'Se trimite un singur fișier de decontare, de cel mult 2 MB.', en: 'Send one settlement file of at most 2 MB.' });
    const file = post.files.fisier?.[0];
    return { fields: post.fields, ...(file ? { csv: await readFile(file.path, 'utf8') } : {}) };
  } finally {
    await discardFiles(Object.values(post.files).flat());
  }
}
