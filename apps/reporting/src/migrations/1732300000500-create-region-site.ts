import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRegionSite1732300000500 implements MigrationInterface {
  name = 'CreateRegionSite1732300000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region_site (
        site_id uuid PRIMARY KEY,
        region_code char(6) NOT NULL,
        registered boolean NOT NULL DEFAULT false,
        last_probe_at timestamptz,
        last_ok boolean
      )`);
    await q.query(`CREATE INDEX region_site_region_idx ON region_site (region_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE region_site`);
  }
}
