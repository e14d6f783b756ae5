import { expect } from 'chai';
import { renderForm } from '../../forms/index.ts';
import { addField, emptyFormSchema } from '../../designer/src/forms/field-list.ts';
import { addStep, assignField, losesDetail, moveStep, readSteps, removeStep, renameStep, setMulti, writeSteps } from '../../designer/src/forms/steps.ts';

/** The forms panel's steps section, in Node: schema + steps model <-> JSON Forms UI schema. */
describe('designer form steps', () => {
  let schema = emptyFormSchema('Cerere');
  schema = addField(schema, { name: 'nume', type: 'text', label: { ro: 'Nume', en: 'Name' } });
  schema = addField(schema, { name: 'adresa', type: 'text', label: { ro: 'Adresa', en: 'Address' } });
  schema = addField(schema, { name: 'suprafata', type: 'number', label: { ro: 'Suprafața', en: 'Area' } });
  const control = (name: string) => ({ type: 'Control', scope: `#/properties/${name}` });

  it('writes a single page as a VerticalLayout in schema order', () => {
    expect(readSteps(schema, undefined)).to.deep.equal({ multi: false, steps: [], assign: { nume: 0, adresa: 0, suprafata: 0 } });
    expect(writeSteps(schema, readSteps(schema, undefined))).to.deep.equal({ type: 'VerticalLayout', elements: [control('nume'), control('adresa'), control('suprafata')] });
    expect(readSteps(schema, { type: 'VerticalLayout', elements: [control('nume')] }).multi).to.equal(false);
  });

  it('writes steps as a Categorization of Categories with { ro, en } labels, and reads them back', () => {
    let model = setMulti(readSteps(schema, undefined), true);
    expect(model.steps).to.deep.equal([{ ro: 'Pasul 1', en: 'Step 1' }]);
    model = addStep(model);
    model = renameStep(model, 0, 'ro', 'Solicitantul');
    model = renameStep(model, 0, 'en', 'Applicant');
    model = renameStep(model, 1, 'ro', 'Lucrarea');
    model = renameStep(model, 1, 'en', '');
    model = assignField(model, 'suprafata', 1);
    const ui = writeSteps(schema, model);
    expect(ui).to.deep.equal({
      type: 'Categorization',
      elements: [
        { type: 'Category', label: { ro: 'Solicitantul', en: 'Applicant' }, elements: [control('nume'), control('adresa')] },
        { type: 'Category', label: { ro: 'Lucrarea' }, elements: [control('suprafata')] },
      ],
    });
    expect(readSteps(schema, ui)).to.deep.equal({
      multi: true,
      steps: [{ ro: 'Solicitantul', en: 'Applicant' }, { ro: 'Lucrarea', en: '' }],
      assign: { nume: 0, adresa: 0, suprafata: 1 },
    });
    expect(losesDetail(schema, ui)).to.equal(false);
    // The portal renders it as steps: "Pasul 1 din 2" with the step's title.
    const html = renderForm(schema, { lang: 'ro', uiSchema: ui as never });
    expect(html).to.contain('Pasul 1 din 2').and.to.contain('Solicitantul');
    const en = renderForm(schema, { lang: 'en', uiSchema: ui as never, step: 1 });
    expect(en).to.contain('Lucrarea');
  });

  it('reorders and removes steps with their fields, never below one step', () => {
    let model = setMulti(readSteps(schema, undefined), true);
    model = addStep(addStep(model));
    model = assignField(assignField(model, 'adresa', 1), 'suprafata', 2);
    const moved = moveStep(model, 2, -1);
    expect(moved.steps.map((s) => s.ro)).to.deep.equal(['Pasul 1', 'Pasul 3', 'Pasul 2']);
    expect(moved.assign).to.deep.equal({ nume: 0, adresa: 2, suprafata: 1 });
    expect(moveStep(model, 0, -1)).to.equal(model);
    const removed = removeStep(moved, 1);
    expect(removed.steps.map((s) => s.ro)).to.deep.equal(['Pasul 1', 'Pasul 2']);
    expect(removed.assign).to.deep.equal({ nume: 0, adresa: 1, suprafata: 0 });
    const one = removeStep(removeStep(removed, 0), 0);
    expect(one.steps).to.have.length(1);
    expect(Object.values(one.assign)).to.deep.equal([0, 0, 0]);
    // Turning steps off writes one page with every field.
    expect(writeSteps(schema, setMulti(model, false)).type).to.equal('VerticalLayout');
  });

  it('reads an existing Categorization: string labels, missing and unknown fields, nested controls', () => {
    const ui = {
      type: 'Categorization',
      elements: [
        { type: 'Category', label: 'Date', elements: [{ type: 'Group', label: 'g', elements: [control('adresa')] }, control('necunoscut')] },
        { type: 'Category', label: { ro: 'Al doilea' }, elements: [control('nume'), { type: 'Control', scope: '#/properties/adresa/properties/strada' }] },
      ],
    };
    const model = readSteps(schema, ui);
    expect(model.steps).to.deep.equal([{ ro: 'Date', en: '' }, { ro: 'Al doilea', en: '' }]);
    expect(model.assign).to.deep.equal({ adresa: 0, nume: 1, suprafata: 0 });
    expect(losesDetail(schema, ui)).to.equal(true);
    expect(losesDetail(schema, { type: 'VerticalLayout', elements: [control('nume')] })).to.equal(false);
    expect(losesDetail(schema, { type: 'VerticalLayout', elements: [{ ...control('nume'), rule: { effect: 'HIDE' } }] })).to.equal(true);
    // An empty title falls back to "Pasul N" so the step always has a heading.
    expect((writeSteps(schema, renameStep(model, 0, 'ro', ' ')).elements as Array<{ label: unknown }>)[0]!.label).to.deep.equal({ ro: 'Pasul 1' });
  });
});
