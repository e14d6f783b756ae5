import { BpmnModdle } from 'bpmn-moddle';

/**
 * A deployed model drawn as SVG on the server, from its diagram information (BPMN DI): the task
 * page shows it as soon as the page is there, with no script and nothing drawn later, and its
 * labels wrap inside their shapes instead of overlapping. Read-only by nature; the designer keeps
 * bpmn-js for editing.
 */
interface Bounds { x: number; y: number; width: number; height: number }
interface DiElement {
  $type: string;
  bounds?: Bounds;
  waypoint?: Array<{ x: number; y: number }>;
  label?: { bounds?: Bounds };
  bpmnElement?: { $type: string; id: string; name?: string; eventDefinitions?: Array<{ $type: string }>; cancelActivity?: boolean };
}

/** Average glyph width of the 12 px sans-serif used for labels, to wrap without measuring. */
const CHAR = 6.6;
const LINE = 14;
const PAD = 24;

export async function diagramSvg(xml: string, options: { active?: string[]; title: string }): Promise<string> {
  const { rootElement } = await new BpmnModdle().fromXML(xml);
  const diagrams = (rootElement as unknown as { diagrams?: Array<{ plane?: { planeElement?: DiElement[] } }> }).diagrams ?? [];
  const items = diagrams[0]?.plane?.planeElement ?? [];
  const active = new Set(options.active ?? []);
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const grow = (x: number, y: number) => { box.minX = Math.min(box.minX, x); box.minY = Math.min(box.minY, y); box.maxX = Math.max(box.maxX, x); box.maxY = Math.max(box.maxY, y); };
  const parts: string[] = [];
  // Containers first, then flows, then shapes on top of the flows' ends, then labels over everything.
  const order = (d: DiElement) => (/Participant|Lane|SubProcess/.test(d.bpmnElement?.$type ?? '') ? 0 : d.$type === 'bpmndi:BPMNEdge' ? 1 : 2);
  const labels: string[] = [];
  for (const d of [...items].sort((a, b) => order(a) - order(b))) {
    const el = d.bpmnElement;
    if (!el) continue;
    const current = active.has(el.id) ? ' current' : '';
    if (d.$type === 'bpmndi:BPMNEdge' && d.waypoint?.length) {
      d.waypoint.forEach((p) => grow(p.x, p.y));
      if (el.$type !== 'bpmn:SequenceFlow' && el.$type !== 'bpmn:MessageFlow') continue;
      parts.push(`<polyline class="flow" points="${d.waypoint.map((p) => `${p.x},${p.y}`).join(' ')}" marker-end="url(#arrow)"/>`);
      if (el.name) labels.push(label(el.name, d.label?.bounds ?? midpoint(d.waypoint), 'flow-label', grow));
      continue;
    }
    const b = d.bounds;
    if (!b) continue;
    grow(b.x, b.y);
    grow(b.x + b.width, b.y + b.height);
    const type = el.$type.replace('bpmn:', '');
    if (type.endsWith('Event')) {
      const r = b.width / 2;
      const kind = type === 'EndEvent' ? ' end' : type === 'BoundaryEvent' || type.startsWith('Intermediate') ? ' intermediate' : '';
      parts.push(`<circle class="event${kind}${current}" cx="${b.x + r}" cy="${b.y + r}" r="${r}"/>`);
      if (kind === ' intermediate') parts.push(`<circle class="event-inner" cx="${b.x + r}" cy="${b.y + r}" r="${r - 3}"/>`);
      if (el.eventDefinitions?.some((e) => e.$type === 'bpmn:TimerEventDefinition')) parts.push(clock(b.x + r, b.y + r, r - 7));
      if (el.name) labels.push(label(el.name, d.label?.bounds ?? { x: b.x - 30, y: b.y + b.height + 4, width: b.width + 60, height: LINE }, 'outside', grow));
    } else if (type.endsWith('Gateway')) {
      const cx = b.x + b.width / 2;
      const cy = b.y + b.height / 2;
      parts.push(`<polygon class="gateway${current}" points="${cx},${b.y} ${b.x + b.width},${cy} ${cx},${b.y + b.height} ${b.x},${cy}"/>`);
      if (type === 'ExclusiveGateway') parts.push(`<path class="marker" d="M${cx - 7},${cy - 7}L${cx + 7},${cy + 7}M${cx + 7},${cy - 7}L${cx - 7},${cy + 7}"/>`);
      if (type === 'ParallelGateway') parts.push(`<path class="marker" d="M${cx},${cy - 10}V${cy + 10}M${cx - 10},${cy}H${cx + 10}"/>`);
      if (el.name) labels.push(label(el.name, d.label?.bounds ?? { x: b.x - 30, y: b.y + b.height + 4, width: b.width + 60, height: LINE }, 'outside', grow));
    } else if (/Participant|Lane/.test(type)) {
      parts.push(`<rect class="pool" x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}"/>`);
    } else if (/Task|Activity|SubProcess/.test(type)) {
      parts.push(`<rect class="activity${current}" x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="10"/>`);
      if (el.name) labels.push(label(el.name, { x: b.x + 4, y: b.y + 4, width: b.width - 8, height: b.height - 8 }, type.endsWith('SubProcess') ? 'inside top' : 'inside', grow));
      // The ad-hoc marker, a tilde at the bottom centre.
      if (type === 'AdHocSubProcess') parts.push(`<path class="marker" d="M${b.x + b.width / 2 - 8},${b.y + b.height - 8}q4,-6 8,0t8,0"/>`);
    }
  }
  if (!Number.isFinite(box.minX)) return '';
  const x = box.minX - PAD;
  const y = box.minY - PAD;
  const w = Math.ceil(box.maxX - box.minX + 2 * PAD);
  const h = Math.ceil(box.maxY - box.minY + 2 * PAD);
  return `<svg xmlns="http://www.w3.org/2000/svg" class="bpmn" viewBox="${x} ${y} ${w} ${h}" width="${w}" height="${h}" style="max-width: ${w}px; min-width: ${Math.min(w, 720)}px" role="img" aria-label="${escape(options.title)}">`
    + '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0L10,5L0,10z"/></marker></defs>'
    + parts.join('') + labels.join('') + '</svg>';
}

