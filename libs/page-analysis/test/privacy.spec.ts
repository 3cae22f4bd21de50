import { findPrivacyLeaks, idNumberValid, luhn, maskPersonalData } from '../src';

// 11010519491231002X is the GB 11643 standard's own example number
const ID = '11010519491231002X';

describe('findPrivacyLeaks', () => {
  it('finds ID numbers with a valid checksum and birth date, masked', () => {
    const hits = findPrivacyLeaks(`申请人张三，身份证号码：${ID}，住址……`);
    expect(hits).toEqual([expect.objectContaining({ kind: 'id-number', value: ID, masked: '110105********002X' })]);
    expect(hits[0].context).not.toContain(ID);
  });

  it('rejects ID-like numbers with a wrong checksum or impossible birth date', () => {
    expect(idNumberValid('110105194912310021')).toBe(false);
    expect(idNumberValid('110105194913310028')).toBe(false);
    expect(findPrivacyLeaks('编码 110105194912310021')).toEqual([]);
  });

  it('finds mainland mobile numbers with word boundaries only', () => {
    expect(findPrivacyLeaks('联系电话：13526057601。').map((h) => [h.kind, h.masked])).toEqual([['mobile', '135****7601']]);
    expect(findPrivacyLeaks('电话 135-2605-7601').map((h) => h.value)).toEqual(['13526057601']);
    expect(findPrivacyLeaks('编号 913526057601 和 1352605760')).toEqual([]);
    expect(findPrivacyLeaks('座机 0715-8123456')).toEqual([]);
  });

  it('finds Luhn-valid bank cards with an issuer prefix', () => {
    expect(luhn('6228480402564890018')).toBe(true);
    expect(findPrivacyLeaks('银行账号：6228480402564890018').map((h) => [h.kind, h.masked])).toEqual([['bank-card', '622848*********0018']]);
    expect(findPrivacyLeaks('银行账号：6228480402564890019')).toEqual([]);
  });

  it('does not flag filing numbers: 网站标识码, 索引号, ICP and 公安备案 numbers, document numbers', () => {
    const text = [
      '网站标识码：4213000001',
      '索引号：11421300MB1234567X/2024-00002',
      '鄂ICP备05003311号-1',
      '鄂公网安备 42130202000001号',
      'recordcode=11010202000001',
      '统一社会信用代码：11010519491231002X',
      '发布时间：2024-06-21 10:20',
    ].join('\n');
    expect(findPrivacyLeaks(text)).toEqual([]);
  });

  it('maskPersonalData masks every hit and leaves other numbers alone', () => {
    const s = maskPersonalData(`甲 ${ID} 乙 13526057601 丙 6228480402564890018 丁 2024-06-21 戊 4213000001`);
    expect(s).toBe('甲 110105********002X 乙 135****7601 丙 622848*********0018 丁 2024-06-21 戊 4213000001');
  });

  it('handles empty text', () => {
    expect(findPrivacyLeaks('')).toEqual([]);
    expect(maskPersonalData('')).toBe('');
  });
});
