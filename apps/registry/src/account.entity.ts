import type { AccountFilingRow } from '@govinspect/filing-import';
import type { PlatformId } from '@govinspect/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

// Dates are kept as 'YYYY-MM-DD' strings: they are calendar days in the filing, not instants.
const day = { type: 'date' as const, nullable: true, transformer: { to: (v: string | null) => v, from: (v: string | Date | null) => (v instanceof Date ? v.toISOString().slice(0, 10) : v) } };

/** A government new-media account (政务新媒体账号) as filed in the national new-media filing system. */
@Entity('account')
export class AccountEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  platform: PlatformId;

  @Column('text')
  name: string;

  @Column('text', { name: 'account_id' })
  accountId: string;

  @Column('text', { nullable: true })
  url: string | null;

  @Column('text', { name: 'host_unit' })
  hostUnit: string;

  @Column('text', { name: 'operating_unit', nullable: true })
  operatingUnit: string | null;

  @Column('char', { name: 'region_code', length: 6 })
  regionCode: string;

  @Column('text', { name: 'filing_status' })
  filingStatus: AccountFilingRow['filingStatus'];

  @Column('text', { name: 'filing_number', nullable: true })
  filingNumber: string | null;

  @Column({ ...day, name: 'opened_on' })
  openedOn: string | null;

  @Column('text', { name: 'content_type' })
  contentType: AccountFilingRow['contentType'];

  @Column('text')
  state: AccountFilingRow['state'];

  @Column({ ...day, name: 'stop_notice_on' })
  stopNoticeOn: string | null;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}
