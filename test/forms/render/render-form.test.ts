import { expect } from 'chai';
import { applyRowAction, parseFormPost, renderAnswers, renderForm, validateForm, type JsonSchema, type UiElement } from '../../../forms/index.ts';

const schema: JsonSchema = {
  type: 'object',
  required: ['nume', 'cnp', 'tip'],
  properties: {
    nume: { type: 'string', title: 'Nume și prenume', description: 'Ca în actul de identitate', 'x-labels': { en: { title: 'Full name', description: 'As on your identity card' } } },
    cnp: { type: 'string', title: 'CNP', format: 'cnp' },
    tip: { type: 'string', title: 'Tipul cererii', oneOf: [{ const: 'petitie', title: 'Petiție' }, { const: 'sesizare', title: 'Sesizare' }] },
    judet: { type: 'string', title: 'Județ', enum: ['Alba', 'Arad', 'Argeș', 'Bacău', 'Bihor', 'Iași'] },
    mesaj: { type: 'string', title: 'Mesaj', maxLength: 5000 },
    acord: { type: 'boolean', title: 'Sunt de acord cu prelucrarea datelor' },
    telefon: { type: 'string', title: 'Telefon', format: 'phone-ro' },
    adresa: { type: 'object', title: 'Adresa', required: ['strada'], properties: { strada: { type: 'string', title: 'Strada' }, codPostal: { type: 'string', title: 'Cod poștal', format: 'postal-code-ro' } } },
  },
};

