/* Generated from cerere.schema.json by npm run gen:types. Do not edit. */

export type CererePentruEliberareaCertificatuluiDeAtestareFiscala = {
  tipSolicitant: CertificatulSeCerePentru;
  nume: NumeleIPrenumeleSauDenumireaFirmei;
  cnp?: CNPPentruPersoaneFizice;
  cui?: CUICIFPentruPersoaneJuridice;
  email: AdresaDeEMail;
  scop?: ScopulOpIonalDeExempluVanzareaUnuiImobil;
};
export type CertificatulSeCerePentru = (OPersoanaFizicaCNP | OPersoanaJuridicaCUI) & string;
export type OPersoanaFizicaCNP = "persoana-fizica";
export type OPersoanaJuridicaCUI = "persoana-juridica";
export type NumeleIPrenumeleSauDenumireaFirmei = string;
export type CNPPentruPersoaneFizice = string;
export type CUICIFPentruPersoaneJuridice = string;
/**
 * Aici primiți numărul de înregistrare și certificatul.
 */
export type AdresaDeEMail = string;
export type ScopulOpIonalDeExempluVanzareaUnuiImobil = string;
