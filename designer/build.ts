import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ELEMENTS, EXECUTABLE_ELEMENTS, PASSIVE_ELEMENTS } from '../engine/index.ts';

/**
 * Bundles the designer for the browser (no CDN): designer.js plus the stylesheets bpmn-js and the
 * properties panel need, and dmn-designer.js (the decision-table page) with dmn-js's stylesheets. The server calls buildDesigner() when the bundle is missing or stale and
 * serves `outDir` at /designer/assets/.
 */

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const require = createRequire(import.meta.url);

/** Stylesheets in the order the page must link them, as [package file, name inside outDir]. */
const STYLESHEETS: Array<[from: string, to: string]> = [
  ['bpmn-js/dist/assets/diagram-js.css', 'diagram-js.css'],
  ['bpmn-js/dist/assets/bpmn-js.css', 'bpmn-js.css'],
  // bpmn.css loads its fonts from ../font/, so the folder layout is kept.
  ['bpmn-js/dist/assets/bpmn-font/css/bpmn.css', 'bpmn-font/css/bpmn.css'],
  ['@bpmn-io/properties-panel/dist/assets/properties-panel.css', 'properties-panel.css'],
];
const FONT_DIR = 'bpmn-js/dist/assets/bpmn-font/font';

/** dmn-js's stylesheets for the decision-table page; its diagram-js.css is an older copy than bpmn-js's, kept apart. */
const DMN_STYLESHEETS: Array<[from: string, to: string]> = [
  ['dmn-js/dist/assets/diagram-js.css', 'dmn-diagram-js.css'],
  ['dmn-js/dist/assets/dmn-js-shared.css', 'dmn-js-shared.css'],
  ['dmn-js/dist/assets/dmn-js-drd.css', 'dmn-js-drd.css'],
  ['dmn-js/dist/assets/dmn-js-decision-table.css', 'dmn-js-decision-table.css'],
  ['dmn-js/dist/assets/dmn-js-decision-table-controls.css', 'dmn-js-decision-table-controls.css'],
  // dmn.css loads its fonts from ../font/, so the folder layout is kept.
  ['dmn-js/dist/assets/dmn-font/css/dmn.css', 'dmn-font/css/dmn.css'],
];
const DMN_FONT_DIR = 'dmn-js/dist/assets/dmn-font/font';

/** Everything the bundle is made from, for the server's "is dist older than the sources" check. */
export const DESIGNER_SOURCES = [
  join(root, 'designer/src'),
  join(root, 'designer/build.ts'),
  join(root, 'forms/widgets'),
  join(root, 'engine/model/element-registry.ts'),
  join(root, 'engine/model/moddle-extension.json'),
  join(root, 'engine/core/iso-time.ts'),
  join(root, 'engine/browser.ts'),
];

/** What the browser learns about the engine: the same registry the compiler uses, frozen at build time. */
export function executableCatalogue(): typeof __DOSAR_EXECUTABLE__ {
  const executable: typeof __DOSAR_EXECUTABLE__['executable'] = {};
  for (const [bpmn, { type, events }] of Object.entries(EXECUTABLE_ELEMENTS)) {
    const { handler } = ELEMENTS[type];
    const runs = handler && handler.runs !== 'never' ? { handler: handler.withEvent ? { withEvent: handler.withEvent } : {} } : {};
    executable[bpmn] = { ...(events ? { events: [...events] } : {}), ...runs };
  }
  return { executable, passive: [...PASSIVE_ELEMENTS] };
}

export async function buildDesigner(outDir = 'designer/dist'): Promise<{ js: string; css: string[] }> {
  const out = resolve(root, outDir);
  await mkdir(join(out, 'bpmn-font/css'), { recursive: true });
  await mkdir(join(out, 'bpmn-font/font'), { recursive: true });
  await mkdir(join(out, 'dmn-font/css'), { recursive: true });
  await mkdir(join(out, 'dmn-font/font'), { recursive: true });

  await build({
    entryPoints: { designer: join(here, 'src/main.ts'), 'dmn-designer': join(here, 'src/dmn-main.ts') },
    outdir: out,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'silent',
    define: { __DOSAR_EXECUTABLE__: JSON.stringify(executableCatalogue()) },
  });

  const css: string[] = [];
  for (const [from, to] of STYLESHEETS) {
    await copyFile(require.resolve(from), join(out, to));
    css.push(to);
  }
  const fontDir = dirname(require.resolve(`${FONT_DIR}/bpmn.woff2`));
  for (const font of await readdir(fontDir)) await copyFile(join(fontDir, font), join(out, 'bpmn-font/font', font));
  await copyFile(join(here, 'src/designer.css'), join(out, 'designer.css'));
  css.push('designer.css');
  for (const [from, to] of DMN_STYLESHEETS) {
    await copyFile(require.resolve(from), join(out, to));
    css.push(to);
  }
  const dmnFontDir = dirname(require.resolve(`${DMN_FONT_DIR}/dmn.woff2`));
  for (const font of await readdir(dmnFontDir)) await copyFile(join(dmnFontDir, font), join(out, 'dmn-font/font', font));
  await copyFile(join(here, 'src/dmn-designer.css'), join(out, 'dmn-designer.css'));
  css.push('dmn-designer.css');

  return { js: join(out, 'designer.js'), css };
}

/** True when `<outDir>/designer.js` or `dmn-designer.js` is missing or older than any designer source. */
export async function designerNeedsBuild(outDir = 'designer/dist'): Promise<boolean> {
  const bundles = await Promise.all(['designer.js', 'dmn-designer.js'].map((name) => stat(join(resolve(root, outDir), name)).catch(() => undefined)));
  if (bundles.some((b) => !b)) return true;
  return (await newestChange(DESIGNER_SOURCES)) > Math.min(...bundles.map((b) => b!.mtimeMs));
}

async function newestChange(paths: string[]): Promise<number> {
  let newest = 0;
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    newest = Math.max(newest, info.mtimeMs);
    if (info.isDirectory()) newest = Math.max(newest, await newestChange((await readdir(path)).map((name) => join(path, name))));
  }
  return newest;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const outDir = process.argv[2] ?? 'designer/dist';
  const { js, css } = await buildDesigner(outDir);
  console.log(`designer: ${relative(process.cwd(), js)} + ${css.length} stylesheets`);
}
