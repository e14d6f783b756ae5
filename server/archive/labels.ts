import type { Lang } from '../../forms/index.ts';
import type { DocumentKind, TextSource } from './archive-store.ts';

/** How people name the archive's kinds of documents and text sources. */
export const KIND_LABELS: Record<DocumentKind, Record<Lang, string>> = {
  cerere: { ro: 'Cerere', en: 'Application' },
  autorizatie: { ro: 'Autorizație', en: 'Permit' },
  certificat: { ro: 'Certificat', en: 'Certificate' },
  hotarare: { ro: 'Hotărâre', en: 'Decision' },
  adeverinta: { ro: 'Adeverință', en: 'Attestation' },
  raspuns: { ro: 'Răspuns', en: 'Answer' },
  altul: { ro: 'Alt document', en: 'Other document' },
};

export const TEXT_SOURCE_LABELS: Record<TextSource, Record<Lang, string>> = {
  pdf: { ro: 'stratul de text al PDF-ului', en: 'the PDF\'s text layer' },
  ocr: { ro: 'recunoaștere optică (OCR)', en: 'optical character recognition (OCR)' },
  none: { ro: 'fără text', en: 'no text' },
  native: { ro: 'documentul electronic însuși', en: 'the electronic document itself' },
};

export function retentionLabel(retention: number | 'permanent', lang: Lang): string {
  if (retention === 'permanent') return lang === 'en' ? 'permanent' : 'permanent';
  return lang === 'en' ? `${retention} years` : `${retention} ani`;
}
