/* Generated from verificare.schema.json by npm run gen:types. Do not edit. */

/**
 * Dacă nu este, termenul se prelungește cu 10 zile (OUG 27/2003 art. 6 alin. (4), (5)); trimiteți solicitantului lista documentelor lipsă cu „Cereți completarea” (termenul nu se suspendă). Notificarea se poate face cel mai târziu cu 10 zile înainte de termen.
 */
export type DosarulEsteComplet = boolean;
export type DocumenteleCareLipsescPentruDosar = string;

export interface VerificareaCompletitudiniiDosarului {
  complet: DosarulEsteComplet;
  acteLipsa?: DocumenteleCareLipsescPentruDosar;
}
