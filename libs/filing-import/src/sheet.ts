// Reads a workbook into a plain grid, guarding size, row count and inflation before and while parsing.
// SheetJS reads both .xlsx and .xls; formulas come as their cached value (stubs keep formulas that have none,
// so they can be rejected), merged cells take the top-left value.
import * as XLSX from '@e965/xlsx';
import { checkDeclaredInflation, countSheetRows, sniffContainer } from './container';
import { type ColumnSpec, type HeaderMatch, matchHeaders } from './headers';
import { FilingFileError, type ParseLimits } from './types';

export const DEFAULT_LIMITS: ParseLimits = { maxBytes: 50 * 1048576, maxRows: 100_000, maxInflatedBytes: 200 * 1048576 };

/** A cell the parser cannot give a value for. */
export interface CellProblem {
  problem: 'formula-without-value' | 'cell-error';
}
export type CellValue = string | number | boolean | null | CellProblem;

export interface Grid {
  /** rows[r] is sheet row r + 1 */
  rows: CellValue[][];
  sheetName: string;
}

// The header may sit under a title row or two (e.g. "XX市政府网站基本信息表"); look this far down for it.
const HEADER_SEARCH_ROWS = 10;

export async function readGrids(buf: Buffer, limits: ParseLimits): Promise<Grid[]> {
  if (buf.length > limits.maxBytes) {
    throw new FilingFileError('too-large', `文件过大（${(buf.length / 1048576).toFixed(1)} MB），超过上限 ${Math.round(limits.maxBytes / 1048576)} MB。`);
  }
  const container = sniffContainer(buf);
  const cap = limits.maxRows + HEADER_SEARCH_ROWS + 1;
  if (container === 'zip') {
    for (const e of checkDeclaredInflation(buf, limits.maxInflatedBytes)) {
      if (/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name) && (await countSheetRows(buf, e, cap)) > cap) throw tooManyRows(limits.maxRows);
    }
  }
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(buf, { type: 'buffer', cellFormula: true, cellHTML: false, cellText: false, cellDates: false, sheetStubs: true, sheetRows: cap + 1 });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(msg)) throw new FilingFileError('encrypted', '文件设有打开密码（已加密），请在 Excel 中取消密码后重新导出再导入。');
    throw new FilingFileError('corrupt', `文件已损坏，无法读取（${msg}）。`);
  }
  if (!wb.SheetNames?.length) throw new FilingFileError('not-spreadsheet', '文件中没有工作表，不是有效的 Excel 表格。');
  return wb.SheetNames.map((name) => toGrid(wb.Sheets[name], name, cap));
}

function toGrid(ws: XLSX.WorkSheet, sheetName: string, cap: number): Grid {
  const full = ws['!fullref'] ?? ws['!ref'];
  if (full && XLSX.utils.decode_range(full).e.r + 1 > cap) throw tooManyRows(cap - HEADER_SEARCH_ROWS - 1);
  if (!ws['!ref']) return { rows: [], sheetName };
  const range = XLSX.utils.decode_range(ws['!ref']);
  const rows: CellValue[][] = [];
  for (let r = 0; r <= range.e.r; r++) {
    const row: CellValue[] = [];
    for (let c = 0; c <= range.e.c; c++) row.push(cellValue(ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined));
    rows.push(row);
  }
  // A merged block (e.g. one 主办单位 spanning several accounts) means the top-left value for every cell in it.
  for (const m of ws['!merges'] ?? []) {
    const v = rows[m.s.r]?.[m.s.c] ?? null;
    for (let r = m.s.r; r <= Math.min(m.e.r, range.e.r); r++) for (let c = m.s.c; c <= Math.min(m.e.c, range.e.c); c++) rows[r][c] = v;
  }
  return { rows, sheetName };
}

function cellValue(cell: XLSX.CellObject | undefined): CellValue {
  if (!cell) return null;
  if (cell.t === 'e') return { problem: 'cell-error' };
  if (cell.f !== undefined && (cell.v === undefined || cell.t === 'z')) return { problem: 'formula-without-value' };
  if (cell.t === 'z' || cell.v === undefined) return null;
  if (cell.v instanceof Date) return cell.v.toISOString();
  return cell.v as string | number | boolean;
}

export function tooManyRows(maxRows: number): FilingFileError {
  return new FilingFileError('too-many-rows', `文件行数超过上限 ${maxRows} 行，请按地区拆分后分批导入。`);
}

export function cellText(v: CellValue): string {
  if (v === null || typeof v === 'object') return '';
  return String(v).trim();
}

export interface Located<F extends string> {
  grid: Grid;
  headerRow: number;
  match: HeaderMatch<F>;
}

/** The best header row (within the first rows of any sheet) for these columns. */
export function locateHeader<F extends string>(grids: Grid[], specs: ColumnSpec<F>[]): Located<F> | null {
  let best: Located<F> | null = null;
  for (const grid of grids) {
    for (let r = 0; r < Math.min(HEADER_SEARCH_ROWS, grid.rows.length); r++) {
      const match = matchHeaders(grid.rows[r].map(cellText), specs);
      if (!best || match.score > best.match.score || (match.score === best.match.score && match.missing.length < best.match.missing.length)) best = { grid, headerRow: r, match };
    }
  }
  return best;
}
