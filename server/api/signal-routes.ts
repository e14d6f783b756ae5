import { Router } from 'express';
import { AppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { requireRole } from '../http/auth.ts';
import { broadcastSignal } from '../signals/broadcast-signal.ts';

/** A signal's name as models write it: a letter, then words, digits and `_ . : -`; never a path, a number or markup. */
const SIGNAL_NAME = /^\p{L}[\p{L}\p{N} _.:-]{0,199}$/u;

/** BPMN signals, broadcast to every instance waiting for them (analysts and admins). */
export function signalRoutes(ctx: AppContext): Router {
  const r = Router();

  r.post('/signals/:name', async (req, res) => {
    const user = requireRole(req, 'analyst', 'admin');
    const name = req.params.name;
    if (!SIGNAL_NAME.test(name) || name.includes('..')) {
      throw new AppError('bad-input', { ro: `„${name.slice(0, 60)}” nu este un nume de semnal: litere, cifre, spații și _ . : -`, en: `"${name.slice(0, 60)}" is not a signal name: letters, digits, spaces and _ . : -` });
    }
    // A broadcast reaches every waiting request: it is sent on purpose, as JSON, never by a stray form post.
    if (!req.is('application/json')) throw new AppError('bad-input', { ro: 'Trimiteți semnalul ca JSON: { "data": { … } }', en: 'Send the signal as JSON: { "data": { … } }' });
    const body = req.body as unknown;
    const plain = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);
    if (!plain(body) || Object.keys(body as object).some((k) => k !== 'data')) {
      throw new AppError('bad-input', { ro: 'Corpul este { "data": { … } }: variabilele semnalului și nimic altceva', en: 'The body is { "data": { … } }: the signal\'s variables and nothing else' });
    }
    res.json(await broadcastSignal(ctx, user, name, (body as { data?: unknown }).data));
  });

  return r;
}
