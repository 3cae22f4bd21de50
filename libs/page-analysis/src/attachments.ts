// Text of attachments (docx, xlsx, pdf): privacy and wording checks read it like article text.
import * as path from 'node:path';
import { PageAnalysisError } from './errors';

async function docxText(bytes: Buffer): Promise<string> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(bytes);
  const doc = zip.file('word/document.xml');
  if (!doc) throw new PageAnalysisError('ATTACHMENT_UNREADABLE', 'docx 缺少 word/document.xml');
  const xml = await doc.async('string');
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter(Boolean)
    .map((s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'))
    .join('\n');
}

async function xlsxText(bytes: Buffer): Promise<string> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const lines: string[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell((c) => {
        const v = c.text ?? '';
        if (v !== '') cells.push(String(v));
      });
      if (cells.length) lines.push(cells.join('\t'));
    });
  });
  return lines.join('\n');
}

/** UCS-2 <hex> Tj strings (CID fonts with UniGB-UCS2-H), the fallback when pdf.js yields nothing. */
function pdfHexText(bytes: Buffer): string {
  return [...bytes.toString('latin1').matchAll(/<([0-9a-fA-F]{4,})>\s*Tj/g)]
    .map((m) => String.fromCharCode(...(m[1].match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))))
    .join('\n');
}

async function pdfText(bytes: Buffer): Promise<string> {
  let text = '';
  try {
    const { PDFParse } = await import('pdf-parse');
    const cMapUrl = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'cmaps') + path.sep;
    const parser = new PDFParse({ data: new Uint8Array(bytes), cMapUrl, cMapPacked: true, verbosity: 0 } as never);
    try {
      text = (await parser.getText()).text ?? '';
    } finally {
      await parser.destroy().catch(() => undefined);
    }
  } catch {
    text = '';
  }
  const cleaned = text.replace(/--\s*\d+\s*of\s*\d+\s*--/g, '').trim();
  return cleaned.replace(/\s/g, '').length ? cleaned : pdfHexText(bytes);
}

/** Plain text of an attachment. Errors: ATTACHMENT_UNREADABLE (corrupt file), ATTACHMENT_KIND_UNSUPPORTED. */
export async function extractAttachmentText(bytes: Buffer, kind: 'docx' | 'xlsx' | 'pdf'): Promise<string> {
  try {
    if (kind === 'docx') return await docxText(bytes);
    if (kind === 'xlsx') return await xlsxText(bytes);
    if (kind === 'pdf') {
      if (!bytes.subarray(0, 1024).toString('latin1').includes('%PDF')) throw new PageAnalysisError('ATTACHMENT_UNREADABLE', '不是 PDF 文件');
      return await pdfText(bytes);
    }
  } catch (e) {
    if (e instanceof PageAnalysisError) throw e;
    throw new PageAnalysisError('ATTACHMENT_UNREADABLE', `附件无法读取（${kind}）：${(e as Error).message}`);
  }
  throw new PageAnalysisError('ATTACHMENT_KIND_UNSUPPORTED', `不支持的附件类型：${String(kind)}`);
}
