import { Router } from 'express';
import type { AppContext } from '../context.ts';

/** Routes the designer needs beyond the public API (form previews, version comparison). */
export function designerRoutes(_ctx: AppContext): Router {
  return Router();
}
