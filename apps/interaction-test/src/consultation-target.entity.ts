import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A site whose consultation channel (模拟咨询) is to be tested; questions and timings attach here. */
@Entity('consultation_target')
export class ConsultationTargetEntity {
  @PrimaryColumn('uuid', { name: 'site_id' })
  siteId: string;

  @Column('char', { name: 'region_code', length: 6 })
  regionCode: string;

  @Column('text', { name: 'site_url' })
  siteUrl: string;

  @Column('text')
  state: 'awaiting-channel' | 'ready' | 'testing';

  @Column('timestamptz', { name: 'added_at' })
  addedAt: Date;
}
