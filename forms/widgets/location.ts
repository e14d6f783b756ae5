import { group } from './group.ts';
import type { Widget } from './widget.ts';

/**
 * A place (`"x-widget": "location"` on an object with an address and optional `lat`/`lon`): the
 * address fields work alone, without JavaScript or map tiles; where the portal has a map, a click on
 * it fills the coordinates (server/pages/static/map.js).
 */
export const location: Widget = {
  name: 'location',
  matches: (node) => node['x-widget'] === 'location' && node.type === 'object' && Boolean(node.properties),
  view(field, node, value, ctx) {
    const children = group.view(field, node, value, ctx).children ?? [];
    const input = (key: string) => children.find((c) => c.name.endsWith(`[${key}]`))?.name;
    return {
      children,
      latName: input('lat'),
      lonName: input('lon'),
      mapLabel: ctx.lang === 'en' ? 'Map: click the place to fill in its coordinates' : 'Hartă: faceți clic pe loc pentru a completa coordonatele',
    };
  },
  answer: (view) => {
    const parts = (view.children as Array<{ value?: string }> | undefined)?.map((c) => c.value).filter((v) => v !== undefined && v !== '') ?? [];
    return parts.join(', ') || '—';
  },
};
