import { AppError } from '../../engine/index.ts';
import type { User } from '../auth/users.ts';

/**
 * Whose figures a person may see: admins every department's (null), a head of department (`sef`)
 * only those of the departments they head; nobody else any. Per-clerk workload is people's data:
 * only a head sees it, and only for their own departments.
 */
export function qualityScope(user: User): string[] | null {
  if (user.role === 'admin') return null;
  if (user.role === 'sef' && user.departments.length > 0) return user.departments;
  throw new AppError('forbidden', { ro: 'Nu aveți acces la indicatorii de calitate.', en: 'You may not see the quality figures.' });
}

/** The departments whose clerks' workload this person sees (none for admins: it is the heads' business). */
export function workloadScope(user: User): string[] {
  return user.role === 'sef' ? user.departments : [];
}

/** Whether this person may see the heatmap of a procedure answered by `department`. */
export function maySeeProcedure(user: User, department: string): boolean {
  const scope = qualityScope(user);
  return scope === null || scope.includes(department);
}
