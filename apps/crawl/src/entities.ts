import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The crawl service's copy of a registered site: what it needs to probe and crawl it. */
@Entity('crawl_site')
export class CrawlSiteEntity {
  @PrimaryColumn('uuid', { name: 'site_id' })
  siteId: string;

  @Column('text')
  url: string;

  @Column('char', { name: 'region_code', length: 6 })
  regionCode: string;
}

/** A request to probe a site's homepage; a worker claims it, so a crash resumes from the table. */
@Entity('probe_request')
export class ProbeRequestEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'site_id' })
  siteId: string;

  @Column('text')
  state: 'pending' | 'running' | 'done';

  @Column('text')
  reason: string;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt: Date;

  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt: Date | null;
}

/** One availability probe (W-V2 input). */
@Entity('probe')
export class ProbeEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'site_id' })
  siteId: string;

  @Column('text')
  url: string;

  @Column('timestamptz', { name: 'probed_at' })
  probedAt: Date;

  @Column('boolean')
  ok: boolean;

  @Column('int', { name: 'http_status', nullable: true })
  httpStatus: number | null;

  @Column('int')
  ms: number;

  @Column('text', { nullable: true })
  failure: string | null;

  @Column('text', { nullable: true })
  detail: string | null;

  @Column('boolean', { default: false })
  voided: boolean;
}

export const CRAWL_ENTITIES = [CrawlSiteEntity, ProbeRequestEntity, ProbeEntity];
