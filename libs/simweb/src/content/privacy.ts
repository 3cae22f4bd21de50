// Personal data that a privacy sweep must find: numbers are valid (ID checksum, Luhn), so a detector
// that validates them finds them and one that rejects random digits is not fooled.
import { hash32, randInt } from '../util/hash';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idCheckChar(id.slice(0, 17)) === id[17];
}

export function idNumber(regionCode: string, ...keys: (string | number)[]): string {
  const y = randInt(1950, 2000, ...keys, 'y');
  const m = randInt(1, 12, ...keys, 'm');
  const d = randInt(1, 28, ...keys, 'd');
  const seq = String(randInt(1, 999, ...keys, 's')).padStart(3, '0');
  const first = `${regionCode}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`;
  return first + idCheckChar(first);
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return sum % 10 === 0;
}

/** A 19-digit UnionPay-style debit card number (62 prefix) with a valid Luhn digit. */
export function bankCard(...keys: (string | number)[]): string {
  let body = '622848';
  for (let i = 0; body.length < 18; i++) body += String(hash32(...keys, 'c', i) % 10);
  for (let c = 0; c < 10; c++) if (luhnValid(body + c)) return body + c;
  throw new Error('unreachable');
}

export function mobile(...keys: (string | number)[]): string {
  const prefixes = ['135', '136', '138', '139', '150', '151', '158', '186', '187', '189', '177', '199'];
  let s = prefixes[hash32(...keys, 'p') % prefixes.length];
  for (let i = 0; s.length < 11; i++) s += String(hash32(...keys, 'n', i) % 10);
  return s;
}
