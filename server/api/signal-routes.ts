import { Router } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../http/auth.ts';
import { broadcastSignal } from '../signals/broadcast-signal.ts';

/** BPMN signals, broadcast to every instance waiting for them (analysts and admins). */
export function signalRoutes(ctx: AppContext): Router {
  const r = Router();

  r.post('/signals/:name', async (req, res) => {
    const user = requireRole(req, 'analyst', 'admin');
    res.json(await broadcastSignal(ctx, user, req.params.name, (req.body as { data?: unknown } | undefined)?.data));
  });

  return r;
}
