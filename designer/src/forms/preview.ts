/**
 * The preview document: the server's rendering of the form inside the portal's own stylesheets,
 * shown in a sandboxed iframe (no scripts, no submission, no access to the designer page).
 */
export function previewDocument(html: string, lang: 'ro' | 'en', stylesheets: string[]): string {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeAttribute(href)}">`).join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${links}</head>`
    + `<body><main class="dosar-page" style="padding:1rem">${html}</main></body></html>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Runs `task` once calls stop for `delay` ms; a newer call aborts the one in flight. */
export function debounced(task: (signal: AbortSignal) => Promise<void>, delay: number): { schedule(now?: boolean): void; flush(): Promise<void> } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    timer = undefined;
    controller?.abort();
    const current = new AbortController();
    controller = current;
    running = task(current.signal).catch((err: Error) => {
      if (err.name !== 'AbortError') throw err;
    });
  };
  return {
    schedule(now = false) {
      if (timer) clearTimeout(timer);
      if (now) run();
      else timer = setTimeout(run, delay);
    },
    async flush() {
      if (timer) {
        clearTimeout(timer);
        run();
      }
      await running;
    },
  };
}
