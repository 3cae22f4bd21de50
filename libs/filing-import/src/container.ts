// Recognises the file before any parser touches it: .xlsx (zip), .xls / encrypted OOXML (OLE compound file),
// and refuses zip bombs from the sizes the zip's central directory declares, without inflating anything.
import { createInflateRaw } from 'node:zlib';
import { FilingFileError } from './types';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// A password-protected .xlsx is an OLE container holding these streams (MS-OFFCRYPTO).
const ENCRYPTED_STREAM = Buffer.from('EncryptedPackage', 'utf16le');

export type Container = 'zip' | 'ole';

export function sniffContainer(buf: Buffer): Container {
  if (buf.length >= 4 && buf.subarray(0, 4).equals(ZIP_MAGIC)) return 'zip';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_MAGIC)) {
    if (buf.includes(ENCRYPTED_STREAM)) throw new FilingFileError('encrypted', '文件设有打开密码（已加密），请在 Excel 中取消密码后重新导出再导入。');
    return 'ole';
  }
  throw new FilingFileError('not-spreadsheet', '文件不是 Excel 表格（.xlsx 或 .xls），请上传报送系统导出的原始表格文件。');
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** Uncompressed size as declared by the central directory. */
  size: number;
  localOffset: number;
}

/** Entries of the central directory; refuses when their declared uncompressed sizes add up above the limit. */
export function checkDeclaredInflation(buf: Buffer, maxInflatedBytes: number): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) throw new FilingFileError('corrupt', '文件已损坏：找不到压缩包目录，无法读取。');
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > buf.length) throw new FilingFileError('corrupt', '文件已损坏：压缩包目录超出文件末尾。');
  let p = cdOffset;
  let total = 0;
  const list: ZipEntry[] = [];
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new FilingFileError('corrupt', '文件已损坏：压缩包目录条目无效。');
    const size = buf.readUInt32LE(p + 24);
    // 0xFFFFFFFF means a ZIP64 size: a filing export is never that large, so it counts as over the limit.
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    if (total > maxInflatedBytes) {
      throw new FilingFileError('inflation-limit', `文件解压后过大（声明超过 ${Math.round(maxInflatedBytes / 1048576)} MB），疑似压缩炸弹，已拒绝读取。`);
    }
    const nameLen = buf.readUInt16LE(p + 28);
    list.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), method: buf.readUInt16LE(p + 10), compressedSize: buf.readUInt32LE(p + 20), size: buf.readUInt32LE(p + 24), localOffset: buf.readUInt32LE(p + 42) });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return list;
}

const ROW_TAG = Buffer.from('<row');

/**
 * Counts <row> elements of a worksheet part while inflating it in a stream, stopping as soon as the count passes
 * `stopAbove`: a 200,000-row export is refused without building the whole sheet (the parser would take seconds).
 * A sheet inflating past its declared size is a zip bomb that lied in the central directory: refused mid-stream.
 */
export function countSheetRows(buf: Buffer, e: ZipEntry, stopAbove: number): Promise<number> {
  const lh = e.localOffset;
  if (lh + 30 > buf.length || buf.readUInt32LE(lh) !== 0x04034b50) return Promise.reject(new FilingFileError('corrupt', '文件已损坏：压缩包条目无效。'));
  const start = lh + 30 + buf.readUInt16LE(lh + 26) + buf.readUInt16LE(lh + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  // Counts tags starting before `limit` (the rest may still be cut off at the chunk end).
  const count = (chunk: Buffer, n: number, limit = chunk.length): number => {
    for (let i = chunk.indexOf(ROW_TAG); i >= 0 && i < limit; i = chunk.indexOf(ROW_TAG, i + 4)) {
      const next = chunk[i + 4];
      if (next === 0x20 || next === 0x3e || next === undefined) n++;
    }
    return n;
  };
  if (e.method === 0) return Promise.resolve(count(data, 0));
  return new Promise((resolve, reject) => {
    let n = 0;
    let tail = Buffer.alloc(0);
    let inflated = 0;
    const z = createInflateRaw();
    z.on('data', (chunk: Buffer) => {
      inflated += chunk.length;
      if (inflated > e.size) {
        z.destroy();
        reject(new FilingFileError('inflation-limit', '文件解压后的大小超过其声明的大小，疑似压缩炸弹，已拒绝读取。'));
        return;
      }
      // Keep the last bytes so a tag split across chunks is still seen once.
      const joined = Buffer.concat([tail, chunk]);
      const cut = Math.max(0, joined.length - 4);
      n = count(joined, n, cut);
      tail = Buffer.from(joined.subarray(cut));
      if (n > stopAbove) {
        z.destroy();
        resolve(n);
      }
    });
    z.on('end', () => resolve(count(tail, n)));
    z.on('error', () => reject(new FilingFileError('corrupt', '文件已损坏：工作表数据无法解压。')));
    z.end(data);
  });
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
