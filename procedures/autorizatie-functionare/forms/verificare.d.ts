/* Generated from verificare.schema.json by npm run gen:types. Do not edit. */

/**
 * Dacă nu este, solicitantul este notificat și termenul se prelungește cu 10 zile (OUG 27/2003 art. 6 alin. (4)). Notificarea se poate face cel mai târziu cu 10 zile înainte de termen.
 */
export type DosarulEsteComplet = boolean;
export type DocumenteleCareLipsescNotificareaCatreSolicitant = string;

export interface VerificareaCompletitudiniiDosarului {
  complet: DosarulEsteComplet;
  acteLipsa?: DocumenteleCareLipsescNotificareaCatreSolicitant;
}
