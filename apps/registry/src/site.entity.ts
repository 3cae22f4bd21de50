import type { SiteFilingRow, SiteKindFiled } from '@govinspect/filing-import';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A registered government website (政府网站), as filed in the national site filing system. */
@Entity('site')
export class SiteEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  url: string;

  @Column('text', { name: 'site_code', unique: true })
  siteCode: string;

  @Column('char', { name: 'region_code', length: 6 })
  regionCode: string;

  @Column('text')
  kind: SiteKindFiled;

  @Column('text', { name: 'host_unit' })
  hostUnit: string;

  @Column('text', { name: 'operating_unit', nullable: true })
  operatingUnit: string | null;

  @Column('text', { name: 'icp_number', nullable: true })
  icpNumber: string | null;

  @Column('text', { name: 'psb_number', nullable: true })
  psbNumber: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  subdomains: string[];

  @Column('text', { default: 'running' })
  state: SiteFilingRow['state'];

  @Column('text', { name: 'successor_url', nullable: true })
  successorUrl: string | null;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
