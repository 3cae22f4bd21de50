import { Client } from 'pg';
import { createTestDatabase, uniqueTopicPrefix } from '../src';

const exists = async (name: string) => {
  const c = new Client({ connectionString: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' });
  await c.connect();
  try {
    return (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await c.end();
  }
};

describe('@govinspect/testing', () => {
  it('creates a uniquely named database and drops it', async () => {
    const [a, b] = await Promise.all([createTestDatabase('Testing Lib'), createTestDatabase('Testing Lib')]);
    try {
      expect(a.name).not.toBe(b.name);
      expect(a.name).toMatch(/^testing_lib_\d+_[0-9a-f]{8}$/);
      const c = new Client({ connectionString: a.url });
      await c.connect();
      expect((await c.query('SELECT current_database() AS db')).rows[0].db).toBe(a.name);
      await c.end();
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
    expect(await exists(a.name)).toBe(false);
    expect(await exists(b.name)).toBe(false);
  });

  it('gives topic prefixes that are unique and valid Kafka names', () => {
    const p = new Set(Array.from({ length: 50 }, () => uniqueTopicPrefix('My Test')));
    expect(p.size).toBe(50);
    for (const x of p) expect(`${x}site.v1.dlq`).toMatch(/^[a-zA-Z0-9._-]{1,249}$/);
  });
});
