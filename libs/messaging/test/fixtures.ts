import { siteRegistered } from '@govinspect/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { MESSAGING_ENTITIES, MessagingTables1732300000000 } from '../src';

/** The state a producing service changes (registry) and the effect a consuming service applies (scoring). */
export class TestTables1732300000001 implements MigrationInterface {
  name = 'TestTables1732300000001';
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE site (id uuid PRIMARY KEY, name text NOT NULL)`);
    // No unique constraint on purpose: a second effect for the same event would show up as a second row.
    await q.query(`CREATE TABLE site_seen (site_id uuid NOT NULL, event_id text NOT NULL, seen_at timestamptz NOT NULL DEFAULT now())`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE site_seen`);
    await q.query(`DROP TABLE site`);
  }
}

export async function openDataSource(url: string): Promise<DataSource> {
  const ds = new DataSource({
    type: 'postgres',
    url,
    entities: MESSAGING_ENTITIES,
    migrations: [MessagingTables1732300000000, TestTables1732300000001],
    extra: { max: 5 },
  });
  await ds.initialize();
  await ds.runMigrations();
  return ds;
}

let n = 0;
export function sitePayload(siteId = randomUUID()) {
  n++;
  return {
    siteId,
    name: `测试站点 ${n}`,
    url: `http://site${n}.example.gov.cn/`,
    siteCode: String(1100000000 + n),
    regionCode: '110000',
    kind: 'portal' as const,
    hostUnit: '北京市人民政府办公厅',
  };
}

export const SITE_TOPIC = siteRegistered.topic;
