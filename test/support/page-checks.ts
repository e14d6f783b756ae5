import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { ROLES } from '../../server/auth/users.ts';
import type { Database } from '../../engine/index.ts';
import { listDepartments } from '../../server/departments/departments-store.ts';

/** What a page must never do at a width: scroll sideways, or hold an element that sticks out of it. */
export async function overflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    /** Inside a box that scrolls or clips by itself (a wide table's wrapper, the modeler), width is that box's business. */
    const contained = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1 || contained(el)) continue;
      const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
      problems.push(`${label} reaches ${Math.round(box.right)} px: "${(el.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return problems.slice(0, 8);
  });
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations of WCAG 2.1 A and AA, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') does not apply to it.
  await page.evaluate(AXE);
  const results: AxeResults = await page.evaluate(() => (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResults> } }).axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** A code people should never read, with the words shown instead (a code equal to its label is no leak). */
export interface KnownCode { code: string; ro: string; en: string }

/**
 * The identifiers that have labels, taken from the data: department codes, account roles, request
 * and clock statuses, the BPMN ids of the built-in procedures' elements, the file types.
 */
export async function knownCodes(db: Database): Promise<KnownCode[]> {
  const codes: KnownCode[] = (await listDepartments(db)).map((d) => ({ code: d.code, ...d.name }));
  const roles: Record<string, [string, string]> = { citizen: ['Cetățean', 'Citizen'], clerk: ['Funcționar', 'Clerk'], analyst: ['Analist', 'Analyst'], admin: ['Administrator', 'Administrator'] };
  for (const role of ROLES) codes.push({ code: role, ro: roles[role]?.[0] ?? role, en: roles[role]?.[1] ?? role });
  for (const [code, ro, en] of [['active', 'În lucru', 'active'], ['completed', 'Soluționată', 'Resolved'], ['terminated', 'Închisă', 'Closed'], ['incident', 'întârziere tehnică', 'technical delay'],
    ['running', 'curge', 'runs'], ['suspended', 'suspendat', 'suspended'], ['non-working', 'liberă', 'non-working'], ['application/pdf', 'PDF', 'PDF'], ['image/png', 'PNG', 'PNG'], ['image/jpeg', 'JPEG', 'JPEG']] as const) {
    codes.push({ code, ro, en });
  }
  const procedures = fileURLToPath(new URL('../../procedures/', import.meta.url));
  for (const key of readdirSync(procedures, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
    const xml = readFileSync(`${procedures}${key}/${key}.bpmn`, 'utf8');
    for (const m of xml.matchAll(/<bpmn:(?:userTask|serviceTask|sendTask|receiveTask|scriptTask|businessRuleTask|manualTask|task|callActivity|subProcess|startEvent|endEvent|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent|exclusiveGateway|parallelGateway|inclusiveGateway|eventBasedGateway)\b[^>]*?\bid="([^"]+)"(?:[^>]*?\bname="([^"]*)")?/g)) {
      codes.push({ code: m[1]!, ro: m[2] ?? m[1]!, en: m[2] ?? m[1]! });
    }
  }
  return codes;
}

/**
 * Visible texts made only of known codes ("registratura", "clerk", "registratura urbanism",
 * "(application/pdf)"): a text in a sentence may share a word with a code by chance, a text that is
 * nothing but codes is a code shown where its label belongs. `code` and `pre` elements show
 * identifiers on purpose and are left out.
 */
export async function rawCodes(page: Page, codes: KnownCode[], lang: 'ro' | 'en'): Promise<string[]> {
  const leaks = codes.filter((c) => c[lang] !== c.code).map((c) => c.code);
  return page.evaluate((list) => {
    const known = new Set(list);
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('code, pre, script, style, [hidden], .visually-hidden') || !(parent.tagName === 'OPTION' || parent.checkVisibility())) continue;
      // A label wrapped over several lines (an SVG text's tspans) is read whole.
      const text = parent.closest('text')?.textContent ?? node.textContent ?? '';
      const tokens = text.split(/[\s,;·()]+/).filter(Boolean);
      if (tokens.length > 0 && tokens.every((t) => known.has(t))) found.add(`"${text.trim()}" in <${parent.tagName.toLowerCase()}>`);
    }
    return [...found];
  }, leaks);
}
