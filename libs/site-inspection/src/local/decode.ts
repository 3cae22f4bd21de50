// LOCAL (until page-analysis/web-fetch publish charset handling): bytes → text for Chinese government pages.
// Declarations are often wrong (UTF-8 bytes labelled gb2312, GBK bytes labelled utf-8), so the bytes decide:
// valid UTF-8 is UTF-8; otherwise GB18030 (a superset of GBK/GB2312) unless another legacy charset is declared.
import iconv from 'iconv-lite';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function declaredCharset(contentType: string | undefined, head: string): string | null {
  const h = /charset=["']?([\w-]+)/i.exec(contentType ?? '');
  if (h) return h[1].toLowerCase();
  const m = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

export function decodeBody(body: Buffer, contentType?: string): { text: string; charset: string } {
  const declared = declaredCharset(contentType, body.subarray(0, 2048).toString('latin1'));
  try {
    return { text: utf8.decode(body), charset: 'utf-8' };
  } catch {
    const legacy = declared && !/^(utf-?8|gb2312|gbk|gb18030|x-gbk)$/.test(declared) && iconv.encodingExists(declared) ? declared : 'gb18030';
    return { text: iconv.decode(body, legacy), charset: legacy };
  }
}
