import { ROMANIAN } from './romanian.ts';

export type Translate = (template: string, replacements?: Record<string, string>) => string;

/** diagram-js's translate service, in Romanian or English (the keys). */
function translateFor(lang: 'ro' | 'en'): Translate {
  return (template, replacements = {}) => {
    const text = lang === 'ro' ? ROMANIAN[template] ?? template : template;
    return text.replace(/{([^}]+)}/g, (match, key: string) => replacements[key] ?? match);
  };
}

export function translateModule(lang: 'ro' | 'en') {
  return { translate: ['value', translateFor(lang)] };
}
