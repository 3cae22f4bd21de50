// Serialises a page in the site's charset and declares it the way the scenario says:
// in the Content-Type header, in a meta tag, both, neither, or wrongly (bytes and label disagree).
import iconv from 'iconv-lite';
import type { Charset, CharsetDeclaration } from '../model/types';

/** Label real sites use for each byte encoding (GBK pages mostly say gb2312). */
const LABEL: Record<Charset, string> = { 'utf-8': 'utf-8', gbk: 'gb2312', gb18030: 'gb18030' };
/** The wrong label for each encoding: UTF-8 bytes labelled gb2312 (cf. the people.cn fixture) and vice versa. */
const WRONG: Record<Charset, string> = { 'utf-8': 'gb2312', gbk: 'utf-8', gb18030: 'utf-8' };

export function charsetLabel(charset: Charset, decl: CharsetDeclaration): string | null {
  if (decl === 'none') return null;
  return decl === 'wrong' ? WRONG[charset] : LABEL[charset];
}

export function charsetMeta(charset: Charset, decl: CharsetDeclaration): string {
  const label = charsetLabel(charset, decl);
  if (!label || decl === 'header') return '';
  return label === 'utf-8' ? '<meta charset="utf-8">' : `<meta http-equiv="Content-Type" content="text/html; charset=${label}">`;
}

export function contentType(charset: Charset, decl: CharsetDeclaration): string {
  const label = charsetLabel(charset, decl);
  if (!label || decl === 'meta') return 'text/html';
  return `text/html; charset=${label === 'gb2312' ? 'GB2312' : label.toUpperCase()}`;
}

export function encodeText(text: string, charset: Charset): Buffer {
  return charset === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, charset);
}

export function decodeText(bytes: Buffer, charset: Charset): string {
  return charset === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, charset);
}
