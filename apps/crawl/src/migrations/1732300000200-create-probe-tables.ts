import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProbeTables1732300000200 implements MigrationInterface {
  name = 'CreateProbeTables1732300000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE crawl_site (site_id uuid PRIMARY KEY, url text NOT NULL, region_code char(6) NOT NULL)`);
    await q.query(`
      CREATE TABLE probe_request (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL REFERENCES crawl_site (site_id),
        state text NOT NULL CHECK (state IN ('pending', 'running', 'done')),
        reason text NOT NULL,
        requested_at timestamptz NOT NULL,
        claimed_at timestamptz
      )`);
    await q.query(`CREATE INDEX probe_request_open_idx ON probe_request (requested_at) WHERE state <> 'done'`);
    await q.query(`
      CREATE TABLE probe (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL REFERENCES crawl_site (site_id),
        url text NOT NULL,
        probed_at timestamptz NOT NULL,
        ok boolean NOT NULL,
        http_status int,
        ms int NOT NULL,
        failure text,
        detail text,
        voided boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX probe_site_time_idx ON probe (site_id, probed_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE probe`);
    await q.query(`DROP TABLE probe_request`);
    await q.query(`DROP TABLE crawl_site`);
  }
}
