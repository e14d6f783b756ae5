/**
 * The DCAT-AP catalogue (JSON-LD) of the open data, for data.gov.ro (CKAN with ckanext-dcat) to
 * harvest. Licence: CC BY 4.0, named by its EU Publications Office authority URI, the licence
 * vocabulary DCAT-AP asks for; it is the licence data.gov.ro offers besides OGL-ROU-1.0, is known
 * to every harvester and reuser abroad, and asks only for attribution, as OGL-ROU-1.0 does.
 */
const LICENCE = 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0';

export interface CatalogInput {
  publicUrl: string;
  institution: string;
  /** The published months' span, null when nothing is published yet. */
  span: { from: string; to: string } | null;
  /** When the data last changed: the day after the last published month ends. */
  modified: string;
}

const lit = (ro: string, en: string) => [{ '@value': ro, '@language': 'ro' }, { '@value': en, '@language': 'en' }];

export function catalog(input: CatalogInput): Record<string, unknown> {
  const base = `${input.publicUrl}/date-deschise`;
  const publisher = { '@id': `${input.publicUrl}/#institutie`, '@type': 'foaf:Agent', 'foaf:name': input.institution };
  const distribution = (format: 'csv' | 'json') => ({
    '@id': `${base}/cereri-lunare.${format}#distributie`,
    '@type': 'dcat:Distribution',
    'dct:title': lit(`Cereri lunare (${format.toUpperCase()})`, `Monthly requests (${format.toUpperCase()})`),
    'dcat:accessURL': { '@id': base },
    'dcat:downloadURL': { '@id': `${base}/cereri-lunare.${format}` },
    'dcat:mediaType': { '@id': `https://www.iana.org/assignments/media-types/${format === 'csv' ? 'text/csv' : 'application/json'}` },
    'dct:format': { '@id': `http://publications.europa.eu/resource/authority/file-type/${format.toUpperCase()}` },
    'dct:license': { '@id': LICENCE },
    'dct:modified': { '@value': input.modified, '@type': 'xsd:date' },
  });
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${base}/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': lit(`Date deschise — ${input.institution}`, `Open data — ${input.institution}`),
    'dct:description': lit('Cifrele serviciilor publice ale primăriei, publicate lunar.', 'The city hall\'s public service figures, published monthly.'),
    'dct:publisher': publisher,
    'foaf:homepage': { '@id': base },
    'dct:license': { '@id': LICENCE },
    'dct:modified': { '@value': input.modified, '@type': 'xsd:date' },
    'dcat:dataset': [{
      '@id': `${base}#cereri-lunare`,
      '@type': 'dcat:Dataset',
      'dct:identifier': `${base}#cereri-lunare`,
      'dct:title': lit('Cereri pe procedură și lună', 'Requests per procedure and month'),
      'dct:description': lit(
        'Pentru fiecare procedură și lună încheiată: cereri primite, soluționate, soluționate în termenul legal, ponderea lor și durata mediană în zile lucrătoare. Cifre agregate, fără date personale.',
        'For each procedure and completed month: requests received, resolved, resolved within the legal term, their share and the median duration in working days. Aggregates, no personal data.'),
      'dcat:keyword': [{ '@value': 'servicii publice', '@language': 'ro' }, { '@value': 'public services', '@language': 'en' }],
      'dct:publisher': publisher,
      'dct:license': { '@id': LICENCE },
      'dct:accrualPeriodicity': { '@id': 'http://publications.europa.eu/resource/authority/frequency/MONTHLY' },
      'dct:language': [{ '@id': 'http://publications.europa.eu/resource/authority/language/RON' }, { '@id': 'http://publications.europa.eu/resource/authority/language/ENG' }],
      'dct:modified': { '@value': input.modified, '@type': 'xsd:date' },
      ...(input.span ? { 'dct:temporal': { '@type': 'dct:PeriodOfTime', 'dcat:startDate': { '@value': input.span.from, '@type': 'xsd:date' }, 'dcat:endDate': { '@value': input.span.to, '@type': 'xsd:date' } } } : {}),
      'dcat:landingPage': { '@id': base },
      'dcat:distribution': [distribution('csv'), distribution('json')],
    }],
  };
}
