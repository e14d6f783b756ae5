import express, { Router } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../http/auth.ts';
import { listLatestPackages } from '../procedures/catalogue.ts';
import { allVersions } from '../procedures/versions-store.ts';
import { renderPage } from './view.ts';

const KEY = /^[A-Za-z_][\w.-]{0,254}$/;

/** The analysts' designer: the list of procedures and the bpmn-js modeler for one of them. */
export function designerPages(ctx: AppContext): Router {
  const r = Router();
  if (ctx.config.designerDir) r.use('/designer/assets', express.static(ctx.config.designerDir, { fallthrough: false }));

  r.get('/designer', async (req, res) => {
    requireRole(req, 'analyst', 'admin');
    const rows = await allVersions(ctx.db);
    const titles = new Map((await listLatestPackages(ctx.db)).map((p) => [p.key, p.meta.title]));
    const procedures = [...new Set(rows.map((r) => r.key))].map((key) => ({ key, title: titles.get(key) ?? { ro: key, en: key }, versions: rows.filter((v) => v.key === key) }));
    renderPage(req, res, 'designer-list', { title: req.lang === 'en' ? 'Procedure designer' : 'Proiectarea procedurilor', procedures });
  });

  const modeler = (key?: string) => async (req: express.Request, res: express.Response) => {
    requireRole(req, 'analyst', 'admin');
    renderPage(req, res, 'designer', { title: key ? `${req.lang === 'en' ? 'Designer' : 'Proiectare'}: ${key}` : (req.lang === 'en' ? 'New procedure' : 'Procedură nouă'), key, wide: true });
  };
  r.get('/designer/nou', modeler());
  r.get('/designer/proceduri/:key', (req, res) => {
    if (!KEY.test(req.params.key)) return res.redirect(303, '/designer');
    return modeler(req.params.key)(req, res);
  });
  return r;
}
