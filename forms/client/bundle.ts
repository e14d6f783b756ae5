import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { RequestHandler } from 'express';

let bundle: Promise<string> | undefined;

/** The browser validator, bundled on first use (about a second) and kept in memory: nothing to build by hand, nothing stale. */
function formsClientScript(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('./validate-in-browser.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text).catch((err: unknown) => {
    bundle = undefined;
    throw err;
  });
  return bundle;
}

/** Serves the validator as a script of this origin (the pages' CSP allows only 'self'). */
export const serveFormsClient: RequestHandler = async (_req, res, next) => {
  try {
    res.type('application/javascript').setHeader('Cache-Control', 'public, max-age=3600').send(await formsClientScript());
  } catch (err) {
    next(err);
  }
};
