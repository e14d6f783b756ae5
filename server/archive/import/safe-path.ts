import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type PathProblem = 'path-outside-folder' | 'file-missing';

/**
 * Where a file named in the CSV really is, or why it may not be read: the name must be relative,
 * must not climb out with `..`, and once symbolic links are followed the file must still be inside
 * the import folder (a link pointing at /etc/passwd is refused, not read).
 * `folder` is the import folder's real path (see realFolder).
 */
export async function resolveInside(folder: string, name: string): Promise<{ path: string } | { problem: PathProblem }> {
  const normal = name.replace(/\\/g, '/');
  if (normal === '' || isAbsolute(normal) || /^[a-zA-Z]:/.test(normal) || normal.split('/').includes('..') || normal.includes('\0')) {
    return { problem: 'path-outside-folder' };
  }
  // A name typed in NFC may be stored decomposed (NFD) by the machine that copied the scans.
  const real = await realpath(resolve(folder, normal)).catch(() => realpath(resolve(folder, normal.normalize('NFD')))).catch(() => undefined);
  if (!real) return { problem: 'file-missing' };
  return isWithin(folder, real) ? { path: real } : { problem: 'path-outside-folder' };
}

function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
