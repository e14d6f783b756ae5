import express, { Router } from 'express';
import type { AppContext } from '../context.ts';
import { requireRole } from '../http/auth.ts';
import { AppError, isXmlName } from '../../engine/index.ts';
import { listLatestPackages } from '../procedures/catalogue.ts';
import { latestDecisionModel, latestDecisions } from '../procedures/decisions-store.ts';
import { allVersions } from '../procedures/versions-store.ts';
import { renderPage } from './view.ts';


/** The analysts' designer: the list of procedures and decision tables, the bpmn-js modeler and the dmn-js table editor. */
export function designerPages(ctx: AppContext): Router {
  const r = Router();
  if (ctx.config.designerDir) r.use('/designer/assets', express.static(ctx.config.designerDir, { fallthrough: false }));

  r.get('/designer', async (req, res) => {
    requireRole(req, 'analyst', 'admin');
    const rows = await allVersions(ctx.db);
    const titles = new Map((await listLatestPackages(ctx.db)).map((p) => [p.key, p.meta.title]));
    const procedures = [...new Set(rows.map((r) => r.key))].map((key) => ({ key, title: titles.get(key) ?? { ro: key, en: key }, versions: rows.filter((v) => v.key === key) }));
    const decisions = await latestDecisions(ctx.db);
    renderPage(req, res, 'designer-list', { title: req.lang === 'en' ? 'Procedure designer' : 'Proiectarea procedurilor', procedures, decisions });
  });

  const modeler = (key?: string) => async (req: express.Request, res: express.Response) => {
    requireRole(req, 'analyst', 'admin');
    renderPage(req, res, 'designer', { title: key ? `${req.lang === 'en' ? 'Designer' : 'Proiectare'}: ${key}` : (req.lang === 'en' ? 'New procedure' : 'Procedură nouă'), key, wide: true });
  };
  r.get('/designer/nou', modeler());
  r.get('/designer/proceduri/:key', (req, res) => {
    if (!isXmlName(req.params.key)) return res.redirect(303, '/designer');
    return modeler(req.params.key)(req, res);
  });
  /** dmn-js's decision-table editor on a deployed decision's latest version; the page's script loads it through the API. */
  r.get('/designer/decizii/:key', async (req, res) => {
    requireRole(req, 'analyst', 'admin');
    const key = req.params.key;
    const found = isXmlName(key) ? await latestDecisionModel(ctx.db, key) : undefined;
    if (!found) throw new AppError('decision-not-found', { ro: `Decizia „${key}” nu este implementată.`, en: `Decision "${key}" is not deployed.` });
    renderPage(req, res, 'decision-table', { title: `${req.lang === 'en' ? 'Decision table' : 'Tabel de decizie'}: ${found.name ?? key}`, key, wide: true });
  });
  return r;
}
