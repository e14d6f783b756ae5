/** What the page tells the designer through data attributes on #designer. */
export interface DesignerConfig {
  lang: 'ro' | 'en';
  /** API base without a trailing slash, e.g. /api/v1. */
  api: string;
  csrf: string;
  /** Procedure key being edited; unset for a new procedure. */
  key?: string;
  /** The portal's stylesheets, for form previews that look as citizens see them. */
  formStylesheets: string[];
}

export function readConfig(container: HTMLElement): DesignerConfig {
  const data = container.dataset;
  return {
    lang: data.lang === 'en' ? 'en' : 'ro',
    api: (data.api ?? '/api/v1').replace(/\/+$/, ''),
    csrf: data.csrf ?? '',
    ...(data.key ? { key: data.key } : {}),
    formStylesheets: (data.formCss ?? '/static/forms.css /static/portal.css').split(/\s+/).filter(Boolean),
  };
}
