import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { AppError } from '../../engine/index.ts';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

function executablePath(): string | undefined {
  const fromEnv = process.env.DOSAR_CHROMIUM;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return existsSync(DEFAULT_CHROMIUM) ? DEFAULT_CHROMIUM : undefined;
}

/**
 * Prints HTML documents to A4 PDF with one shared headless Chromium, a bounded number of pages at a
 * time (never inside a transaction: server/documents/issue-document.ts). Chromium is optional on a
 * server: where it is missing, render() throws and callers offer only the HTML version, so check
 * PdfRenderer.available() before promising a PDF.
 */
export class PdfRenderer {
  private browser?: Promise<Browser>;
  private printing = 0;
  private readonly waiting: Array<() => void> = [];

  /** `pages`: how many documents print at once; the rest wait their turn (Chromium is CPU- and memory-hungry). */
  constructor(private readonly pages = 2) {}

  static available(): boolean {
    return executablePath() !== undefined;
  }

  async render(html: string): Promise<Buffer> {
    if (this.printing >= this.pages) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.printing++;
    try {
      return await this.print(html);
    } finally {
      // The slot passes straight to the next waiter, if any.
      const next = this.waiting.shift();
      if (next) next();
      else this.printing--;
    }
  }

  private async print(html: string): Promise<Buffer> {
    const browser = await this.launch();
    // JavaScript off and no network: a document is static and must not fetch anything while printing.
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.route(/^(?!data:|about:)/, (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', printBackground: true });
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }

  private launch(): Promise<Browser> {
    const path = executablePath();
    if (!path) {
      throw new AppError(
        'internal',
        {
          ro: 'Generarea PDF necesită Chromium, care nu este instalat pe server (Debian: apt-get install -y chromium); versiunea HTML este disponibilă.',
          en: 'PDF rendering needs Chromium (Debian: apt-get install -y chromium); the HTML version is available.',
        },
      );
    }
    // One launch shared by concurrent callers; a failed or crashed browser is launched again next time.
    if (!this.browser) {
      const launching = chromium.launch({
        executablePath: path,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
      this.browser = launching;
      launching.then(
        (b) => b.on('disconnected', () => { if (this.browser === launching) this.browser = undefined; }),
        () => { if (this.browser === launching) this.browser = undefined; },
      );
    }
    return this.browser;
  }
}
