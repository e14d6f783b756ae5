/** The kinds of file the archive keeps, told by their first bytes, never by their name. */
export type FileKind = 'pdf' | 'png' | 'jpeg' | 'tiff';

export const MEDIA_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
};

export function detectKind(head: Uint8Array): FileKind | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  // A PDF may have a little junk before its header; readers accept it within the first 1024 bytes.
  if (Buffer.from(head.subarray(0, 1024)).includes('%PDF-')) return 'pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  return undefined;
}
