/* Generated from cerere.schema.json by npm run gen:types. Do not edit. */

export type DenumireaFirmei = string;
export type CodulUnicDeInregistrareCUI = string;
export type NumarulDeOrdineInRegistrulComerUluiOpIonal = string;
export type ReprezentantulLegal = string;
/**
 * Aici primiți numărul de înregistrare și actul emis.
 */
export type AdresaDeEMail = string;
export type TelefonOpIonal = string;
export type CodulCAEN4Cifre = string;
export type DescriereaActivitaIi = string;
export type ProgramulDeFuncIonareOpIonal = string;
export type Luni = "luni";
export type MarI = "marți";
export type Miercuri = "miercuri";
export type Joi = "joi";
export type Vineri = "vineri";
export type Sambata = "sâmbătă";
export type Duminica = "duminică";
export type ZileleInCareSpaIulEsteDeschisOpIonal = ((Luni | MarI | Miercuri | Joi | Vineri | Sambata | Duminica) &
  string)[];
export type StradaNumarulBloculApartamentul = string;
export type Localitatea = string;
export type CodPoTal = string;
export type SuprafaAMOpIonal = number;
/**
 * @maxItems 5
 */
export type DocumenteCertificatulDeInregistrareActulSpaIuluiAlteAvize =
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

export interface AutorizaIeDeFuncIonare {
  firma: FirmaSolicitanta;
  email: AdresaDeEMail;
  telefon?: TelefonOpIonal;
  activitate: Activitatea;
  sediu: AdresaSpaIuluiInCareSeDesfaOaraActivitatea;
  documente?: DocumenteCertificatulDeInregistrareActulSpaIuluiAlteAvize;
}
export interface FirmaSolicitanta {
  denumire: DenumireaFirmei;
  cui: CodulUnicDeInregistrareCUI;
  nrRegCom?: NumarulDeOrdineInRegistrulComerUluiOpIonal;
  reprezentant: ReprezentantulLegal;
}
export interface Activitatea {
  caen: CodulCAEN4Cifre;
  descriere: DescriereaActivitaIi;
  program?: ProgramulDeFuncIonareOpIonal;
  zile?: ZileleInCareSpaIulEsteDeschisOpIonal;
}
export interface AdresaSpaIuluiInCareSeDesfaOaraActivitatea {
  strada: StradaNumarulBloculApartamentul;
  localitate: Localitatea;
  codPostal?: CodPoTal;
  suprafata?: SuprafaAMOpIonal;
}
