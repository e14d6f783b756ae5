import { expect } from 'chai';
import { checkFormSchema, renderForm } from '../../forms/index.ts';
import { addField, addFieldToUi, checkField, emptyFormSchema, fieldTypeLabel, fieldTypes, listFields, parseOptions, removeField, removeFieldFromUi, takesOptions } from '../../designer/src/forms/field-list.ts';
import { previewDocument } from '../../designer/src/forms/preview.ts';

/** The forms panel's field list, in Node: the JSON Schema it writes compiles and renders as intended. */
describe('designer field list', () => {
  const base = emptyFormSchema('Cerere');

  it('writes each field type as the renderer and the validator read it', () => {
    let schema = base;
    schema = addField(schema, { name: 'suprafata', type: 'number', label: { ro: 'Suprafața', en: 'Area' }, help: { ro: 'În metri pătrați', en: 'In square metres' }, required: true });
    schema = addField(schema, { name: 'descriere', type: 'textarea', label: { ro: 'Descriere' } });
    schema = addField(schema, { name: 'data', type: 'date', label: { ro: 'Data' } });
    schema = addField(schema, { name: 'email', type: 'email', label: { ro: 'E-mail' }, required: true });
    schema = addField(schema, { name: 'telefon', type: 'phone', label: { ro: 'Telefon' } });
    schema = addField(schema, { name: 'etaje', type: 'integer', label: { ro: 'Etaje' } });
    schema = addField(schema, { name: 'acord', type: 'boolean', label: { ro: 'Sunt de acord' } });
    schema = addField(schema, { name: 'tip', type: 'choice', label: { ro: 'Tip' }, options: parseOptions('casa | Casă | House\nanexa | Anexă | Annex') });
    schema = addField(schema, { name: 'zona', type: 'choice', label: { ro: 'Zona' }, options: parseOptions('A\nB') });
    schema = addField(schema, { name: 'anexe', type: 'choices', label: { ro: 'Anexe' }, options: parseOptions('plan | Plan de situație | Site plan\ncf | Extras CF') });
    expect(checkFormSchema(schema)).to.deep.equal([]);
    const p = schema.properties as Record<string, Record<string, unknown>>;
    expect(p.suprafata).to.deep.equal({ type: 'number', title: 'Suprafața', description: 'În metri pătrați', 'x-labels': { en: { title: 'Area', description: 'In square metres' } } });
    expect(p.descriere).to.include({ type: 'string', 'x-widget': 'textarea' });
    expect(p.data).to.include({ format: 'date' });
    expect(p.telefon).to.include({ format: 'phone-ro' });
    expect(p.tip!.oneOf).to.deep.equal([{ const: 'casa', title: 'Casă', 'x-labels': { en: { title: 'House' } } }, { const: 'anexa', title: 'Anexă', 'x-labels': { en: { title: 'Annex' } } }]);
    expect(p.zona!.enum).to.deep.equal(['A', 'B']);
    expect(p.anexe).to.deep.include({ type: 'array', uniqueItems: true, items: { type: 'string', oneOf: [{ const: 'plan', title: 'Plan de situație', 'x-labels': { en: { title: 'Site plan' } } }, { const: 'cf', title: 'Extras CF' }] } });
    expect(schema.required).to.deep.equal(['suprafata', 'email']);
    expect(listFields(schema, 'en').map((f) => [f.name, f.type, f.label, f.required])).to.deep.equal([
      ['suprafata', 'number', 'Area', true], ['descriere', 'textarea', 'Descriere', false], ['data', 'date', 'Data', false],
      ['email', 'email', 'E-mail', true], ['telefon', 'phone', 'Telefon', false], ['etaje', 'integer', 'Etaje', false],
      ['acord', 'boolean', 'Sunt de acord', false], ['tip', 'choice', 'Tip', false], ['zona', 'choice', 'Zona', false], ['anexe', 'choices', 'Anexe', false],
    ]);
    const html = renderForm(schema, { lang: 'en' });
    expect(html).to.contain('<textarea').and.to.contain('type="date"').and.to.contain('type="tel"').and.to.contain('House').and.to.contain('name="anexe[0]" value="plan">');
    expect(base.properties).to.deep.equal({});
  });

  it('offers the widgets that can make a new field, short text first, and names the others as they are', () => {
    expect(fieldTypes().map((t) => t.type)).to.deep.equal(['text', 'textarea', 'number', 'integer', 'boolean', 'date', 'email', 'phone', 'choice', 'choices']);
    expect(fieldTypes().map((t) => t.label.ro)).to.deep.equal(['Text scurt', 'Text lung', 'Număr', 'Număr întreg', 'Da/Nu', 'Dată calendaristică', 'Adresă de e-mail', 'Telefon', 'Alegere dintr-o listă', 'Alegere multiplă']);
    expect([takesOptions('choice'), takesOptions('text')]).to.deep.equal([true, false]);
    expect([fieldTypeLabel('phone', 'en'), fieldTypeLabel('group', 'ro'), fieldTypeLabel('file', 'en')]).to.deep.equal(['Phone', 'group', 'file']);
    expect(checkField(base, { name: 'x', type: 'group', label: { ro: 'X' } }, 'en')).to.deep.equal(['There is no field type "group".']);
  });

  it('refuses a bad name, a duplicate, a missing label and a choice with one option', () => {
    const schema = addField(base, { name: 'nume', type: 'text', label: { ro: 'Nume' } });
    expect(checkField(schema, { name: 'nume', type: 'text', label: { ro: 'Alt nume' } }, 'ro')).to.have.length(1);
    expect(checkField(schema, { name: 'suprafață', type: 'text', label: { ro: 'S' } }, 'ro')).to.have.length(1);
    expect(checkField(schema, { name: '1a', type: 'text', label: { ro: '' } }, 'en')).to.have.length(2);
    expect(checkField(schema, { name: 'tip', type: 'choice', label: { ro: 'Tip' }, options: [{ value: 'a' }] }, 'ro')).to.have.length(1);
    expect(checkField(schema, { name: 'adresa', type: 'text', label: { ro: 'Adresa' } }, 'ro')).to.deep.equal([]);
  });

  it('removes a field from the properties, the required list and the UI schema', () => {
    let schema = addField(base, { name: 'a', type: 'text', label: { ro: 'A' }, required: true });
    schema = addField(schema, { name: 'b', type: 'text', label: { ro: 'B' }, required: true });
    let ui = addFieldToUi(addFieldToUi({ type: 'VerticalLayout', elements: [] }, 'a'), 'b');
    expect(ui).to.deep.equal({ type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/a' }, { type: 'Control', scope: '#/properties/b' }] });
    schema = removeField(schema, 'a');
    ui = removeFieldFromUi(ui, 'a');
    expect(Object.keys(schema.properties as object)).to.deep.equal(['b']);
    expect(schema.required).to.deep.equal(['b']);
    expect(ui).to.deep.equal({ type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/b' }] });
    const steps = addFieldToUi({ type: 'Categorization', elements: [{ type: 'Category', label: '1', elements: [] }, { type: 'Category', label: '2', elements: [] }] }, 'c');
    expect((steps!.elements as Array<{ elements: unknown[] }>)[1]!.elements).to.deep.equal([{ type: 'Control', scope: '#/properties/c' }]);
    expect(addFieldToUi(undefined, 'c')).to.equal(undefined);
  });

  it('wraps the preview in the portal’s stylesheets, escaping their addresses', () => {
    const doc = previewDocument('<form></form>', 'en', ['/static/forms.css', '/x".css']);
    expect(doc).to.contain('<html lang="en">').and.to.contain('<link rel="stylesheet" href="/static/forms.css">').and.to.contain('href="/x&quot;.css"').and.to.contain('<form></form>');
  });
});
