import { ROMANIAN } from './romanian.ts';

export type Translate = (template: string, replacements?: Record<string, string>) => string;

/** diagram-js's translate service, in Romanian or English (the keys); dmn-js takes another dictionary. */
function translateFor(lang: 'ro' | 'en', romanian: Record<string, string>): Translate {
  return (template, replacements = {}) => {
    const text = lang === 'ro' ? romanian[template] ?? template : template;
    return text.replace(/{([^}]+)}/g, (match, key: string) => replacements[key] ?? match);
  };
}

export function translateModule(lang: 'ro' | 'en', romanian: Record<string, string> = ROMANIAN) {
  return { translate: ['value', translateFor(lang, romanian)] };
}
