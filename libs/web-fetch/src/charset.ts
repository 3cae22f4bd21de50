import * as chardet from 'chardet';
import * as iconv from 'iconv-lite';

export type CharsetSource = 'header' | 'bom' | 'meta' | 'sniff' | 'default';

/** Labels → the canonical charset we report. GB2312 and GBK are decoded as their superset GB18030 (as browsers do). */
const ALIASES: Record<string, string> = {
  utf8: 'utf-8', 'unicode-1-1-utf-8': 'utf-8', 'x-unicode20utf8': 'utf-8',
  gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', cp936: 'gb18030', 'windows-936': 'gb18030', chinese: 'gb18030',
  csgb2312: 'gb18030', 'iso-ir-58': 'gb18030', gb_2312: 'gb18030', 'gb_2312-80': 'gb18030', 'euc-cn': 'gb18030',
  'big5-hkscs': 'big5', 'cn-big5': 'big5', 'x-x-big5': 'big5', csbig5: 'big5',
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252', cp1252: 'windows-1252',
  'utf-16': 'utf-16le', sjis: 'shift_jis', 'x-sjis': 'shift_jis', 'ms932': 'shift_jis', 'windows-31j': 'shift_jis',
};
/** What iconv-lite decodes a canonical name with (HKSCS is a superset of Big5, as in WHATWG's big5). */
const DECODER: Record<string, string> = { big5: 'big5hkscs' };

/** A charset label (any case, quotes, spaces) → canonical name, or null when we cannot decode it. */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const l = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!l) return null;
  const c = ALIASES[l] ?? l;
  return iconv.encodingExists(DECODER[c] ?? c) ? c : null;
}

function charsetFromContentType(header: string | null | undefined): string | null {
  const m = header ? /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(header) : null;
  return m ? canonicalCharset(m[2]) : null;
}

function charsetFromBom(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** How far into the document we look for a declaration (browsers prescan 1024 bytes; real pages put it later). */
const PRESCAN_BYTES = 4096;

/** `<meta charset=x>`, `<meta http-equiv=Content-Type content="…; charset=x">` or `<?xml … encoding="x"?>`. */
function charsetFromMarkup(bytes: Buffer): string | null {
  const head = bytes.subarray(0, PRESCAN_BYTES).toString('latin1');
  for (const m of head.matchAll(/<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/gi)) {
    const c = canonicalCharset(m[1]);
    if (c) return c;
  }
  const xml = /^\s*<\?xml\b[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return xml ? canonicalCharset(xml[1]) : null;
}

function hasNonAscii(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return true;
  return false;
}

/** Valid UTF-8, allowing a sequence cut off at the end (a capped body). */
function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Guess from the bytes. Chinese government pages are UTF-8 or GB-family; chardet confuses short GBK text with
 * Shift_JIS/Big5 at equal confidence, so GB18030 wins when it is within reach of the top guess.
 */
function sniff(bytes: Buffer): string | null {
  const sample = bytes.subarray(0, 64 * 1024);
  const guesses = chardet.analyse(sample);
  if (!guesses.length) return null;
  const top = guesses[0];
  const gb = guesses.find((g) => g.name === 'GB18030');
  if (gb && gb.confidence >= top.confidence - 10) return 'gb18030';
  return canonicalCharset(top.name);
}

function replacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) n++;
  return n;
}

function decodeAs(bytes: Buffer, charset: string): string {
  // iconv-lite never throws on bad bytes: they become U+FFFD. It also strips a BOM.
  return iconv.decode(bytes, DECODER[charset] ?? charset);
}

/**
 * Decode a body: HTTP header → BOM → `<meta>`/XML declaration → sniffing → default UTF-8.
 * A declared legacy charset loses to UTF-8 when the bytes are valid UTF-8 with non-ASCII in them: such bytes are
 * practically never real GBK/Big5 text, while pages that declare GB2312 and are UTF-8 are common (a template
 * copied from an older site). Then the source is `sniff`, because the bytes decided.
 */
export function decodeBody(
  bytes: Buffer,
  contentTypeHeader?: string | null,
): { text: string; charset: string; source: CharsetSource } {
  const utf8 = () => hasNonAscii(bytes) && isUtf8(bytes);
  const declared = (charset: string, source: CharsetSource) => {
    if (charset !== 'utf-8' && !charset.startsWith('utf-16') && utf8()) return { text: decodeAs(bytes, 'utf-8'), charset: 'utf-8', source: 'sniff' as const };
    // GBK bytes labelled utf-8 (a CMS template's default): decoding them as UTF-8 would turn the page into U+FFFD.
    if (charset === 'utf-8' && hasNonAscii(bytes) && !isUtf8(bytes)) {
      const text = decodeAs(bytes, 'utf-8');
      const guess = sniff(bytes);
      const other = guess && guess !== 'utf-8' ? decodeAs(bytes, guess) : null;
      if (other !== null && replacements(other) < replacements(text)) return { text: other, charset: guess!, source: 'sniff' as const };
      return { text, charset, source };
    }
    return { text: decodeAs(bytes, charset), charset, source };
  };
  const header = charsetFromContentType(contentTypeHeader);
  const bom = charsetFromBom(bytes);
  const meta = charsetFromMarkup(bytes);
  // A server-wide "charset=utf-8" over a GBK page that says so in its meta: the bytes settle it for the meta.
  const headerLies = header === 'utf-8' && !bom && meta && meta !== 'utf-8' && !isUtf8(bytes) && !decodeAs(bytes, meta).includes('\ufffd');
  if (header && !headerLies) return declared(header, 'header');
  if (bom) return { text: decodeAs(bytes, bom), charset: bom, source: 'bom' };
  if (meta) return declared(meta, 'meta');
  if (!hasNonAscii(bytes)) return { text: decodeAs(bytes, 'utf-8'), charset: 'utf-8', source: 'default' };
  if (isUtf8(bytes)) return { text: decodeAs(bytes, 'utf-8'), charset: 'utf-8', source: 'sniff' };
  const guess = sniff(bytes);
  if (guess) return { text: decodeAs(bytes, guess), charset: guess, source: 'sniff' };
  return { text: decodeAs(bytes, 'utf-8'), charset: 'utf-8', source: 'default' };
}
