import { Router, type Request } from 'express';
import { AppError } from '../../engine/index.ts';
import { issueApiToken, listApiTokens, parseLifetime, revokeTokenAs, tokenAccount, DEFAULT_TOKEN_DAYS } from '../auth/tokens.ts';
import type { AppContext } from '../context.ts';
import { requireUser } from '../http/auth.ts';

/**
 * Personal access tokens: anyone signed in manages their own; admins anyone's (`email`).
 * Someone else's token is "not found" to a non-admin, so ids leak nothing.
 */
export function tokenRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get('/tokens', async (req, res) => {
    const user = await tokenAccount(ctx.db, requireUser(req), req.query.email);
    res.json({ email: user.email, tokens: await listApiTokens(ctx.db, user.id, ctx.engine.clock.now()) });
  });

  r.post('/tokens', async (req, res) => {
    const body = tokenRequest(req);
    const user = await tokenAccount(ctx.db, requireUser(req), body.email);
    const lifetime = body.expiresIn === undefined ? DEFAULT_TOKEN_DAYS * 86_400_000 : parseLifetime(body.expiresIn);
    const { token, view } = await issueApiToken(ctx.db, user.id, ctx.engine.clock.now(), lifetime);
    res.status(201).json({ ...view, token });
  });

  r.delete('/tokens/:id', async (req, res) => {
    res.json(await revokeTokenAs(ctx.db, requireUser(req), req.params.id, ctx.engine.clock.now()));
  });

  return r;
}

const TOKEN_FIELDS = new Set(['email', 'expiresIn']);

/** The body of a token request: nothing, or a JSON object of the known fields only. */
function tokenRequest(req: Request): { email?: unknown; expiresIn?: unknown } {
  const sent = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!sent) return {};
  if (!req.is('application/json')) throw new AppError('bad-input', { ro: 'Trimiteți JSON.', en: 'Send JSON: { "expiresIn"?, "email"? }.' });
  const body = req.body as unknown;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('bad-input', { ro: 'Corpul cererii trebuie să fie un obiect JSON.', en: 'The body must be a JSON object.' });
  const unknown = Object.keys(body).filter((k) => !TOKEN_FIELDS.has(k));
  if (unknown.length > 0) throw new AppError('bad-input', { ro: `Câmpuri necunoscute: ${unknown.join(', ')}.`, en: `Unknown fields: ${unknown.join(', ')}.` });
  return body as { email?: unknown; expiresIn?: unknown };
}
