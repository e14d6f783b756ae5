import { expect } from 'chai';
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addField, fieldTypeLabel, fieldTypes, listFields } from '../../../designer/src/forms/field-list.ts';
import { parseFormPost, renderAnswers, renderForm, type JsonSchema } from '../../../forms/index.ts';
import { allWidgets, registerWidget, widgetFor, type Widget } from '../../../forms/widgets/index.ts';
import { readNumber, textOf } from '../../../forms/widgets/widget.ts';

/** A widget kept outside forms/widgets, as an installation would add one: a score from 1 to 5. */
const rating: Widget = {
  name: 'rating',
  matches: (node) => node['x-widget'] === 'rating',
  template: '<div class="field rating" id="{{id}}"><label for="{{id}}-in">{{label}}</label><input id="{{id}}-in" name="{{name}}" value="{{value}}" data-max="{{max}}"></div>\n',
  view: (_field, node, value) => ({ value: textOf(value), max: String(node.maximum ?? 5) }),
  answer: (view) => `${view.value || '0'} / ${String(view.max)}`,
  read: readNumber,
  absent: () => 0,
  designer: { label: { ro: 'Notă', en: 'Rating' }, rank: 15, node: () => ({ type: 'integer', minimum: 1, maximum: 5, 'x-widget': 'rating' }) },
};

const schema: JsonSchema = {
  type: 'object',
  properties: {
    nume: { type: 'string', title: 'Nume' },
    nota: { type: 'integer', title: 'Nota', maximum: 5, 'x-widget': 'rating' },
  },
};

describe('form widget registry', () => {
  it('puts a widget registered once in the renderer, the post parser and the designer field list', () => {
    const unregister = registerWidget(rating, { before: 'number' });
    try {
      const html = renderForm(schema, { data: { nota: 4 } });
      expect(html).to.contain('<div class="field rating" id="f-nota"><label for="f-nota-in">Nota</label><input id="f-nota-in" name="nota" value="4" data-max="5"></div>');
      expect(renderAnswers(schema, { nume: 'Ana', nota: 4 })).to.deep.equal([{ label: 'Nume', value: 'Ana' }, { label: 'Nota', value: '4 / 5' }]);
      expect(parseFormPost(schema, { nume: 'Ana', nota: ' 3 ' }).data).to.deep.equal({ nume: 'Ana', nota: 3 });
      expect(parseFormPost(schema, { nume: 'Ana' }).data).to.deep.equal({ nume: 'Ana', nota: 0 });
      expect(fieldTypes().map((t) => t.type).slice(0, 3)).to.deep.equal(['text', 'rating', 'textarea']);
      expect(fieldTypeLabel('rating', 'en')).to.equal('Rating');
      const added = addField({ type: 'object', properties: {} }, { name: 'scor', type: 'rating', label: { ro: 'Scor' } });
      expect((added.properties as Record<string, unknown>).scor).to.deep.equal({ type: 'integer', minimum: 1, maximum: 5, 'x-widget': 'rating', title: 'Scor' });
      expect(listFields(added, 'ro')).to.deep.equal([{ name: 'scor', type: 'rating', label: 'Scor', required: false }]);
    } finally {
      unregister();
    }
    expect(widgetFor((schema.properties as Record<string, JsonSchema>).nota!).name).to.equal('integer');
    expect(fieldTypes().map((t) => t.type)).not.to.include('rating');
    expect(renderForm(schema)).to.contain('<input type="text" id="f-nota" name="nota" value="" inputmode="numeric">');
  });

  it('asks the widgets in order, so the first that matches draws the node', () => {
    expect(widgetFor({ type: 'boolean', enum: [true, false] }).name).to.equal('boolean');
    expect(widgetFor({ type: 'string', enum: ['a', 'b'], maxLength: 500 }).name).to.equal('choice');
    expect(widgetFor({ type: 'number' }, { multi: true }).name).to.equal('textarea');
    expect(widgetFor({ type: 'array', 'x-upload': {}, items: { type: 'object' } }).name).to.equal('file');
    expect(widgetFor({ type: 'string', format: 'cnp' }).name).to.equal('text');
    expect(allWidgets().at(-1)!.name).to.equal('text');
  });

  it('refuses a second widget of the same name, or a name the renderer keeps for itself', () => {
    expect(() => registerWidget({ ...rating, name: 'choice' })).to.throw(/already exists/);
    expect(() => registerWidget({ ...rating, name: 'layout' })).to.throw(/renderer's own/);
    expect(() => registerWidget(rating, { before: 'nonexistent' })).to.throw(/No form widget/);
  });

  it('keeps each built-in widget in its own file with its template beside it', () => {
    for (const widget of allWidgets()) {
      expect(existsSync(new URL(`../../../forms/widgets/${widget.name}.ts`, import.meta.url)), widget.name).to.equal(true);
      expect(existsSync(new URL(`../../../forms/widgets/${widget.partial ?? widget.name}.hbs`, import.meta.url)), widget.name).to.equal(true);
    }
  });

  it('bundles for the browser, where the designer and the form validator use it', async () => {
    const result = await build({ entryPoints: [fileURLToPath(new URL('../../../forms/widgets/index.ts', import.meta.url))], bundle: true, write: false, platform: 'browser', format: 'iife', logLevel: 'silent' });
    expect(result.errors).to.deep.equal([]);
  });
});
