import type { DocumentKind } from './archive-store.ts';

/**
 * A generated archive, the way a city hall's retro-digitised registry reads: Romanian names with
 * diacritics (both the comma and the old cedilla forms, as scanned text has them), streets, register
 * numbers and dates, and the typical documents (cereri, autorizații, certificate, hotărâri,
 * adeverințe, răspunsuri) with pages of 1–2 KB of text. About one document in six is an image-only
 * scan whose text came from OCR, with its errors (i→l, e→c, m→rn, lost diacritics). Deterministic
 * for a seed, so a bench corpus is the same every time.
 */
export interface GeneratedDossier {
  registerNumber: string;
  registerDate: string;
  year: number;
  nomenclatorCode: string;
  retentionYears: number | null;
  department: string;
  title: string;
  parties: string[];
  public: boolean;
  documents: GeneratedDocument[];
}

export interface GeneratedDocument {
  kind: DocumentKind;
  title: string;
  mediaType: string;
  fileName: string;
  textSource: 'pdf' | 'ocr' | 'none';
  pages: string[];
}

const FIRST = ['Ștefan', 'Ioana', 'Mihai', 'Andreea', 'Gheorghe', 'Elena', 'Ion', 'Maria', 'Vasile', 'Ana', 'Constantin', 'Alexandru', 'Cristina', 'Florin', 'Mădălina', 'Răzvan', 'Bogdan', 'Cătălina', 'Dumitru', 'Ileana', 'Nicolae', 'Petru', 'Radu', 'Sorin', 'Tudor', 'Valentina', 'Aurelia', 'Costel', 'Doina', 'Lucian', 'Marius', 'Oana', 'Silvia', 'Viorica', 'Adrian', 'Iulian', 'Ovidiu', 'Irina', 'Gabriela', 'Daniela', 'Ionuț', 'Cosmin', 'Ciprian', 'Mirela', 'Liviu', 'Ștefania', 'Teodora', 'Bianca', 'Sebastian', 'Anișoara'];
const LAST = ['Popescu', 'Ionescu', 'Popa', 'Rădulescu', 'Dumitrescu', 'Stoica', 'Stan', 'Gheorghiu', 'Munteanu', 'Țurcanu', 'Mureșan', 'Păun', 'Dobre', 'Bărbulescu', 'Constantinescu', 'Florea', 'Nistor', 'Sârbu', 'Moldovan', 'Lungu', 'Tănase', 'Neagu', 'Oprea', 'Vlad', 'Crăciun', 'Ene', 'Manole', 'Ștefănescu', 'Cristea', 'Pîrvu', 'Dinu', 'Bălan', 'Ursu', 'Zamfir', 'Șerban', 'Toma', 'Voicu', 'Coman', 'Marin', 'Ardeleanu', 'Enache', 'Iordache', 'Lazăr', 'Mocanu', 'Năstase', 'Olteanu', 'Preda', 'Roman', 'Sandu', 'Țepeș'];
const STREETS = ['Mihai Eminescu', 'Ștefan cel Mare', 'Avram Iancu', 'Nicolae Bălcescu', 'Tudor Vladimirescu', 'Libertății', 'Unirii', 'Republicii', 'Mărășești', 'Horea', 'Gheorghe Doja', 'Ion Creangă', 'Lalelelor', 'Teilor', 'Castanilor', 'Păcii', 'Independenței', '1 Decembrie 1918', 'Vasile Alecsandri', 'George Coșbuc', 'Lucian Blaga', 'Mihail Kogălniceanu', 'Alexandru Ioan Cuza', 'Traian', 'Decebal', 'Zorilor', 'Primăverii', 'Morii', 'Fabricii', 'Școlii'];
const BUILDINGS = ['casă de locuit P+1', 'garaj', 'anexă gospodărească', 'împrejmuire', 'spațiu comercial', 'extindere locuință', 'bloc de locuințe P+4', 'hală de depozitare', 'foișor', 'branșament la rețeaua de gaze'];

