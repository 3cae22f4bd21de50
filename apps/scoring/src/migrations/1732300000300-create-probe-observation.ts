import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProbeObservation1732300000300 implements MigrationInterface {
  name = 'CreateProbeObservation1732300000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE probe_observation (
        probe_id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        probed_at timestamptz NOT NULL,
        ok boolean NOT NULL,
        voided boolean NOT NULL,
        failure text
      )`);
    await q.query(`CREATE INDEX probe_observation_site_time_idx ON probe_observation (site_id, probed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE probe_observation`);
  }
}
