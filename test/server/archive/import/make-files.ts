import { deflateSync } from 'node:zlib';

/**
 * Small, valid files for import tests and the import bench, written by hand: a text PDF (one
 * Helvetica text line per page, WinAnsi so â î and the like survive), an image-only PDF (a grey
 * scan as a Flate image), and the broken files the importer must refuse.
 */
export function textPdf(pages: string[][]): Buffer {
  return assemble(textObjects(pages));
}

function textObjects(pages: string[][]): string[] {
  const objects: string[] = [];
  const pageIds: number[] = [];
  // 1 catalog, 2 pages, 3 font; then for each page: page object, content stream.
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  let next = 4;
  for (const lines of pages) {
    const pageId = next++;
    const contentId = next++;
    pageIds.push(pageId);
    const body = lines.map((line, i) => `BT /F1 14 Tf 60 ${780 - i * 22} Td (${escapePdf(line)}) Tj ET`).join('\n');
    objects[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`;
    objects[contentId] = stream(Buffer.from(body, 'latin1'));
  }
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  return objects;
}

/** A PDF whose only page is a greyscale image (no text layer): what a scanner produces. */
export function imagePdf(gray: Buffer, width: number, height: number, dpi: number): Buffer {
  const [w, h] = [Math.round((width * 72) / dpi), Math.round((height * 72) / dpi)];
  const objects: string[] = [];
  const data = deflateSync(gray);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
  objects[3] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>`;
  objects[4] = `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`;
  objects[5] = stream(Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im1 Do Q`, 'latin1'));
  return assemble(objects);
}

/** A PDF with an /Encrypt entry in its trailer: readers ask for a password. */
export function encryptedPdf(): Buffer {
  const objects = textObjects([['secret']]);
  const id = objects.length;
  objects[id] = '<< /Filter /Standard /V 1 /R 2 /O <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> /U <ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100> /P -4 >>';
  return assemble(objects, `/Encrypt ${id} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]`);
}

function escapePdf(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

function stream(data: Buffer): string {
  return `<< /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`;
}

function assemble(objects: string[], trailer = ''): Buffer {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** An uncompressed greyscale TIFF with one page per image, as some scanners write a whole dossier. */
export function tiffPages(pages: Array<{ gray: Buffer; width: number; height: number }>, dpi: number): Buffer {
  const parts: Buffer[] = [];
  let offset = 8;
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  parts.push(header);
  const ifdOffsets: number[] = [];
  const nextLinks: number[] = [];
  for (const page of pages) {
    const pixelsAt = offset;
    parts.push(page.gray);
    offset += page.gray.length + (page.gray.length % 2);
    if (page.gray.length % 2) parts.push(Buffer.alloc(1));
    const resolutionAt = offset;
    const resolution = Buffer.alloc(8);
    resolution.writeUInt32LE(dpi, 0);
    resolution.writeUInt32LE(1, 4);
    parts.push(resolution);
    offset += 8;
    // Tags in ascending order: [tag, type (3 short, 4 long, 5 rational), value].
    const entries: Array<[number, number, number]> = [
      [256, 4, page.width], [257, 4, page.height], [258, 3, 8], [259, 3, 1], [262, 3, 1], [273, 4, pixelsAt],
      [277, 3, 1], [278, 4, page.height], [279, 4, page.gray.length], [282, 5, resolutionAt], [283, 5, resolutionAt], [296, 3, 2],
    ];
    const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
    ifd.writeUInt16LE(entries.length, 0);
    entries.forEach(([tag, type, value], i) => {
      const at = 2 + i * 12;
      ifd.writeUInt16LE(tag, at);
      ifd.writeUInt16LE(type, at + 2);
      ifd.writeUInt32LE(1, at + 4);
      if (type === 3) ifd.writeUInt16LE(value, at + 8);
      else ifd.writeUInt32LE(value, at + 8);
    });
    ifdOffsets.push(offset);
    nextLinks.push(parts.length);
    parts.push(ifd);
    offset += ifd.length;
  }
  header.writeUInt32LE(ifdOffsets[0]!, 4);
  // Each page's IFD ends with the offset of the next one (0 after the last).
  nextLinks.forEach((part, i) => parts[part]!.writeUInt32LE(ifdOffsets[i + 1] ?? 0, parts[part]!.length - 4));
  return Buffer.concat(parts);
}
