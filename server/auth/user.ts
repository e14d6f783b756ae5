import type { Lang } from '../../forms/index.ts';

/** `sef`: head of department, sees the quality figures of their own departments (server/quality). */
export type Role = 'citizen' | 'clerk' | 'analyst' | 'admin' | 'sef';
export const ROLES: Role[] = ['citizen', 'clerk', 'analyst', 'admin', 'sef'];

/** An account as the application knows it (never its password hash). */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  lang: Lang;
  /** Candidate groups this person works in (clerks), or heads (sef). */
  departments: string[];
}
