/** What the page tells the designer through data attributes on #designer. */
export interface DesignerConfig {
  lang: 'ro' | 'en';
  /** API base without a trailing slash, e.g. /api/v1. */
  api: string;
  csrf: string;
  /** Procedure key being edited; unset for a new procedure. */
  key?: string;
}

export function readConfig(container: HTMLElement): DesignerConfig {
  const data = container.dataset;
  return {
    lang: data.lang === 'en' ? 'en' : 'ro',
    api: (data.api ?? '/api/v1').replace(/\/+$/, ''),
    csrf: data.csrf ?? '',
    ...(data.key ? { key: data.key } : {}),
  };
}
