// Attachments with real text: .docx (docx), .xlsx (exceljs), .pdf (a minimal PDF using the standard
// Adobe-GB1 font STSong-Light with the UniGB-UCS2-H CMap, which PDF readers and text extractors know).
import { Document, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

export const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

export async function renderDocx(lines: string[], at: Date): Promise<Buffer> {
  const doc = new Document({
    creator: 'simweb',
    title: lines[0],
    sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }],
  });
  return fixedZipDates(await Packer.toBuffer(doc), at);
}

/**
 * docx and xlsx are zip files whose entries carry the time they were written; re-stamp every entry with the
 * item's own date so the same seed serves byte-identical attachments.
 */
async function fixedZipDates(zipped: Buffer, at: Date): Promise<Buffer> {
  const src = await JSZip.loadAsync(zipped);
  const out = new JSZip();
  for (const name of Object.keys(src.files).sort()) {
    const entry = src.files[name];
    if (entry.dir) continue;
    if (name === 'docProps/core.xml') {
      // docx stamps the document properties with the wall clock; the item's date is the truthful value anyway.
      const xml = (await entry.async('string')).replace(
        /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        (_m, open: string, _tag: string, close: string) => `${open}${at.toISOString()}${close}`,
      );
      out.file(name, xml, { date: at, createFolders: false });
    } else {
      out.file(name, await entry.async('uint8array'), { date: at, createFolders: false });
    }
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

export async function renderXlsx(lines: string[], at: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'simweb';
  wb.created = at;
  wb.modified = at;
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['序号', '内容']);
  lines.forEach((l, i) => ws.addRow([i + 1, l]));
  ws.getColumn(2).width = 80;
  return fixedZipDates(Buffer.from(await wb.xlsx.writeBuffer()), at);
}

function ucs2Hex(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += (cp > 0xffff ? 0x3000 : cp).toString(16).padStart(4, '0');
  }
  return out;
}

export function renderPdf(lines: string[]): Buffer {
  const text = lines.map((l, i) => `BT /F1 12 Tf 50 ${780 - i * 20} Td <${ucs2Hex(l)}> Tj ET`).join('\n');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Text a PDF produced by renderPdf carries, decoded back from its UCS-2 strings (for tests and truth checks). */
export function pdfText(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/<([0-9a-f]+)> Tj/g)].map((m) =>
    String.fromCharCode(...(m[1].match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))),
  );
}
