import type { JsonSchema } from '../validation/validate-form.ts';
import { boolean } from './boolean.ts';
import { choice } from './choice.ts';
import { choices } from './choices.ts';
import { date } from './date.ts';
import { email } from './email.ts';
import { file } from './file.ts';
import { group } from './group.ts';
import { integer } from './integer.ts';
import { list } from './list.ts';
import { location } from './location.ts';
import { number } from './number.ts';
import { phone } from './phone.ts';
import { text } from './text.ts';
import { textarea } from './textarea.ts';
import { time } from './time.ts';
import type { MatchHints, Widget } from './widget.ts';

/**
 * Every form widget, in the order they are asked whether they draw a schema node: the first to
 * say yes wins, so the more particular come first and `text`, which takes anything, comes last.
 * The renderer, the post parser and the designer's field list all read this list.
 */
const WIDGETS: Widget[] = [
  location,
  group,
  file,
  choices,
  list,
  boolean,
  choice,
  textarea,
  number,
  integer,
  date,
  time,
  email,
  phone,
  text,
];

/** Names the renderer uses for views that are not widgets (a UI schema's HorizontalLayout). */
const RESERVED = new Set(['layout', 'field']);

/** The widget that draws a node. */
export function widgetFor(node: JsonSchema, hints: MatchHints = {}): Widget {
  return WIDGETS.find((w) => w.matches(node, hints)) ?? text;
}

export function widgetNamed(name: string): Widget | undefined {
  return WIDGETS.find((w) => w.name === name);
}

/** Every widget, in matching order. */
export function allWidgets(): readonly Widget[] {
  return WIDGETS;
}

/**
 * Adds a widget kept outside this folder (an installation's, a test's) before the named one, or
 * just before `text`; returns the way to take it out again.
 */
export function registerWidget(widget: Widget, options: { before?: string } = {}): () => void {
  if (RESERVED.has(widget.name)) throw new Error(`"${widget.name}" names one of the renderer's own templates, not a widget.`);
  if (widgetNamed(widget.name)) throw new Error(`A form widget named "${widget.name}" already exists.`);
  const at = WIDGETS.findIndex((w) => w.name === (options.before ?? text.name));
  if (at < 0) throw new Error(`No form widget named "${options.before}".`);
  WIDGETS.splice(at, 0, widget);
  return () => {
    const index = WIDGETS.indexOf(widget);
    if (index >= 0) WIDGETS.splice(index, 1);
  };
}

export type { DesignerFieldSpec, FieldBase, FieldView, MatchHints, Widget } from './widget.ts';
