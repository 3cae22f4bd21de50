import { SiteKind } from '@govinspect/contracts';
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
  kind: SiteKind;

  @Column('text', { name: 'host_unit' })
  hostUnit: string;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
