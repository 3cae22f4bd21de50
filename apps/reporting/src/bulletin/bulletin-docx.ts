import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
} from 'docx';
import { BulletinData } from './bulletin-data';
import { ANNEX_TITLES, Block, bulletinBlocks } from './bulletin-text';
import { AnnexTables, annexTables } from './annex-tables';
import { ChartImage, regionPassRateChart, scoreDistributionChart } from './charts';

/**
 * GB/T 9704 (党政机关公文格式) as offices apply it: A4, margins 上37 下35 左28 右26 mm, title 二号 方正小标宋简体,
 * body 三号 仿宋_GB2312, level-1 headings 黑体, level-2 leads 楷体_GB2312, fixed 28-point line spacing.
 * The fonts are declared by name; WPS and LibreOffice substitute what is installed.
 */
const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
};
const SIZE = { title: 44, body: 32, table: 24 }; // half-points: 二号 22pt, 三号 16pt, 小四 12pt
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const run = (text: string, face: string, size = SIZE.body, bold = false) => new TextRun({ text, font: font(face), size, bold });

function blockParagraph(b: Exclude<Block, { kind: 'chart' }>): Paragraph {
  switch (b.kind) {
    case 'title':
      return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [run(b.text, FONT.title, SIZE.title)] });
    case 'h1':
      return new Paragraph({ indent: { firstLine: 640 }, spacing: LINE, children: [run(b.text, FONT.h1)] });
    case 'signature':
      return new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 640 }, children: [run(b.text, FONT.body)] });
    case 'body':
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: 640 },
        spacing: LINE,
        children: [...(b.lead ? [run(b.lead, FONT.h2)] : []), run(b.text, FONT.body)],
      });
  }
}

function chartParagraph(img: ChartImage): Paragraph {
  const width = 560; // px at 96 dpi ≈ 148 mm, inside the 156 mm text width
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new ImageRun({ type: 'png', data: img.png, transformation: { width, height: Math.round((img.height / img.width) * width) } })],
  });
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

function table(header: string[], rows: string[][], widths: number[]): Table {
  const cell = (text: string, bold: boolean, w: number) =>
    new TableCell({
      width: { size: w, type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlign.CENTER,
      children: text.split('\n').map((line) => new Paragraph({ children: [run(line, bold ? FONT.h1 : FONT.body, SIZE.table)] })),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, true, widths[i])) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, widths[i])) })),
    ],
  });
}

function annexSection(n: number, title: string, t: { header: string[]; rows: string[][]; widths: number[]; note?: string }) {
  return [
    new Paragraph({ pageBreakBefore: true, children: [run(`附件${n}`, FONT.h1)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 200 }, children: [run(title, FONT.title, SIZE.body + 4)] }),
    ...(t.note ? [new Paragraph({ children: [run(t.note, FONT.body, SIZE.table)] })] : []),
    table(t.header, t.rows, t.widths),
  ];
}

/** The bulletin as .docx: prose from bulletinBlocks, annex tables from annexTables, both from one data model. */
export async function renderBulletinDocx(d: BulletinData): Promise<Buffer> {
  const charts = { 'region-pass-rate': regionPassRateChart(d), 'score-distribution': scoreDistributionChart(d) };
  const body = bulletinBlocks(d).map((b) => (b.kind === 'chart' ? chartParagraph(charts[b.chart]) : blockParagraph(b)));
  const annex: AnnexTables = annexTables(d);
  const titles = ANNEX_TITLES(d);
  const doc = new Document({
    creator: d.round.office,
    title: d.round.name,
    styles: { default: { document: { run: { font: font(FONT.body), size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
            },
          },
        },
        // 公文页码: “— 1 —” centred at the foot of every page.
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体'), size: 28 })],
              }),
            ],
          }),
        },
        children: [
          ...body,
          ...annexSection(1, titles[0], annex.sites),
          ...annexSection(2, titles[1], annex.accountsByRegion),
          ...annexSection(3, titles[2], annex.failingAccounts),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
