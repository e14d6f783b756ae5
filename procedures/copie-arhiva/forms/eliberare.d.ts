/* Generated from eliberare.schema.json by npm run gen:types. Do not edit. */

export type DocumentulAFostGasitICopiaCertificataAFostEliberataLaAceastaCerereDinPaginaDocumentuluiInArhiva = boolean;
export type RaspunsulCatreSolicitant = string;
export type Semneaza = string;

export interface CautareInArhivaIEliberareaCopiei {
  gasit: DocumentulAFostGasitICopiaCertificataAFostEliberataLaAceastaCerereDinPaginaDocumentuluiInArhiva;
  raspuns: RaspunsulCatreSolicitant;
  semnatar: Semneaza;
}
