import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSite1732300000100 implements MigrationInterface {
  name = 'CreateSite1732300000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE site (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        url text NOT NULL,
        site_code text NOT NULL UNIQUE,
        region_code char(6) NOT NULL,
        kind text NOT NULL CHECK (kind IN ('portal', 'department')),
        host_unit text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX site_region_code_idx ON site (region_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE site`);
  }
}