/** Department, nomenclator code, retention (years, null = permanent) and the kinds of documents its dossiers hold. */
const DEPARTMENTS: Array<{ code: string; nomenclator: string; retention: number | null; subject: (p: Person, s: string) => string; kinds: DocumentKind[] }> = [
  { code: 'urbanism', nomenclator: 'III-2', retention: null, subject: (p, s) => `Autorizație de construire — ${p.name}, str. ${s}`, kinds: ['cerere', 'certificat', 'autorizatie', 'raspuns'] },
  { code: 'urbanism', nomenclator: 'III-1', retention: 30, subject: (p, s) => `Certificat de urbanism — ${p.name}, str. ${s}`, kinds: ['cerere', 'certificat'] },
  { code: 'taxe', nomenclator: 'IV-3', retention: 10, subject: (p) => `Certificat de atestare fiscală — ${p.name}`, kinds: ['cerere', 'certificat', 'adeverinta'] },
  { code: 'social', nomenclator: 'V-4', retention: 10, subject: (p) => `Ajutor social — ${p.name}`, kinds: ['cerere', 'adeverinta', 'hotarare', 'raspuns'] },
  { code: 'registratura', nomenclator: 'I-7', retention: 5, subject: (p) => `Petiție — ${p.name}`, kinds: ['cerere', 'raspuns'] },
  { code: 'autorizari', nomenclator: 'VI-2', retention: 10, subject: (p, s) => `Autorizație de funcționare — ${p.name}, str. ${s}`, kinds: ['cerere', 'autorizatie', 'adeverinta'] },
  { code: 'conducere', nomenclator: 'II-1', retention: null, subject: () => 'Hotărâri ale Consiliului Local', kinds: ['hotarare', 'hotarare', 'altul'] },
];

interface Person { name: string; cnpYear: number }

