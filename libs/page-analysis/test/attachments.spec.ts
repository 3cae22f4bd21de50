import { renderDocx, renderPdf, renderXlsx } from '../../simweb/src/render/attachments';
import { extractAttachmentText, findPrivacyLeaks } from '../src';

const lines = ['关于做好防汛工作的通知', '张三，身份证号码：11010519491231002X。', '联系电话：13526057601'];
const at = new Date('2024-06-21T02:00:00Z');

describe('extractAttachmentText', () => {
  it('reads docx text (simweb renderDocx)', async () => {
    const t = await extractAttachmentText(await renderDocx(lines, at), 'docx');
    expect(t.split('\n')).toEqual(lines);
  });

  it('reads xlsx cells (simweb renderXlsx)', async () => {
    const t = await extractAttachmentText(await renderXlsx(lines, at), 'xlsx');
    for (const l of lines) expect(t).toContain(l);
  });

  it('reads PDFs with the STSong-Light / UniGB-UCS2-H CID font through pdf.js cMaps (simweb renderPdf)', async () => {
    const t = await extractAttachmentText(renderPdf(lines), 'pdf');
    for (const l of lines) expect(t).toContain(l);
    expect(findPrivacyLeaks(t).map((h) => h.kind).sort()).toEqual(['id-number', 'mobile']);
  });

  it('classifies unreadable files', async () => {
    await expect(extractAttachmentText(Buffer.from('not a zip'), 'docx')).rejects.toMatchObject({ code: 'ATTACHMENT_UNREADABLE' });
    await expect(extractAttachmentText(Buffer.from('not a zip'), 'xlsx')).rejects.toMatchObject({ code: 'ATTACHMENT_UNREADABLE' });
    await expect(extractAttachmentText(Buffer.from('hello'), 'pdf')).rejects.toMatchObject({ code: 'ATTACHMENT_UNREADABLE' });
    await expect(extractAttachmentText(Buffer.from('x'), 'rtf' as never)).rejects.toMatchObject({ code: 'ATTACHMENT_KIND_UNSUPPORTED' });
  });
});
