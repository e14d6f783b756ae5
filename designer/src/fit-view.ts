interface ViewBox { x: number; y: number; width: number; height: number; scale: number; inner: { x: number; y: number; width: number; height: number }; outer: { width: number; height: number } }
export interface FitCanvas { zoom(level: string): void; viewbox(box?: Partial<ViewBox>): ViewBox; getContainer(): HTMLElement }

/**
 * Fits the whole diagram in view with a margin, to the right of the palette: bpmn-js's own
 * 'fit-viewport' uses the full canvas, so the palette floats over the start of the process.
 */
export function fitClearOfPalette(canvas: FitCanvas): void {
  canvas.zoom('fit-viewport');
  const box = canvas.viewbox();
  if (box.inner.width <= 0 || box.inner.height <= 0) return;
  const container = canvas.getContainer();
  const palette = container.querySelector('.djs-palette');
  const margin = 24;
  const left = (palette ? palette.getBoundingClientRect().right - container.getBoundingClientRect().left : 0) + margin;
  const scale = Math.max(0.2, Math.min(1, (box.outer.width - left - margin) / box.inner.width, (box.outer.height - 2 * margin) / box.inner.height));
  canvas.viewbox({ x: box.inner.x - left / scale, y: box.inner.y - margin / scale, width: box.outer.width / scale, height: box.outer.height / scale });
}
