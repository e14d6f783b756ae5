import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole, requireUser } from '../http/auth.ts';
import { listAtRiskFor } from '../quality/early-warning.ts';
import { heatmapOf } from '../quality/heatmap.ts';
import { readPeriod, readVersion } from '../quality/period.ts';

/** Quality figures for admins (every procedure) and heads of department (`sef`, their departments' procedures). */
export function qualityRoutes(ctx: AppContext): Router {
  const r = Router();

  r.get('/quality/heatmap/:key', async (req, res) => {
    const user = requireUser(req);
    const period = readPeriod(req.query.from, req.query.to, ctx.engine.clock.now());
    res.json(await heatmapOf(ctx, user, req.params.key, readVersion(req.query.version), period));
  });

  r.get('/quality/early-warnings', async (req, res) => {
    const user = requireRole(req, 'sef', 'admin');
    const requests = await listAtRiskFor(ctx, user);
    res.json({ asOf: ctx.engine.clock.now().toISOString(), requests });
  });

  return r;
}
