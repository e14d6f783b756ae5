/* Generated from cerere.schema.json by npm run gen:types. Do not edit. */

export type CererePentruEmitereaCertificatuluiDeUrbanism = {
  tipSolicitant: SolicitantulEste;
  nume?: NumeleIPrenumelePersoanaFizica;
  cnp?: CNPPersoanaFizica;
  denumire?: DenumireaFirmeiPersoanaJuridica;
  cui?: CUICIFPersoanaJuridica;
  email: AdresaDeEMail;
  teren: ImobilulTerenul;
  scop: ScopulCertificatului;
  detaliiScop?: DescriereaLucrarilorSauAOperaIuniiOpIonal;
  planSituatie: PlanulDeSituaIePDFJPGSauPNG;
  extrasCF: ExtrasulDeCarteFunciaraPentruInformarePDFJPGSauPNG;
};
export type SolicitantulEste = (OPersoanaFizicaCNP | OPersoanaJuridicaCUI) & string;
export type OPersoanaFizicaCNP = "persoana-fizica";
export type OPersoanaJuridicaCUI = "persoana-juridica";
export type NumeleIPrenumelePersoanaFizica = string;
export type CNPPersoanaFizica = string;
export type DenumireaFirmeiPersoanaJuridica = string;
export type CUICIFPersoanaJuridica = string;
/**
 * Aici primiți numărul de înregistrare, ordinul de plată și certificatul.
 */
export type AdresaDeEMail = string;
export type AdresaImobilului = string;
export type NumarulCadastralSauAlCarIiFunciare = string;
/**
 * Taxa se calculează după suprafață (Codul fiscal art. 474 alin. (1)).
 */
export type SuprafaATerenuluiM = number;
/**
 * @maxItems 20
 */
export type AlteNumereCadastralePentruAlipireOpIonal =
  | []
  | [NumarCadastral]
  | [NumarCadastral, NumarCadastral]
  | [NumarCadastral, NumarCadastral, NumarCadastral]
  | [NumarCadastral, NumarCadastral, NumarCadastral, NumarCadastral]
  | [NumarCadastral, NumarCadastral, NumarCadastral, NumarCadastral, NumarCadastral]
  | [NumarCadastral, NumarCadastral, NumarCadastral, NumarCadastral, NumarCadastral, NumarCadastral]
  | [NumarCadastral, NumarCadastral, NumarCadastral, NumarCadastral, NumarCadastral, NumarCadastral, NumarCadastral]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ]
  | [
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral,
      NumarCadastral
    ];
export type NumarCadastral = string;
export type ScopulCertificatului = (
  Construire | Demolare | AlipireSauDezlipireDeTerenuri | VanzareCumparare | AlteScopuri
) &
  string;
export type Construire = "construire";
export type Demolare = "demolare";
export type AlipireSauDezlipireDeTerenuri = "alipire-dezlipire";
export type VanzareCumparare = "vanzare-cumparare";
export type AlteScopuri = "alte";
export type DescriereaLucrarilorSauAOperaIuniiOpIonal = string;
/**
 * @minItems 1
 * @maxItems 2
 */
export type PlanulDeSituaIePDFJPGSauPNG =
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
    ];
/**
 * @minItems 1
 * @maxItems 2
 */
export type ExtrasulDeCarteFunciaraPentruInformarePDFJPGSauPNG =
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
    ];

export interface ImobilulTerenul {
  adresa: AdresaImobilului;
  numarCadastral: NumarulCadastralSauAlCarIiFunciare;
  suprafata: SuprafaATerenuluiM;
  alteNumereCadastrale?: AlteNumereCadastralePentruAlipireOpIonal;
}
