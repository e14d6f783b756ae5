import { Router, type Request } from 'express';
import { AppError } from '../../engine/index.ts';
import { findUserByEmail, type User } from '../auth/users.ts';
import { findApiToken, issueApiToken, listApiTokens, parseLifetime, revokeApiToken, DEFAULT_TOKEN_DAYS } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { requireUser } from '../http/auth.ts';

/**
 * Personal access tokens: anyone signed in manages their own; admins anyone's (`email`).
 * Someone else's token is "not found" to a non-admin, so ids leak nothing.
 */
export function tokenRoutes(ctx: AppContext): Router {
  const r = Router();

  /** The account acted on: the caller's own, or (admins only) the one named by email. */
  const accountOf = async (req: Request, email: unknown): Promise<User> => {
    const caller = requireUser(req);
    if (email === undefined || email === '' || (typeof email === 'string' && email.trim().toLowerCase() === caller.email)) return caller;
    if (caller.role !== 'admin') throw new AppError('forbidden', 'Doar administratorii gestionează tokenurile altor conturi. / Only admins manage other accounts\' tokens.');
    const user = typeof email === 'string' ? await findUserByEmail(ctx.db, email) : undefined;
    if (!user) throw new AppError('not-found', `Niciun cont nu are adresa ${String(email)}. / No account has the email ${String(email)}.`);
    return user;
  };

  r.get('/tokens', async (req, res) => {
    const user = await accountOf(req, req.query.email);
    res.json({ email: user.email, tokens: await listApiTokens(ctx.db, user.id, ctx.engine.clock.now()) });
  });

  r.post('/tokens', async (req, res) => {
    const body = tokenRequest(req);
    const user = await accountOf(req, body.email);
    const lifetime = body.expiresIn === undefined ? DEFAULT_TOKEN_DAYS * 86_400_000 : parseLifetime(body.expiresIn);
    const { token, view } = await issueApiToken(ctx.db, user.id, ctx.engine.clock.now(), lifetime);
    res.status(201).json({ ...view, token });
  });

  r.delete('/tokens/:id', async (req, res) => {
    const caller = requireUser(req);
    const now = ctx.engine.clock.now();
    const token = await findApiToken(ctx.db, req.params.id, now);
    if (!token || (caller.role !== 'admin' && token.email !== caller.email)) throw new AppError('not-found', 'Tokenul nu există. / No such token.');
    res.json(await revokeApiToken(ctx.db, token.id, now));
  });

  return r;
}

const TOKEN_FIELDS = new Set(['email', 'expiresIn']);

/** The body of a token request: nothing, or a JSON object of the known fields only. */
function tokenRequest(req: Request): { email?: unknown; expiresIn?: unknown } {
  const sent = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!sent) return {};
  if (!req.is('application/json')) throw new AppError('bad-input', 'Trimiteți JSON. / Send JSON: { "expiresIn"?, "email"? }.');
  const body = req.body as unknown;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('bad-input', 'Corpul cererii trebuie să fie un obiect JSON. / The body must be a JSON object.');
  const unknown = Object.keys(body).filter((k) => !TOKEN_FIELDS.has(k));
  if (unknown.length > 0) throw new AppError('bad-input', `Câmpuri necunoscute: ${unknown.join(', ')}. / Unknown fields: ${unknown.join(', ')}.`);
  return body as { email?: unknown; expiresIn?: unknown };
}
