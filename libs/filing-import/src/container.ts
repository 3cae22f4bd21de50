// Recognises the file before any parser touches it: .xlsx (zip), .xls / encrypted OOXML (OLE compound file),
// and refuses zip bombs from the sizes the zip's central directory declares, without inflating anything.
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

/** Sum of the uncompressed sizes the central directory declares; refuses above the limit or when unreadable. */
export function checkDeclaredInflation(buf: Buffer, maxInflatedBytes: number): number {
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) throw new FilingFileError('corrupt', '文件已损坏：找不到压缩包目录，无法读取。');
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > buf.length) throw new FilingFileError('corrupt', '文件已损坏：压缩包目录超出文件末尾。');
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new FilingFileError('corrupt', '文件已损坏：压缩包目录条目无效。');
    const size = buf.readUInt32LE(p + 24);
    // 0xFFFFFFFF means a ZIP64 size: a filing export is never that large, so it counts as over the limit.
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    if (total > maxInflatedBytes) {
      throw new FilingFileError('inflation-limit', `文件解压后过大（声明超过 ${Math.round(maxInflatedBytes / 1048576)} MB），疑似压缩炸弹，已拒绝读取。`);
    }
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
