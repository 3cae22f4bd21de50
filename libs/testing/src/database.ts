import { randomBytes } from 'node:crypto';
import { DEFAULT_DATABASE_URL, dropDatabase, ensureDatabase } from '@govinspect/persistence';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh, uniquely named database on the server of DATABASE_URL (default: local PostgreSQL, user postgres).
 * Call drop() in afterAll.
 */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const clean = (prefix || 'test').toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 30);
  const name = `${clean}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const server = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  server.pathname = `/${name}`;
  const url = server.toString();
  await ensureDatabase(url);
  let dropped: Promise<void> | null = null;
  return { url, name, drop: () => (dropped ??= dropDatabase(url)) };
}
