import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../http/auth.ts';
import { listAtRiskFor } from '../quality/early-warning.ts';

/** Quality management for heads of department (their departments) and admins (all). */
export function qualityRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get('/quality/early-warnings', async (req, res) => {
    const user = requireRole(req, 'sef', 'admin');
    const requests = await listAtRiskFor(ctx, user);
    res.json({ asOf: ctx.engine.clock.now().toISOString(), requests });
  });

  return r;
}
