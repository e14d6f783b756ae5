import { AppError } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';

/**
 * The department that reconciles the day's card payments and exports them for accounting: local
 * taxes and fees ("Taxe și impozite locale", server/seed.ts), the only built-in department that
 * handles the city hall's money.
 */
const FINANCE_DEPARTMENT = 'taxe';

/** Admins, and the clerks of the finance department. */
export function isFinanceStaff(user: User | undefined): boolean {
  return user?.role === 'admin' || (user?.role === 'clerk' && user.departments.includes(FINANCE_DEPARTMENT));
}

export function requireFinanceStaff(user: User): User {
  if (!isFinanceStaff(user)) throw new AppError('forbidden', { ro: 'Reconcilierea plăților este pentru compartimentul Taxe și impozite locale.', en: 'Payment reconciliation is for the Local taxes department.' });
  return user;
}
