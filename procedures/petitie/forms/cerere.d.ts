/* Generated from cerere.schema.json by npm run gen:types. Do not edit. */

export type NumeIPrenume = string;
/**
 * Aici primiți numărul de înregistrare și răspunsul.
 */
export type AdresaDeEMail = string;
export type TelefonOpIonal = string;
export type StradaNumarulBloculApartamentul = string;
export type Localitatea = string;
export type CodPoTal = string;
export type SubiectulPetiIei = string;
export type ConInutulPetiIei = string;
/**
 * @maxItems 5
 */
export type DocumenteAnexateOpIonal =
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

export interface PetiIe {
  nume: NumeIPrenume;
  email: AdresaDeEMail;
  telefon?: TelefonOpIonal;
  adresa: AdresaDeCorespondenA;
  subiect: SubiectulPetiIei;
  continut: ConInutulPetiIei;
  anexe?: DocumenteAnexateOpIonal;
}
/**
 * OG 27/2002 art. 7: petițiile fără date de identificare se clasează.
 */
export interface AdresaDeCorespondenA {
  strada: StradaNumarulBloculApartamentul;
  localitate: Localitatea;
  codPostal?: CodPoTal;
}
