import ExcelJS from 'exceljs';
import { BulletinData } from './bulletin-data';
import { AnnexTable, annexTables } from './annex-tables';
import { ANNEX_TITLES } from './bulletin-text';

export const ANNEX_SHEETS = ['附件1', '附件2', '附件3'] as const;

function addSheet(wb: ExcelJS.Workbook, name: string, title: string, t: AnnexTable) {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'portrait' } });
  ws.columns = t.widths.map((w) => ({ width: Math.max(10, Math.round(w * 1.2)) }));
  ws.mergeCells(1, 1, 1, t.header.length);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { name: '方正小标宋简体', size: 16 };
  titleCell.alignment = { horizontal: 'center' };
  const header = ws.addRow(t.header);
  header.font = { name: '黑体', bold: true };
  for (const r of t.rows) ws.addRow(r).alignment = { wrapText: true, vertical: 'middle' };
  ws.eachRow((row, n) => {
    if (n === 1) return;
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
  });
}

/** The annexes as a workbook: row 1 title, row 2 header, then exactly the rows the .docx prints. */
export async function renderAnnexXlsx(d: BulletinData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = d.round.office;
  const t = annexTables(d);
  const titles = ANNEX_TITLES(d);
  addSheet(wb, ANNEX_SHEETS[0], titles[0], t.sites);
  addSheet(wb, ANNEX_SHEETS[1], titles[1], t.accountsByRegion);
  addSheet(wb, ANNEX_SHEETS[2], titles[2], t.failingAccounts);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
