// LOCAL attachment text (page-analysis's extractAttachmentText is not published yet): docx (word/document.xml),
// xlsx (shared strings + inline strings), pdf (text-showing operators: hex UCS-2 strings of CJK fonts, literal strings,
// Flate-compressed streams). Bad files give a classified error, never a throw.
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';

export type AttachmentTextResult = { ok: true; text: string } | { ok: false; error: 'unsupported' | 'corrupt'; detail: string };

const xmlText = (xml: string) => xml.replace(/<w:tab\/>|<\/w:p>|<\/si>|<\/c>/g, ' ').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function pdfStrings(content: string): string[] {
  const out: string[] = [];
  for (const m of content.matchAll(/<([0-9a-fA-F\s]+)>\s*Tj/g)) {
    const hex = m[1].replace(/\s/g, '');
    const chars: number[] = [];
    for (let i = 0; i + 4 <= hex.length; i += 4) chars.push(parseInt(hex.slice(i, i + 4), 16));
    out.push(String.fromCharCode(...chars));
  }
  for (const m of content.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj/g)) out.push(m[1].replace(/\\(.)/g, '$1'));
  return out;
}

export async function extractAttachmentText(body: Buffer, ext: string): Promise<AttachmentTextResult> {
  const e = ext.toLowerCase();
  try {
    if (e === 'docx' || e === 'xlsx') {
      const zip = await JSZip.loadAsync(body);
      const names = e === 'docx' ? ['word/document.xml'] : Object.keys(zip.files).filter((n) => /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/.test(n));
      const parts: string[] = [];
      for (const n of names) {
        const f = zip.file(n);
        if (f) parts.push(xmlText(await f.async('string')));
      }
      if (!parts.length) return { ok: false, error: 'corrupt', detail: `no ${names.join(', ') || 'sheets'} in the ${e} package` };
      return { ok: true, text: parts.join(' ') };
    }
    if (e === 'pdf') {
      const raw = body.toString('latin1');
      if (!raw.startsWith('%PDF')) return { ok: false, error: 'corrupt', detail: 'missing %PDF header' };
      const texts = pdfStrings(raw);
      for (const m of raw.matchAll(/\/FlateDecode[\s\S]*?stream\r?\n([\s\S]*?)endstream/g)) {
        try {
          texts.push(...pdfStrings(inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1')));
        } catch {
          /* a stream we cannot inflate is skipped, the rest still counts */
        }
      }
      return { ok: true, text: texts.join(' ') };
    }
    return { ok: false, error: 'unsupported', detail: `.${e} attachments are not read` };
  } catch (err) {
    return { ok: false, error: 'corrupt', detail: (err as Error).message };
  }
}