function midpoint(points: Array<{ x: number; y: number }>): Bounds {
  const a = points[Math.floor((points.length - 1) / 2)]!;
  const b = points[Math.floor((points.length - 1) / 2) + 1] ?? a;
  return { x: (a.x + b.x) / 2 - 45, y: (a.y + b.y) / 2 - LINE - 2, width: 90, height: LINE };
}

/** Text wrapped to its box's width (at least 90 px, so a short label box still reads). */
function label(text: string, b: Bounds, kind: string, grow: (x: number, y: number) => void): string {
  const width = Math.max(b.width, 90);
  const lines = wrap(text, Math.max(6, Math.floor(width / CHAR)));
  const cx = b.x + b.width / 2;
  const inside = kind.startsWith('inside');
  const top = inside && !kind.endsWith('top') ? b.y + b.height / 2 - (lines.length * LINE) / 2 + LINE - 3 : b.y + LINE - 3;
  grow(cx - width / 2, b.y);
  grow(cx + width / 2, top + (lines.length - 1) * LINE + 4);
  return `<text class="label ${kind}" x="${cx}" y="${top}" text-anchor="middle">${lines.map((l, i) => `<tspan x="${cx}" dy="${i === 0 ? 0 : LINE}">${escape(l)}</tspan>`).join('')}</text>`;
}

function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function clock(cx: number, cy: number, r: number): string {
  return `<circle class="event-inner" cx="${cx}" cy="${cy}" r="${r}"/><path class="marker thin" d="M${cx},${cy - r + 2}V${cy}H${cx + r - 3}"/>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
