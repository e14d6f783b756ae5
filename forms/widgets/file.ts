import type { Widget } from './widget.ts';

/**
 * A file upload (`x-upload` on an array): the files already kept are listed by their names, and a
 * file input adds more. Files never pass through `read`: the post reader streams them aside.
 */
export const file: Widget = {
  name: 'file',
  matches: (node) => Boolean(node['x-upload']),
  sendsFiles: true,
  view(_field, node, value, ctx) {
    const upload = ctx.uploadSpec(node)!;
    const stored = (Array.isArray(value) ? value : value ? [value] : []) as Array<{ originalName?: string }>;
    return { accept: upload.accept.join(','), multiple: upload.maxFiles > 1, files: stored.map((f) => String(f.originalName ?? '')) };
  },
  answer: (view) => view.files?.join(', ') || '—',
};
