import { expect } from 'chai';
import { AppError } from '../../engine/errors.ts';
import { assertStorableText, findUnstorableText, hasUnstorableCharacterReference, hasUnstorableJsonEscape, isStorableText } from '../../engine/storable-text.ts';

describe('storable text', () => {
  describe('isStorableText', () => {
    it('accepts Romanian text and characters outside the BMP written as surrogate pairs', () => {
      for (const text of ['', 'Groapă în asfalt, ș ț â î', 'emoji 😀 and 𝄞', 'tab\tnewline\n']) expect(isStorableText(text), text).to.equal(true);
    });

    it('does not accept NUL, nor a high or low surrogate without its pair', () => {
      for (const text of ['a\u0000', '\u0000', 'a\ud800', '\ud800b', 'a\udc00b', '\udc00\ud800', '😀'.slice(0, 1)]) expect(isStorableText(text), JSON.stringify(text)).to.equal(false);
    });
  });

  describe('findUnstorableText', () => {
    it('gives the JSON pointer of the first bad value or key', () => {
      expect(findUnstorableText({ a: [1, 'ok', { 'b/c': 'x\u0000' }] })).to.equal('/a/2/b~1c');
      expect(findUnstorableText({ ok: 1, ['k\ud800']: 1 })).to.equal('/k\ufffd');
      expect(findUnstorableText('a\u0000')).to.equal('');
    });

    it('walks nesting deeper than the call stack', () => {
      let deep: unknown = 'x\u0000';
      for (let i = 0; i < 100_000; i++) deep = [deep];
      expect(findUnstorableText(deep)).to.have.length(200_000);
    });

    it('does not find anything in storable values', () => {
      expect(findUnstorableText({ a: [1, null, true, 'ș'], b: { c: '😀' } })).to.equal(undefined);
    });
  });

  describe('assertStorableText', () => {
    it('throws the given code, in Romanian and English, with the pointer', () => {
      const err = (() => { try { assertStorableText({ x: 'a\u0000' }, { ro: 'Datele', en: 'The data' }, 'xml-invalid'); } catch (e) { return e as AppError; } })();
      expect(err).to.be.instanceOf(AppError);
      expect(err!.code).to.equal('xml-invalid');
      expect(err!.details).to.deep.equal({ pointer: '/x' });
      expect(err!.wording!.ro).to.contain('Datele (/x) conține');
      expect(err!.message).to.contain('The data (/x) contains');
    });
  });

  describe('hasUnstorableJsonEscape', () => {
    it('finds NUL and lone surrogates in what JSON.stringify writes', () => {
      for (const v of ['a\u0000', '\ud800', 'x\udfffy', '\\\u0000']) expect(hasUnstorableJsonEscape(JSON.stringify({ v })), JSON.stringify(v)).to.equal(true);
    });

    it('does not mistake an escaped backslash followed by u0000, nor a surrogate pair, for one', () => {
      for (const v of ['\\u0000', '\\ud800', '😀', 'Ștefan', '\\\\u0000']) expect(hasUnstorableJsonEscape(JSON.stringify({ v })), JSON.stringify(v)).to.equal(false);
    });
  });

  describe('hasUnstorableCharacterReference', () => {
    it('finds references to NUL and to surrogates, in hex or decimal', () => {
      for (const xml of ['<a b="&#0;"/>', '<a>&#x0000;</a>', '<a>&#xD800;</a>', '<a>&#xdfff;</a>', '<a>&#55296;</a>']) expect(hasUnstorableCharacterReference(xml), xml).to.equal(true);
    });

    it('does not flag other references', () => {
      expect(hasUnstorableCharacterReference('<a b="&#x219;&#536;&#x1F600;&amp;"/>')).to.equal(false);
    });
  });
});
