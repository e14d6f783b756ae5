import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { problemText } from '../../designer/src/problem-text.ts';

const root = new URL('../../', import.meta.url).pathname;

/** Every code a deploy check reports (`report('code', …)`, `add(…)`, `problem(…)`, `problems.push({ code: … })`) in the engine, the forms and the server. */
function reportedCodes(): string[] {
  const codes = new Set<string>();
  for (const dir of ['engine', 'forms', 'server']) {
    for (const file of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.includes('node_modules')) continue;
      const source = readFileSync(join(root, dir, file), 'utf8');
      for (const m of source.matchAll(/\b(?:report|add|problem)\('([a-z]+(?:-[a-z]+)*)'|problems\.push\(\{ (?:\.\.\.\w+, )?code: '([a-z-]+)'/g)) codes.add((m[1] ?? m[2])!);
    }
  }
  return [...codes].sort();
}

describe('the designer\'s problem texts', () => {
  it('says in Romanian every problem a deploy check can report, keeping the checker\'s words as detail', () => {
    const codes = reportedCodes();
    expect(codes).to.include.members(['retry-cycle-invalid', 'unreachable-element', 'template-missing', 'form-unsupported']);
    const untranslated = codes.filter((code) => problemText({ code, message: 'checker words' }, 'ro').text === 'checker words');
    expect(untranslated).to.deep.equal([]);
    expect(problemText({ code: 'retry-cycle-invalid', message: 'checker words' }, 'ro').detail).to.equal('checker words');
  });

  it('gives the checker\'s own words in English', () => {
    expect(problemText({ code: 'retry-cycle-invalid', message: 'checker words' }, 'en')).to.deep.equal({ text: 'checker words' });
  });
});
