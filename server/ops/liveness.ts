import type { RequestHandler } from 'express';
import type { AppContext } from '../context.ts';

/** `/health`: the process runs and its database answers (liveness; readiness is /health/ready). */
export function liveness(ctx: AppContext): RequestHandler {
  return async (_req, res) => {
    try {
      await ctx.db.query('select 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ error: { code: 'internal', message: 'The database does not answer' } });
    }
  };
}
