import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface FilingImportCounts {
  created: number;
  changed: number;
  unchanged: number;
  absent: number;
  errors: number;
}

/** One applied filing export: which file, by whom, and what it did. */
@Entity('filing_import')
export class FilingImportEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  kind: 'sites' | 'accounts';

  @Column('text', { name: 'file_name' })
  fileName: string;

  @Column('text', { name: 'file_hash' })
  fileHash: string;

  @Column('timestamptz', { name: 'applied_at' })
  appliedAt: Date;

  @Column('text')
  by: string;

  @Column('jsonb')
  counts: FilingImportCounts;
}
