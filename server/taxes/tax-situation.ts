/**
 * The adapter between Dosar and a city's tax records: given a taxpayer's CNP (a person) or CUI (a
 * company), the local fiscal body's debts by category, each paid up or not (Legea 207/2015 art. 159
 * alin. (2): what the certificate of fiscal attestation lists). The built-in source reads a CSV file
 * (csv-tax-source.ts); a city's own tax system plugs in behind the same interface (README.md).
 */
export type TaxpayerKind = 'cnp' | 'cui';

export interface TaxpayerId {
  kind: TaxpayerKind;
  /** Digits only: a CUI without its "RO" prefix. */
  code: string;
}

export interface TaxDebt {
  /** e.g. "impozit-cladiri", "impozit-teren", "impozit-mijloace-transport", "amenzi". */
  category: string;
  /** Amounts in lei, with bani as decimals. */
  due: number;
  paid: number;
  /** What remains to pay: due - paid, never below 0. */
  outstanding: number;
  paidUp: boolean;
}

export interface TaxSituation {
  taxpayer: TaxpayerId & { name: string };
  debts: TaxDebt[];
  totalOutstanding: number;
  paidUp: boolean;
}

export interface TaxSituationSource {
  /** The taxpayer's situation, or undefined when the tax records do not know them. */
  situation(id: TaxpayerId): Promise<TaxSituation | undefined>;
}

/** Builds a situation from its debts, summing in bani so that 0.1 + 0.2 stays 0.30. */
export function summarise(taxpayer: TaxSituation['taxpayer'], rows: Array<{ category: string; due: number; paid: number }>): TaxSituation {
  const debts = rows.map((r) => {
    const outstanding = Math.max(0, Math.round(r.due * 100) - Math.round(r.paid * 100)) / 100;
    return { category: r.category, due: r.due, paid: r.paid, outstanding, paidUp: outstanding === 0 };
  });
  const totalOutstanding = debts.reduce((sum, d) => sum + Math.round(d.outstanding * 100), 0) / 100;
  return { taxpayer, debts, totalOutstanding, paidUp: totalOutstanding === 0 };
}
