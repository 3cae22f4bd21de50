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

  // Nullable: rows copied before these columns existed are filled by the next registration event.
  @Column('text', { nullable: true })
  name?: string | null;

  @Column('text', { name: 'site_code', nullable: true })
  siteCode?: string | null;

  @Column('text', { nullable: true })
  kind?: 'portal' | 'department' | null;

  @Column('text', { name: 'host_unit', nullable: true })
  hostUnit?: string | null;
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

  /** The W-V2 slot this probe ran for; null for an ad-hoc probe (registration, manual). */
  @Column('uuid', { name: 'slot_id', nullable: true })
  slotId?: string | null;

  @Column('timestamptz', { name: 'planned_at', nullable: true })
  plannedAt?: Date | null;

  /** Our own loopback health check made when the probe failed; false voids the failure. */
  @Column('boolean', { name: 'self_check_ok', nullable: true })
  selfCheckOk?: boolean | null;

  @Column('text', { name: 'void_reason', nullable: true })
  voidReason?: string | null;
}

/** A W-V2 monitoring window of one site: its slots are planned together and it is reported once elapsed. */
@Entity('probe_window')
export class ProbeWindowEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'site_id' })
  siteId: string;

  @Column('timestamptz', { name: 'window_from' })
  windowFrom: Date;

  @Column('timestamptz', { name: 'window_to' })
  windowTo: Date;

  @Column('int', { name: 'per_day' })
  perDay: number;

  @Column('text')
  state: 'open' | 'reported';

  @Column('timestamptz', { name: 'reported_at', nullable: true })
  reportedAt: Date | null;
}

/** One planned probe instant; claimed with SKIP LOCKED when the injected clock reaches it. */
@Entity('probe_slot')
export class ProbeSlotEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'window_id' })
  windowId: string;

  @Column('uuid', { name: 'site_id' })
  siteId: string;

  @Column('timestamptz', { name: 'planned_at' })
  plannedAt: Date;

  @Column('text')
  state: 'pending' | 'running' | 'done' | 'missed';

  /** Wall-clock time of the claim (a stale claim means a crashed worker), not simulated time. */
  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt: Date | null;
}

export const CRAWL_ENTITIES = [CrawlSiteEntity, ProbeRequestEntity, ProbeEntity, ProbeWindowEntity, ProbeSlotEntity];
