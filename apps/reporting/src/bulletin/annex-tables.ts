import { BulletinData } from './bulletin-data';
import { percent } from './chinese-format';

export interface AnnexTable {
  header: string[];
  rows: string[][];
  /** Column widths in percent (docx) — the .xlsx derives character widths from them. */
  widths: number[];
  note?: string;
}

export interface AnnexTables {
  sites: AnnexTable;
  accountsByRegion: AnnexTable;
  failingAccounts: AnnexTable;
}

/** The three annex tables as rows of strings: the .docx and the .xlsx print exactly these. */
export function annexTables(d: BulletinData): AnnexTables {
  const a = d.accounts;
  const placeholderRow = (n: number) => [a.placeholder, ...Array(n - 1).fill('')];
  return {
    sites: {
      header: ['单位名称', '抽查发现的突出问题', '得分'],
      rows: d.annexSites.map((r) => [r.unit, r.problems, r.score]),
      widths: [22, 64, 14],
    },
    accountsByRegion: {
      header: ['市直/县市区', '抽查数量', '不合格数量', '合格率'],
      rows: a.available
        ? [
            ...a.byRegion.map((r) => [r.label, String(r.checked), String(r.failed), percent(r.passRate)]),
            ['合计', String(a.checked), String(a.failed), percent(a.passRate)],
          ]
        : [placeholderRow(4)],
      widths: [34, 22, 22, 22],
    },
    failingAccounts: {
      header: ['新媒体名称', '主办单位', '新媒体类型', '不合格原因'],
      rows: a.available ? a.failing.map((f) => [f.name, f.hostUnit, f.type, f.reason]) : [placeholderRow(4)],
      widths: [26, 26, 16, 32],
    },
  };
}
