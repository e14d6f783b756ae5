import type { Lang } from '../../forms/index.ts';

export type Role = 'citizen' | 'clerk' | 'analyst' | 'admin';
export const ROLES: Role[] = ['citizen', 'clerk', 'analyst', 'admin'];

/** An account as the application knows it (never its password hash). */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  lang: Lang;
  /** Candidate groups this person works in (clerks). */
  departments: string[];
}
