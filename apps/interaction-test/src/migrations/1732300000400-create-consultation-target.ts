import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConsultationTarget1732300000400 implements MigrationInterface {
  name = 'CreateConsultationTarget1732300000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation_target (
        site_id uuid PRIMARY KEY,
        region_code char(6) NOT NULL,
        site_url text NOT NULL,
        state text NOT NULL CHECK (state IN ('awaiting-channel', 'ready', 'testing')),
        added_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consultation_target`);
  }
}
