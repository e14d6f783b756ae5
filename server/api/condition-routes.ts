import { Router } from 'express';
import { AppError } from '../../engine/index.ts';
import type { AppContext } from '../context.ts';
import { requireRole } from '../http/auth.ts';
import { evaluateConditions } from '../conditions/evaluate-conditions.ts';

/** Conditional start events, evaluated on request against given variables (analysts and admins). */
export function conditionRoutes(ctx: AppContext): Router {
  const r = Router();

  r.post('/conditions', async (req, res) => {
    const user = requireRole(req, 'analyst', 'admin');
    // It may start procedures of every department: sent on purpose, as JSON, never by a stray form post.
    if (!req.is('application/json')) throw new AppError('bad-input', { ro: 'Trimiteți condițiile ca JSON: { "variables": { … } }', en: 'Send the conditions as JSON: { "variables": { … } }' });
    const body = req.body as unknown;
    const plain = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);
    if (!plain(body) || Object.keys(body as object).some((k) => k !== 'variables' && k !== 'businessKey')) {
      throw new AppError('bad-input', { ro: 'Corpul este { "variables": { … }, "businessKey"?: "…" } și nimic altceva', en: 'The body is { "variables": { … }, "businessKey"?: "…" } and nothing else' });
    }
    const { variables, businessKey } = body as { variables?: unknown; businessKey?: unknown };
    res.json(await evaluateConditions(ctx, user, variables, businessKey));
  });

  return r;
}
