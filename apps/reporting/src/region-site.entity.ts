import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One site as the per-region summary sees it. Filled from two topics whose relative order is not guaranteed
 * (a probe may arrive before the registration), so each handler upserts only the columns it knows.
 */
@Entity('region_site')
export class RegionSiteEntity {
  @PrimaryColumn('uuid', { name: 'site_id' })
  siteId: string;

  @Column('char', { name: 'region_code', length: 6 })
  regionCode: string;

  @Column('boolean')
  registered: boolean;

  @Column('timestamptz', { name: 'last_probe_at', nullable: true })
  lastProbeAt: Date | null;

  @Column('boolean', { name: 'last_ok', nullable: true })
  lastOk: boolean | null;
}
