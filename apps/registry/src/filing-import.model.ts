import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class FieldChange {
  @Field()
  field: string;

  @Field(() => String, { nullable: true })
  before: string | null;

  @Field(() => String, { nullable: true })
  after: string | null;
}

@ObjectType({ description: 'A site (by 网站标识码) or account (by platform:accountId) in an import' })
export class FilingEntry {
  @Field()
  key: string;

  @Field()
  name: string;
}

@ObjectType()
export class FilingChange extends FilingEntry {
  @Field(() => [FieldChange])
  changes: FieldChange[];
}

@ObjectType({ description: 'A row of the file that could not be imported' })
export class FilingRowError {
  @Field(() => Int)
  rowNumber: number;

  @Field()
  column: string;

  @Field()
  code: string;

  @Field({ description: 'Chinese, for users' })
  reason: string;
}

@ObjectType({ description: 'What an import of a filing export did (or, in a dry run, would do)' })
export class FilingImportResult {
  @Field({ description: 'sites | accounts' })
  kind: string;

  @Field()
  fileName: string;

  @Field()
  fileHash: string;

  @Field(() => [FilingEntry])
  created: FilingEntry[];

  @Field(() => [FilingChange])
  changed: FilingChange[];

  @Field(() => Int)
  unchanged: number;

  @Field(() => [FilingEntry], { description: 'In the register but not in the file; reported only, never removed' })
  absent: FilingEntry[];

  @Field(() => [FilingRowError])
  errors: FilingRowError[];

  @Field({ description: 'False for a dry run and for a file with row errors applied without validRowsOnly' })
  applied: boolean;

  @Field(() => ID, { nullable: true })
  importId: string | null;
}

@ObjectType()
export class FilingImportCounts {
  @Field(() => Int) created: number;
  @Field(() => Int) changed: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) absent: number;
  @Field(() => Int) errors: number;
}

@ObjectType({ description: 'An applied filing export' })
export class FilingImport {
  @Field(() => ID)
  id: string;

  @Field()
  kind: string;

  @Field()
  fileName: string;

  @Field()
  fileHash: string;

  @Field()
  appliedAt: Date;

  @Field()
  by: string;

  @Field(() => FilingImportCounts)
  counts: FilingImportCounts;
}