/** mulberry32: small, fast, good enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeCorpus(seed: number) {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  // Older scans spell ș ț with a cedilla (ş ţ), as the typewriters and fonts of the time did.
  const cedilla = (s: string) => s.replace(/ș/g, 'ş').replace(/ț/g, 'ţ').replace(/Ș/g, 'Ş').replace(/Ț/g, 'Ţ');
  const person = (): Person => ({ name: `${pick(FIRST)} ${pick(LAST)}`, cnpYear: int(1930, 2000) });
  const date = (year: number) => `${year}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  const ro = (iso: string) => iso.split('-').reverse().join('.');

  const boilerplate = (p: Person, street: string, year: number): string[] => [
    `Subsemnatul/Subsemnata ${p.name}, născut(ă) în anul ${p.cnpYear}, domiciliat(ă) în municipiul Exemplu, str. ${street} nr. ${int(1, 180)}, bl. ${int(1, 40)}, ap. ${int(1, 90)}, județul Exemplu, posesor al actului de identitate seria EX nr. ${int(100000, 999999)},`,
    `Având în vedere prevederile Legii nr. 50/1991 privind autorizarea executării lucrărilor de construcții, republicată, cu modificările și completările ulterioare, precum și ale Legii nr. 215/2001 a administrației publice locale,`,
    `În temeiul art. ${int(2, 90)} alin. (${int(1, 6)}) din Ordonanța Guvernului nr. 27/2002 privind reglementarea activității de soluționare a petițiilor, vă comunicăm următoarele:`,
    `Documentația a fost verificată de compartimentul de specialitate, care a constatat că aceasta este completă și conformă cu reglementările urbanistice în vigoare la data de ${ro(date(year))}.`,
    `Prezentul act se eliberează la cererea titularului, pentru a-i servi la ${pick(['Oficiul de Cadastru și Publicitate Imobiliară', 'notarul public', 'instanța de judecată', 'Agenția Județeană pentru Plăți și Inspecție Socială', 'bancă', 'Direcția Generală a Finanțelor Publice'])}.`,
    `Taxa de eliberare în cuantum de ${int(5, 500)} lei a fost achitată cu chitanța nr. ${int(1000, 99999)} din ${ro(date(year))}.`,
    `Împotriva prezentului act se poate formula plângere prealabilă în termen de 30 de zile de la comunicare, potrivit Legii contenciosului administrativ nr. 554/2004.`,
    `Se anexează: copia actului de identitate, extrasul de carte funciară nr. ${int(10000, 99999)}, planul de situație la scara 1:500, memoriul tehnic și dovada achitării taxelor.`,
    `Primar, ${person().name}    Secretar general, ${person().name}    Întocmit, ${person().name}`,
  ];

  const kindText: Record<DocumentKind, (p: Person, street: string, year: number) => { title: string; lead: string }> = {
    cerere: (p, s) => ({ title: `Cerere — ${p.name}`, lead: `Domnule Primar, subsemnatul ${p.name}, cu domiciliul în str. ${s}, vă rog să-mi aprobați eliberarea ${pick(['autorizației de construire', 'certificatului de urbanism', 'certificatului de atestare fiscală', 'adeverinței de venit', 'autorizației de funcționare'])} pentru ${pick(BUILDINGS)}.` }),
    autorizatie: (p, s, y) => ({ title: `Autorizație de construire nr. ${int(1, 900)}/${y}`, lead: `Se autorizează ${p.name} să execute lucrările de ${pick(BUILDINGS)} pe terenul situat în str. ${s} nr. ${int(1, 180)}, cu o durată de execuție de ${int(6, 36)} luni.` }),
    certificat: (p, s, y) => ({ title: `Certificat ${pick(['de urbanism', 'de atestare fiscală', 'de nomenclatură stradală'])} nr. ${int(1, 2000)}/${y}`, lead: `Se certifică, pentru imobilul din str. ${s} nr. ${int(1, 180)}, proprietar ${p.name}, regimul juridic, economic și tehnic al terenului, în scopul ${pick(['construirii', 'vânzării', 'dezmembrării', 'alipirii', 'obținerii creditului ipotecar'])}.` }),
    hotarare: (_p, s, y) => ({ title: `Hotărârea Consiliului Local nr. ${int(1, 300)}/${y}`, lead: `Consiliul Local al Municipiului Exemplu, întrunit în ședință ordinară, hotărăște ${pick(['aprobarea bugetului local', 'modernizarea străzii', 'atribuirea denumirii străzii', 'concesionarea terenului din strada', 'reabilitarea termică a blocurilor de pe strada'])} ${s}.` }),
    adeverinta: (p, _s, y) => ({ title: `Adeverință nr. ${int(1, 5000)}/${y}`, lead: `Se adeverește prin prezenta că ${p.name} figurează în evidențele Primăriei Municipiului Exemplu ${pick(['fără datorii la bugetul local', 'cu rolul fiscal nr. ' + int(100, 99999), 'ca beneficiar de ajutor social', 'ca proprietar al terenului agricol de ' + int(1, 50) + ' ari'])}.` }),
    raspuns: (p) => ({ title: `Răspuns la petiția lui ${p.name}`, lead: `Stimate domnule/Stimată doamnă ${p.name}, ca urmare a petiției dumneavoastră, vă comunicăm că ${pick(['solicitarea a fost aprobată', 'lucrările au fost programate', 'situația a fost remediată', 'cererea nu poate fi soluționată favorabil', 'documentația trebuie completată'])}.` }),
    altul: (_p, _s, y) => ({ title: `Proces-verbal de ședință ${y}`, lead: 'Proces-verbal încheiat astăzi în ședința ordinară a Consiliului Local, cu participarea consilierilor locali în funcție.' }),
  };

  /** OCR's usual mistakes on a few words in a hundred; diacritics often lost. */
  const ocrNoise = (text: string): string => text.replace(/[\p{L}]{3,}/gu, (w) => {
    if (rnd() > 0.06) return rnd() < 0.3 ? w.normalize('NFD').replace(/\p{M}/gu, '') : w;
    const i = int(1, w.length - 1);
    const swap: Record<string, string> = { i: 'l', l: 'I', e: 'c', m: 'rn', a: 'o', n: 'r', o: '0', ț: 't', ș: 's', ă: 'a', î: 'i', u: 'v' };
    return w.slice(0, i) + (swap[w[i]!] ?? w[i]) + w.slice(i + 1);
  });

  const pageText = (lead: string, p: Person, street: string, year: number, chars: number): string => {
    const parts = [lead];
    const more = boilerplate(p, street, year);
    while (parts.join(' ').length < chars) parts.push(pick(more));
    return parts.join('\n');
  };

  return function dossier(index: number, firstNumber: number): GeneratedDossier {
    const dep = pick(DEPARTMENTS);
    const year = int(1990, 2025);
    const registerDate = date(year);
    const owner = person();
    const street = pick(STREETS);
    const old = year < 2004 && rnd() < 0.7;
    const parties = dep.code === 'conducere' ? [] : rnd() < 0.2 ? [owner.name, person().name] : [owner.name];
    const documents: GeneratedDocument[] = [];
    const count = int(1, 4);
    for (let d = 0; d < count; d++) {
      const kind = d === 0 && dep.kinds.includes('cerere') ? 'cerere' : pick(dep.kinds);
      const { title, lead } = kindText[kind](owner, street, year);
      const scan = rnd() < 0.17;
      const noText = scan && rnd() < 0.1;
      const pages = noText ? [] : Array.from({ length: int(1, 3) }, (_, n) => {
        const text = pageText(n === 0 ? lead : `Pagina ${n + 1}. ${lead}`, owner, street, year, int(900, 2000));
        const aged = old ? cedilla(text) : text;
        return scan ? ocrNoise(aged) : aged;
      });
      documents.push({ kind, title, mediaType: scan ? 'image/tiff' : 'application/pdf', fileName: `${String(index + firstNumber)}-${d + 1}.${scan ? 'tif' : 'pdf'}`, textSource: noText ? 'none' : scan ? 'ocr' : 'pdf', pages });
    }
    return {
      registerNumber: String(firstNumber + index), registerDate, year, nomenclatorCode: dep.nomenclator, retentionYears: dep.retention, department: dep.code,
      title: dep.subject(owner, street), parties, public: dep.code === 'conducere', documents,
    };
  };
}
