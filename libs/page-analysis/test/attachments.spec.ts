import { renderDocx as simDocx, renderPdf, renderXlsx as simXlsx } from '@govinspect/simweb';
import { extractAttachmentText, findPrivacyLeaks } from '../src';

// The simulated web's own attachment renderers (served copies are read in simweb.spec.ts): docx via docx, xlsx via
// exceljs, PDF with the STSong-Light CID font + UniGB-UCS2-H.
const AT = new Date('2024-06-01T02:00:00Z');
const renderDocx = (l: string[]) => simDocx(l, AT);
const renderXlsx = (l: string[]) => simXlsx(l, AT);

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
