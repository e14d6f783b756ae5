import { Router, type Request, type Response } from 'express';
import { parseDayFile, AppError } from '../../engine/index.ts';
import { DEFAULT_TOKEN_DAYS, issueApiToken, listApiTokens, MAX_TOKEN_DAYS, revokeApiToken } from '../auth/tokens.ts';
import { createUser, findUserByEmail, ROLES, type Role } from '../auth/users.ts';
import type { AppContext } from '../context.ts';
import { requireRole } from '../http/auth.ts';
import { pick } from './words.ts';
import { renderPage } from './view.ts';

/** Admins manage accounts, departments and the extra non-working days of the legal calendar. */
export function adminPages(ctx: AppContext): Router {
  const r = Router();

  const show = async (req: Request, res: Response, notice?: { ok: boolean; text: string; token?: string }, status = 200) => {
    requireRole(req, 'admin');
    const users = await ctx.db.query<{ email: string; name: string; role: string; departments: string[] }>(
      `select u.email, u.name, u.role, coalesce(array_agg(d.department order by d.department) filter (where d.department is not null), '{}') as departments
       from users u left join user_departments d on d.user_id = u.id group by u.id order by u.role, u.email limit 500`);
    const departments = await ctx.db.query<{ code: string; name_ro: string; name_en: string }>('select code, name_ro, name_en from departments order by code');
    const days = await ctx.engine.store.listCalendarDays();
    const tokens = await listApiTokens(ctx.db, undefined, ctx.engine.clock.now(), 200);
    renderPage(req, res, 'admin', { title: req.lang === 'en' ? 'Administration' : 'Administrare', users, departments, days, tokens, roles: ROLES.filter((x) => x !== 'citizen'), notice }, status);
  };

  r.get('/admin', (req, res) => show(req, res));

  r.post('/admin/utilizatori', async (req, res) => {
    requireRole(req, 'admin');
    const body = req.body as Record<string, string | string[] | undefined>;
    const departments = ([] as string[]).concat(body.departments ?? []).filter(Boolean);
    try {
      const role = String(body.role ?? '') as Role;
      if (!ROLES.includes(role)) throw new AppError('bad-input', 'Rol necunoscut. / Unknown role.');
      await createUser(ctx.db, { email: String(body.email ?? ''), name: String(body.name ?? ''), role, password: String(body.password ?? ''), departments }, ctx.engine.clock.now());
      await show(req, res, { ok: true, text: req.lang === 'en' ? 'Account created.' : 'Contul a fost creat.' });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'bad-input' || err.code === 'conflict')) return show(req, res, { ok: false, text: pick(err.message, req.lang === 'en') }, 422);
      throw err;
    }
  });

  /** A personal access token for an account, shown once (only its hash is kept). */
  r.post('/admin/tokenuri', async (req, res) => {
    requireRole(req, 'admin');
    const email = String((req.body as Record<string, unknown>).email ?? '');
    const user = await findUserByEmail(ctx.db, email);
    if (!user) return show(req, res, { ok: false, text: req.lang === 'en' ? `No account has the email ${email}.` : `Niciun cont nu are adresa ${email}.` }, 422);
    const days = Number((req.body as Record<string, unknown>).days ?? DEFAULT_TOKEN_DAYS);
    if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) return show(req, res, { ok: false, text: req.lang === 'en' ? `A token lives 1 to ${MAX_TOKEN_DAYS} days.` : `Un token este valabil între 1 și ${MAX_TOKEN_DAYS} de zile.` }, 422);
    const { token, view } = await issueApiToken(ctx.db, user.id, ctx.engine.clock.now(), days * 86_400_000);
    const until = new Date(view.expiresAt).toLocaleDateString('ro-RO', { timeZone: 'Europe/Bucharest' });
    await show(req, res, { ok: true, text: req.lang === 'en' ? `Token for ${user.email}, valid until ${until}, shown only now:` : `Token pentru ${user.email}, valabil până la ${until}, afișat doar acum:`, token });
  });

  r.post('/admin/tokenuri/:id/revocare', async (req, res) => {
    requireRole(req, 'admin');
    try {
      const token = await revokeApiToken(ctx.db, req.params.id, ctx.engine.clock.now());
      await show(req, res, { ok: true, text: req.lang === 'en' ? `The token of ${token.email} is revoked.` : `Tokenul lui ${token.email} a fost revocat.` });
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found') return show(req, res, { ok: false, text: pick(err.message, req.lang === 'en') }, 404);
      throw err;
    }
  });

  r.post('/admin/departamente', async (req, res) => {
    requireRole(req, 'admin');
    const { code, name_ro: ro, name_en: en } = req.body as Record<string, string | undefined>;
    if (!code || !/^[a-z][a-z0-9-]{1,40}$/.test(code) || !ro) return show(req, res, { ok: false, text: req.lang === 'en' ? 'A code (lower-case letters, digits, dashes) and a Romanian name are needed.' : 'Sunt necesare un cod (litere mici, cifre, cratime) și denumirea în română.' }, 422);
    await ctx.db.query('insert into departments (code, name_ro, name_en) values ($1, $2, $3) on conflict (code) do update set name_ro = excluded.name_ro, name_en = excluded.name_en', [code, ro.trim(), (en || ro).trim()]);
    await show(req, res, { ok: true, text: req.lang === 'en' ? 'Department saved.' : 'Departamentul a fost salvat.' });
  });

  /** One "YYYY-MM-DD;reason" per line, as in `dosar calendar import`; "working" days are marked with kind. */
  r.post('/admin/zile', async (req, res) => {
    requireRole(req, 'admin');
    const { lines, kind } = req.body as Record<string, string | undefined>;
    try {
      const days = parseDayFile(lines ?? '').map((d) => ({ date: d.date, reason: d.reason, kind: kind === 'working' ? 'working' as const : 'non-working' as const }));
      if (days.length === 0) throw new AppError('bad-input', 'Nicio zi de adăugat. / No day to add.');
      await ctx.engine.putCalendarDays(days);
      await show(req, res, { ok: true, text: req.lang === 'en' ? `${days.length} day(s) saved.` : `${days.length} zi(le) salvate.` });
    } catch (err) {
      if (err instanceof AppError) return show(req, res, { ok: false, text: pick(err.message, req.lang === 'en') }, 422);
      throw err;
    }
  });

  return r;
}
