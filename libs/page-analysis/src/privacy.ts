// Personal data published by mistake: ID numbers (GB 11643 checksum, plausible birth date), mainland mobiles,
// bank cards (Luhn, card-issuer prefixes). Filing numbers (网站标识码, 索引号, ICP/公安备案) are not personal data.

export interface PrivacyHit {
  kind: 'id-number' | 'mobile' | 'bank-card';
  value: string;
  masked: string;
  context: string;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idNumberValid(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  if (ID_CHECK[sum % 11] !== id[17].toUpperCase()) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate() && /^[1-8]\d/.test(id);
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return sum % 10 === 0;
}

/** Card-issuer prefixes seen on Chinese bank cards (UnionPay 62, Visa 4, Mastercard 51–55/2, JCB 35, AmEx 34/37, old domestic 60/9). */
const CARD_PREFIX = /^(62|4|5[1-5]|2[2-7]|35|3[47]|60|9[0-9])/;

/** Labels whose numbers are filing/document ids, never personal data. */
const NOT_PERSONAL = /(网站标识码|标识码|索引号|备案|ICP|公网安备|文号|编号|统一社会信用代码|信用代码|邮编|邮政编码|订单号|流水号|证书号|许可证|sitecode|site_code|recordcode)\s*[：:=]?\s*\S{0,6}$/i;

function ctxOf(text: string, i: number, len: number): string {
  return text.slice(Math.max(0, i - 15), Math.min(text.length, i + len + 15)).replace(/\s+/g, ' ');
}

export function maskValue(kind: PrivacyHit['kind'], v: string): string {
  if (kind === 'mobile') return `${v.slice(0, 3)}****${v.slice(-4)}`;
  return `${v.slice(0, 6)}${'*'.repeat(Math.max(0, v.length - 10))}${v.slice(-4)}`;
}

export function findPrivacyLeaks(text: string): PrivacyHit[] {
  const out: PrivacyHit[] = [];
  if (!text) return out;
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && b > x);
  const labelledAway = (i: number) => NOT_PERSONAL.test(text.slice(Math.max(0, i - 24), i));
  for (const m of text.matchAll(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g)) {
    const v = m[0];
    if (!idNumberValid(v) || labelledAway(m.index!)) continue;
    taken.push([m.index!, m.index! + v.length]);
    out.push({ kind: 'id-number', value: v.toUpperCase(), masked: maskValue('id-number', v.toUpperCase()), context: maskPersonalData(ctxOf(text, m.index!, v.length)) });
  }
  for (const m of text.matchAll(/(?<![\dA-Za-z])\d{16,19}(?![\dA-Za-z])/g)) {
    const v = m[0];
    if (!free(m.index!, m.index! + v.length) || !CARD_PREFIX.test(v) || !luhn(v) || labelledAway(m.index!)) continue;
    taken.push([m.index!, m.index! + v.length]);
    out.push({ kind: 'bank-card', value: v, masked: maskValue('bank-card', v), context: maskPersonalData(ctxOf(text, m.index!, v.length)) });
  }
  for (const m of text.matchAll(/(?<![\d\-A-Za-z])(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![\d\-A-Za-z])/g)) {
    const v = m[1] + m[2] + m[3];
    if (!free(m.index!, m.index! + m[0].length) || labelledAway(m.index!)) continue;
    taken.push([m.index!, m.index! + m[0].length]);
    out.push({ kind: 'mobile', value: v, masked: maskValue('mobile', v), context: '' });
    out[out.length - 1].context = maskPersonalData(ctxOf(text, m.index!, m[0].length));
  }
  return out;
}

/** The text with every personal number masked (evidence is stored masked). */
export function maskPersonalData(text: string): string {
  let s = text;
  s = s.replace(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, (v) => (idNumberValid(v) ? maskValue('id-number', v.toUpperCase()) : v));
  s = s.replace(/(?<![\dA-Za-z*])\d{16,19}(?![\dA-Za-z*])/g, (v) => (CARD_PREFIX.test(v) && luhn(v) ? maskValue('bank-card', v) : v));
  s = s.replace(/(?<![\d\-A-Za-z*])(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?![\d\-A-Za-z*])/g, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
  return s;
}
