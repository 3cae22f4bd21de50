import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A probe as scoring sees it: the W-V2 window is counted from these rows relative to `asOf`. */
@Entity('probe_observation')
export class ProbeObservationEntity {
  @PrimaryColumn('uuid', { name: 'probe_id' })
  probeId: string;

  @Column('uuid', { name: 'site_id' })
  siteId: string;

  @Column('timestamptz', { name: 'probed_at' })
  probedAt: Date;

  @Column('boolean')
  ok: boolean;

  @Column('boolean')
  voided: boolean;

  @Column('text', { nullable: true })
  failure: string | null;
}
