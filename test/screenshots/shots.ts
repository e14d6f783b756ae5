import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { Express } from 'express';
import type { Page } from 'playwright-core';

/** Takes a full-page PNG named like `forms/widgets-empty` under the output folder. */
export type Shot = (page: Page, name: string) => Promise<void>;

export function shooter(outDir: string, written: string[]): Shot {
  return async (page, name) => {
    const file = join(outDir, `${name}.png`);
    await mkdir(dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    written.push(file);
  };
}

export async function listen(app: Express): Promise<{ base: string; close: () => Promise<void> }> {
  const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
