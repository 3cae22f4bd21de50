// LOCAL personal-data finder (page-analysis's findPrivacyLeaks/maskPersonalData are not published yet):
// 18-digit 居民身份证号码 with a valid GB 11643 check character and birth date, mainland mobile numbers,
// bank card numbers with a valid Luhn digit. Evidence is always masked.
export type PrivacyKind = 'id-number' | 'mobile' | 'bank-card';

export interface PrivacyHit {
  kind: PrivacyKind;
  value: string;
  masked: string;
}

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(id[i]) * W[i];
  return CHECK[s % 11] === id[17].toUpperCase();
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

export function maskPersonalData(kind: PrivacyKind, v: string): string {
  if (kind === 'id-number') return `${v.slice(0, 6)}********${v.slice(-4)}`;
  if (kind === 'mobile') return `${v.slice(0, 3)}****${v.slice(-4)}`;
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

/** Runs of digits (and a trailing X) not glued to other digits or latin letters. */
export function findPrivacyLeaks(text: string): PrivacyHit[] {
  const out: PrivacyHit[] = [];
  for (const m of text.matchAll(/(?<![\dA-Za-z])(\d{11,19}[Xx]?)(?![\dA-Za-z])/g)) {
    const v = m[1];
    let kind: PrivacyKind | null = null;
    if (v.length === 18 && validIdNumber(v)) kind = 'id-number';
    else if (/^1[3-9]\d{9}$/.test(v)) kind = 'mobile';
    else if (/^\d{16,19}$/.test(v) && /^(62|4|5[1-5])/.test(v) && luhn(v)) kind = 'bank-card';
    if (kind) out.push({ kind, value: v, masked: maskPersonalData(kind, v) });
  }
  return out;
}
