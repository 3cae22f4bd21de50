import { PLATFORMS, platformByLabel } from '@govinspect/contracts';

test('every label the filing systems write maps to its platform', () => {
  expect(platformByLabel('微信公众号')).toBe('wechat-subscription');
  expect(platformByLabel('微信订阅号')).toBe('wechat-subscription');
  expect(platformByLabel('微信服务号')).toBe('wechat-service');
  expect(platformByLabel('微博')).toBe('weibo');
  expect(platformByLabel('头条号')).toBe('toutiao');
  expect(platformByLabel('Ｂ站')).toBe('bilibili');
  expect(platformByLabel(' 移动客户端 ')).toBe('app');
  expect(platformByLabel('ａｐｐ')).toBe('app');
  expect(platformByLabel('微信公众号(服务号)')).toBe('wechat-service');
  expect(platformByLabel('脸书')).toBeNull();
  expect(platformByLabel('')).toBeNull();
});

test('ids are unique and no label names two platforms', () => {
  expect(new Set(PLATFORMS.map((p) => p.id)).size).toBe(PLATFORMS.length);
  const labels = PLATFORMS.flatMap((p) => p.labels.map((l) => l.toLowerCase()));
  expect(new Set(labels).size).toBe(labels.length);
  for (const p of PLATFORMS) for (const l of p.labels) expect(platformByLabel(l)).toBe(p.id);
});
