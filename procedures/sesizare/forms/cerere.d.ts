/* Generated from cerere.schema.json by npm run gen:types. Do not edit. */

export type NumeIPrenume = string;
/**
 * Aici primiți numărul de înregistrare și răspunsul. Nu apare în lista publică.
 */
export type AdresaDeEMail = string;
export type CeFelDeProblemaEste = (
  IluminatPublic | DrumuriITrotuare | DeEuriISalubritate | SpaIiVerzi | AltaProblemaInSpaIulPublic
) &
  string;
export type IluminatPublic = "iluminat";
export type DrumuriITrotuare = "drumuri";
export type DeEuriISalubritate = "deseuri";
export type SpaIiVerzi = "spatii-verzi";
export type AltaProblemaInSpaIulPublic = "altele";
export type AdresaSauReperul = string;
export type LatitudineOpIonal = number;
export type LongitudineOpIonal = number;
export type DescriereaProblemei = string;
/**
 * De exemplu 21:30, pentru un felinar care nu se aprinde seara.
 */
export type OraLaCareAIObservatProblemaOpIonal = string;
/**
 * @maxItems 3
 */
export type FotografiiOpIonal =
  | []
  | [
      {
        id?: string;
        originalName?: string;
        mediaType?: string;
        size?: number;
        sha256?: string;
      }
    ]
  | [
      {
        id?: string;
        originalName?: string;
        mediaType?: string;
        size?: number;
        sha256?: string;
      },
      {
        id?: string;
        originalName?: string;
        mediaType?: string;
        size?: number;
        sha256?: string;
      }
    ]
  | [
      {
        id?: string;
        originalName?: string;
        mediaType?: string;
        size?: number;
        sha256?: string;
      },
      {
        id?: string;
        originalName?: string;
        mediaType?: string;
        size?: number;
        sha256?: string;
      },
      {
        id?: string;
        originalName?: string;
        mediaType?: string;
        size?: number;
        sha256?: string;
      }
    ];

export interface Sesizare {
  nume: NumeIPrenume;
  email: AdresaDeEMail;
  categorie: CeFelDeProblemaEste;
  locatie: UndeEsteProblema;
  descriere: DescriereaProblemei;
  ora?: OraLaCareAIObservatProblemaOpIonal;
  fotografii?: FotografiiOpIonal;
}
/**
 * Adresa sau un reper ajung; pe hartă puteți marca locul exact.
 */
export interface UndeEsteProblema {
  adresa: AdresaSauReperul;
  lat?: LatitudineOpIonal;
  lon?: LongitudineOpIonal;
}
