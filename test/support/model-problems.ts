import { expect } from 'chai';
import { AppError, compileModel, type Problem } from '../../engine/index.ts';

/** The problems deploy would report for a model (none when it compiles); anything but an AppError fails the test. */
export async function modelProblems(xml: string): Promise<Problem[]> {
  try {
    await compileModel(xml);
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    return (err as AppError).problems ?? [];
  }
  return [];
}

/** The same problems as `code@elementId`, the form most tests compare. */
export async function problemCodes(xml: string): Promise<string[]> {
  return (await modelProblems(xml)).map((p) => `${p.code}@${p.elementId}`);
}