describe('renderForm', () => {
  it('labels every control and marks required ones in words', () => {
    const html = renderForm(schema);
    for (const id of ['f-nume', 'f-cnp', 'f-judet', 'f-mesaj', 'f-acord', 'f-telefon', 'f-adresa-strada', 'f-adresa-codPostal']) {
      expect(html, id).to.match(new RegExp(`<label for="${id}">`));
      expect(html, id).to.match(new RegExp(`id="${id}"`));
    }
    expect(html).to.include('<span class="visually-hidden">(obligatoriu)</span>');
  });

  it('renders few options as radios in a fieldset and many as a select', () => {
    const html = renderForm(schema);
    expect(html).to.match(/<fieldset class="field" id="f-tip"[^>]*>\s*<legend>Tipul cererii/);
    expect(html).to.include('<input type="radio" id="f-tip-0" name="tip" value="petitie" required><label for="f-tip-0">Petiție</label>');
    expect(html).to.match(/<select id="f-judet" name="judet">/);
  });

  it('groups an address in a fieldset with a legend and nested names', () => {
    const html = renderForm(schema);
    expect(html).to.match(/<fieldset class="group" id="f-adresa">\s*<legend>Adresa<\/legend>/);
    expect(html).to.include('name="adresa[strada]"');
  });

  it('picks the right input for each format', () => {
    const html = renderForm(schema);
    expect(html).to.match(/<input type="tel" id="f-telefon" name="telefon" value="" autocomplete="tel" inputmode="tel"/);
    expect(html).to.match(/<textarea id="f-mesaj"/);
    expect(html).to.match(/<input type="checkbox" id="f-acord" name="acord" value="true">/);
  });

  it('draws anyOf of constants as options too, like oneOf, and asks to choose one', () => {
    const schema: JsonSchema = { type: 'object', properties: { tip: { type: 'string', title: 'Tip', anyOf: [{ const: 'a', title: 'Persoană fizică' }, { const: 'b', title: 'Firmă' }] } } };
    expect(renderForm(schema)).to.match(/<input type="radio" id="f-tip-1" name="tip" value="b"/).and.to.contain('Firmă');
    const result = validateForm(schema, { tip: 'c' }, { id: 'anyof', version: 1 });
    expect(result.valid ? [] : result.errors.map((e) => e.message)).to.deep.equal(['Alegeți una dintre variantele propuse pentru „Tip”.']);
  });

  it('gives a time of day the browser\'s time input', () => {
    const html = renderForm({ type: 'object', properties: { ora: { type: 'string', title: 'Ora', format: 'time' } } }, { data: { ora: '14:30' } });
    expect(html).to.match(/<input type="time" id="f-ora" name="ora" value="14:30"/);
  });

  it('speaks English when asked', () => {
    const html = renderForm(schema, { lang: 'en' });
    expect(html).to.include('Full name');
    expect(html).to.include('As on your identity card');
    expect(html).to.include('>Send</button>');
  });

  describe('a list of single values (an array of strings)', () => {
    const parcels: JsonSchema = { type: 'object', required: ['numere'], properties: { numere: { type: 'array', title: 'Numere cadastrale', minItems: 1, items: { type: 'string', title: 'Număr cadastral', minLength: 2 } } } };

    it('draws one field per value, named by its index, with buttons to add and remove rows', () => {
      const html = renderForm(parcels, { data: { numere: ['12345', '67890'] } });
      expect(html).to.include('<label for="f-numere-1">Număr cadastral 2').and.to.match(/id="f-numere-1" name="numere\[1\]" value="67890"/);
      expect(html).to.include('name="_remove" value="numere.1"').and.to.include('name="_add" value="numere"');
      expect(html).not.to.match(/name="numere" /);
    });

    it('reads the post back as a list, and an added row is an empty field', () => {
      const post = parseFormPost(parcels, { 'numere[0]': '12345', 'numere[1]': ' ', 'numere[2]': '67890', _add: 'numere' });
      expect(post.data).to.deep.equal({ numere: ['12345', '67890'] });
      expect(validateForm(parcels, post.data, { id: 'parcels', version: 1 }).valid).to.equal(true);
      const html = renderForm(parcels, { data: applyRowAction(post.data, post.action) });
      expect(html).to.match(/id="f-numere-2" name="numere\[2\]" value=""/);
    });

    it('lists the values under their row labels among the answers', () => {
      expect(renderAnswers(parcels, { numere: ['12345', '67890'] })).to.deep.equal([{ label: 'Număr cadastral 1', value: '12345' }, { label: 'Număr cadastral 2', value: '67890' }]);
    });
  });

  describe('when the schema gives defaults', () => {
    const withDefaults: JsonSchema = {
      type: 'object',
      properties: {
        tip: { type: 'string', title: 'Tipul', default: 'sesizare', oneOf: [{ const: 'petitie', title: 'Petiție' }, { const: 'sesizare', title: 'Sesizare' }] },
        localitate: { type: 'string', title: 'Localitatea', default: 'Brașov' },
        zile: { type: 'array', title: 'Zile', uniqueItems: true, default: ['luni'], items: { type: 'string', enum: ['luni', 'marți'] } },
        acord: { type: 'boolean', title: 'Acord', default: true },
      },
    };

    it('shows them in fields not yet answered: the radio chosen, the text filled, the boxes ticked', () => {
      const html = renderForm(withDefaults);
      expect(html).to.match(/value="sesizare"[^>]*checked/).and.not.to.match(/value="petitie"[^>]*checked/);
      expect(html).to.match(/id="f-localitate" name="localitate" value="Brașov"/);
      expect(html).to.match(/name="zile\[0\]"[^>]*checked/).and.not.to.match(/name="zile\[1\]"[^>]*checked/);
      expect(html).to.match(/id="f-acord"[^>]*checked/);
    });

    it('shows only answers given on the summary and among the clerk\'s answers, never a default', () => {
      const ui: UiElement = { type: 'Categorization', elements: [{ type: 'Category', label: 'Pasul', elements: [{ type: 'Control', scope: '#/properties/localitate' }, { type: 'Control', scope: '#/properties/tip' }] }] };
      const summary = renderForm(withDefaults, { data: { tip: 'petitie' }, uiSchema: ui, step: 1 });
      expect(summary).to.contain('Petiție').and.not.to.contain('Brașov');
      expect(renderAnswers(withDefaults, { tip: 'petitie' }).find((a) => a.label === 'Localitatea')).to.deep.equal({ label: 'Localitatea', value: '—' });
    });

    it('shows a field whose rule the default answer meets, as the page shows that answer', () => {
      const ui: UiElement = { type: 'VerticalLayout', elements: [
        { type: 'Control', scope: '#/properties/tip' },
        { type: 'Control', scope: '#/properties/localitate', rule: { effect: 'SHOW', condition: { scope: '#/properties/tip', schema: { const: 'sesizare' } } } },
      ] };
      expect(renderForm(withDefaults, { uiSchema: ui })).to.contain('id="f-localitate"');
      expect(renderForm(withDefaults, { uiSchema: ui, data: { tip: 'petitie' } })).not.to.contain('id="f-localitate"');
    });

    it('keeps the answers given over the defaults', () => {
      const html = renderForm(withDefaults, { data: { tip: 'petitie', localitate: 'Sibiu', zile: ['marți'], acord: false } });
      expect(html).to.match(/value="petitie"[^>]*checked/).and.not.to.match(/value="sesizare"[^>]*checked/);
      expect(html).to.match(/name="localitate" value="Sibiu"/);
      expect(html).to.match(/name="zile\[1\]"[^>]*checked/).and.not.to.match(/name="zile\[0\]"[^>]*checked/);
      expect(html).not.to.match(/id="f-acord"[^>]*checked/);
    });
  });

  describe('after a failed submission', () => {
    const data = { nume: '<script>alert(1)</script>', cnp: '1800101221145', adresa: { strada: '' } };
    const result = validateForm(schema, data, { id: 'render-test', version: 1 });
    const errors = result.valid ? [] : result.errors;
    const html = renderForm(schema, { data, errors });

    it('shows an error summary linking to each field', () => {
      expect(html).to.match(/<div class="error-summary" role="alert"/);
      expect(html).to.include('<a href="#f-cnp">Introduceți un CNP valid: 13 cifre, cu cifra de control corectă.</a>');
      expect(html).to.include('<a href="#f-tip">');
    });

    it('puts the message beside the field and ties it with aria-describedby', () => {
      expect(html).to.include('<p class="error" id="f-cnp-error">');
      expect(html).to.match(/id="f-cnp" name="cnp" value="1800101221145"[^>]*aria-describedby="f-cnp-error" aria-invalid="true"/);
    });

    it('keeps the values and escapes every one of them', () => {
      expect(html).to.include('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
      expect(html).not.to.include('<script>alert(1)</script>');
    });
  });
});
