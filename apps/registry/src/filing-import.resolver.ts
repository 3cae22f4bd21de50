import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { regionWithin } from '@govinspect/contracts';
import { FilingFileError } from '@govinspect/filing-import';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { AccountEntity } from './account.entity';
import { Account } from './account.model';
import { FilingImport, FilingImportResult } from './filing-import.model';
import { FilingImportService } from './filing-import.service';
import { Region } from './site.model';

/** A file refused as a whole becomes a bad-input error carrying the parser's Chinese message and its code. */
function fileError(e: unknown): never {
  if (e instanceof FilingFileError) {
    throw new GraphQLError(`fileBase64: ${e.message}`, { extensions: { code: 'BAD_USER_INPUT', field: 'fileBase64', classification: e.code } });
  }
  throw e;
}

/** The x-operator header, percent-encoded by clients so Chinese names survive HTTP headers. */
function operator(header: string | undefined): string {
  if (!header?.trim()) return 'anonymous';
  try {
    return decodeURIComponent(header.trim());
  } catch {
    return header.trim();
  }
}

@Resolver(() => Account)
export class FilingImportResolver {
  constructor(
    private readonly imports: FilingImportService,
    private readonly dataSource: DataSource,
  ) {}

  @Mutation(() => FilingImportResult, {
    description: 'Import a 网站/政务新媒体 filing-system export (.xlsx/.xls). A dry run (the default) changes nothing; the operator is the x-operator header.',
  })
  async importFiling(
    @Args('fileBase64') fileBase64: string,
    @Args('fileName') fileName: string,
    @Args('dryRun', { defaultValue: true }) dryRun: boolean,
    @Args('validRowsOnly', { defaultValue: false }) validRowsOnly: boolean,
    @Context() ctx: { req?: { headers?: Record<string, string | string[] | undefined> } },
  ) {
    const buf = Buffer.from(fileBase64, 'base64');
    const header = ctx.req?.headers?.['x-operator'];
    const by = operator(Array.isArray(header) ? header[0] : header);
    try {
      return dryRun ? await this.imports.dryRun(buf, fileName) : await this.imports.apply(buf, fileName, { by, validRowsOnly, at: new Date() });
    } catch (e) {
      fileError(e);
    }
  }

  @Query(() => [FilingImport], { description: 'Applied filing imports, newest first' })
  filingImports() {
    return this.imports.listImports();
  }

  @Query(() => [Account], { description: 'Filed new-media accounts, optionally within a region (a city code includes its counties)' })
  async accounts(@Args('regionCode', { nullable: true }) regionCode?: string) {
    const all = await this.dataSource.getRepository(AccountEntity).find({ order: { regionCode: 'ASC', platform: 'ASC', name: 'ASC' } });
    return regionCode ? all.filter((a) => regionWithin(a.regionCode, regionCode)) : all;
  }

  @ResolveField(() => Region)
  region(@Parent() account: AccountEntity): Region {
    return { code: account.regionCode };
  }
}
