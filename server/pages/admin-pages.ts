import { Router, type Request, type Response } from 'express';
import { parseDayFile, AppError } from '../../engine/index.ts';
import { setOneTimePassword } from '../auth/passwords.ts';
import { issueTokenForAccount, listApiTokens, revokeApiToken } from '../auth/tokens.ts';
import { createUser, ROLES, type Role } from '../auth/users.ts';
import { listAccounts } from '../auth/users-store.ts';
import type { AppContext } from '../context.ts';
import { saveDepartment } from '../departments/departments.ts';
import { listDepartments } from '../departments/departments-store.ts';
import { requireRole } from '../http/auth.ts';
import { errorMessage } from '../http/language.ts';
import { renderPage } from './view.ts';
import { roleLabel } from './words.ts';

/** Admins manage accounts, departments and the extra non-working days of the legal calendar. */
export function adminPages(ctx: AppContext): Router {
  const r = Router();

  const show = async (req: Request, res: Response, notice?: { ok: boolean; text: string; token?: string; password?: string }, status = 200) => {
    requireRole(req, 'admin');
    const users = await listAccounts(ctx.db);
    const departments = await listDepartments(ctx.db);
    const days = await ctx.engine.store.listCalendarDays();
    const tokens = await listApiTokens(ctx.db, undefined, ctx.engine.clock.now(), 200);
    const lang = req.lang ?? 'ro';
    // Roles and departments by name; a department no row names keeps its code.
    const names = new Map(departments.map((d) => [d.code, d.name]));
    renderPage(req, res, 'admin', {
      title: lang === 'en' ? 'Administration' : 'Administrare',
      users: users.map((u) => ({ ...u, roleText: roleLabel(u.role, lang), departmentNames: u.departments.map((code) => names.get(code) ?? { ro: code, en: code }) })),
      departments, days, tokens, roles: ROLES.filter((x) => x !== 'citizen').map((code) => ({ code, text: roleLabel(code, lang) })), notice,
    }, status);
  };

  r.get('/admin', (req, res) => show(req, res));

  r.post('/admin/utilizatori', async (req, res) => {
    requireRole(req, 'admin');
    const body = req.body as Record<string, string | string[] | undefined>;
    const departments = ([] as string[]).concat(body.departments ?? []).filter(Boolean);
    try {
      const role = String(body.role ?? '') as Role;
      await createUser(ctx.db, { email: String(body.email ?? ''), name: String(body.name ?? ''), role, password: String(body.password ?? ''), departments }, ctx.engine.clock.now());
      await show(req, res, { ok: true, text: req.lang === 'en' ? 'Account created.' : 'Contul a fost creat.' });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'bad-input' || err.code === 'conflict')) return show(req, res, { ok: false, text: errorMessage(err, req.lang ?? 'ro') }, 422);
      throw err;
    }
  });

  /** A one-time password for an account, shown once; the account must change it at its next sign-in. */
  r.post('/admin/utilizatori/parola', async (req, res) => {
    requireRole(req, 'admin');
    let reset;
    try {
      reset = await setOneTimePassword(ctx.db, String((req.body as Record<string, unknown>).email ?? ''));
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found') return show(req, res, { ok: false, text: errorMessage(err, req.lang ?? 'ro') }, 422);
      throw err;
    }
    await show(req, res, { ok: true, text: req.lang === 'en' ? `One-time password for ${reset.user.email}, shown only now; it must be changed at the next sign-in, and the account's sessions have ended:` : `Parolă temporară pentru ${reset.user.email}, afișată doar acum; trebuie schimbată la următoarea autentificare, iar sesiunile contului s-au încheiat:`, password: reset.password });
  });

  /** A personal access token for an account, shown once (only its hash is kept). */
  r.post('/admin/tokenuri', async (req, res) => {
    requireRole(req, 'admin');
    const body = req.body as Record<string, unknown>;
    let issued;
    try {
      issued = await issueTokenForAccount(ctx.db, String(body.email ?? ''), body.days, ctx.engine.clock.now());
    } catch (err) {
      if (err instanceof AppError && (err.code === 'bad-input' || err.code === 'not-found')) return show(req, res, { ok: false, text: errorMessage(err, req.lang ?? 'ro') }, 422);
      throw err;
    }
    const { token, view } = issued;
    const until = new Date(view.expiresAt).toLocaleDateString('ro-RO', { timeZone: 'Europe/Bucharest' });
    await show(req, res, { ok: true, text: req.lang === 'en' ? `Token for ${view.email}, valid until ${until}, shown only now:` : `Token pentru ${view.email}, valabil până la ${until}, afișat doar acum:`, token });
  });

  r.post('/admin/tokenuri/:id/revocare', async (req, res) => {
    requireRole(req, 'admin');
    try {
      const token = await revokeApiToken(ctx.db, req.params.id, ctx.engine.clock.now());
      await show(req, res, { ok: true, text: req.lang === 'en' ? `The token of ${token.email} is revoked.` : `Tokenul lui ${token.email} a fost revocat.` });
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found') return show(req, res, { ok: false, text: errorMessage(err, req.lang ?? 'ro') }, 404);
      throw err;
    }
  });

  r.post('/admin/departamente', async (req, res) => {
    requireRole(req, 'admin');
    const { code, name_ro: ro, name_en: en } = req.body as Record<string, string | undefined>;
    try {
      await saveDepartment(ctx.db, { code, ro, en });
    } catch (err) {
      if (err instanceof AppError && err.code === 'bad-input') return show(req, res, { ok: false, text: errorMessage(err, req.lang ?? 'ro') }, 422);
      throw err;
    }
    await show(req, res, { ok: true, text: req.lang === 'en' ? 'Department saved.' : 'Departamentul a fost salvat.' });
  });

  /** One "YYYY-MM-DD;reason" per line, as in `dosar calendar import`; "working" days are marked with kind. */
  r.post('/admin/zile', async (req, res) => {
    requireRole(req, 'admin');
    const { lines, kind } = req.body as Record<string, string | undefined>;
    try {
      const days = parseDayFile(lines ?? '').map((d) => ({ date: d.date, reason: d.reason, kind: kind === 'working' ? 'working' as const : 'non-working' as const }));
      if (days.length === 0) throw new AppError('bad-input', { ro: 'Nicio zi de adăugat.', en: 'No day to add.' });
      await ctx.engine.putCalendarDays(days);
      await show(req, res, { ok: true, text: req.lang === 'en' ? `${days.length} day(s) saved.` : `${days.length} zi(le) salvate.` });
    } catch (err) {
      if (err instanceof AppError) return show(req, res, { ok: false, text: errorMessage(err, req.lang ?? 'ro') }, 422);
      throw err;
    }
  });

  return r;
}
