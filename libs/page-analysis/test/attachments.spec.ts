import { Document, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { extractAttachmentText, findPrivacyLeaks } from '../src';

// Attachments built the way simweb serves them (libs/simweb/src/render/attachments.ts; served copies are
// read in simweb.spec.ts): docx via docx, xlsx via exceljs, PDF with the STSong-Light CID font + UniGB-UCS2-H.
async function renderDocx(lines: string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] }));
}
async function renderXlsx(lines: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['序号', '内容']);
  lines.forEach((l, i) => ws.addRow([i + 1, l]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function renderPdf(lines: string[]): Buffer {
  const hex = (s: string) => [...s].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('');
  const text = lines.map((l, i) => `BT /F1 12 Tf 50 ${780 - i * 20} Td <${hex(l)}> Tj ET`).join('\n');
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

const lines = ['关于做好防汛工作的通知', '张三，身份证号码：11010519491231002X。', '联系电话：13526057601'];

describe('extractAttachmentText', () => {
  it('reads docx text (simweb renderDocx)', async () => {
    const t = await extractAttachmentText(await renderDocx(lines), 'docx');
    expect(t.split('\n')).toEqual(lines);
  });

  it('reads xlsx cells (simweb renderXlsx)', async () => {
    const t = await extractAttachmentText(await renderXlsx(lines), 'xlsx');
    for (const l of lines) expect(t).toContain(l);
  });

  it('reads PDFs with the STSong-Light / UniGB-UCS2-H CID font through pdf.js cMaps (simweb renderPdf)', async () => {
    const t = await extractAttachmentText(renderPdf(lines), 'pdf');
    for (const l of lines) expect(t).toContain(l);
    expect(t).not.toMatch(/<[0-9a-f]{8,}>/); // pdf.js decoded it, not a raw dump
    expect(findPrivacyLeaks(t).map((h) => h.kind).sort()).toEqual(['id-number', 'mobile']);
  });

  it('classifies unreadable files', async () => {
    await expect(extractAttachmentText(Buffer.from('not a zip'), 'docx')).rejects.toMatchObject({ code: 'ATTACHMENT_UNREADABLE' });
    await expect(extractAttachmentText(Buffer.from('not a zip'), 'xlsx')).rejects.toMatchObject({ code: 'ATTACHMENT_UNREADABLE' });
    await expect(extractAttachmentText(Buffer.from('hello'), 'pdf')).rejects.toMatchObject({ code: 'ATTACHMENT_UNREADABLE' });
    await expect(extractAttachmentText(Buffer.from('x'), 'rtf' as never)).rejects.toMatchObject({ code: 'ATTACHMENT_KIND_UNSUPPORTED' });
  });
});
