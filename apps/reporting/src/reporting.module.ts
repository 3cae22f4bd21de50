import { Module } from '@nestjs/common';
import { BulletinController } from './bulletin/bulletin.controller';
import { TemplateResolver } from './bulletin/template.resolver';
import { ResultsConsumer } from './intake/results.consumer';
import { OverdueScanner, REPORTING_CLOCK } from './rectification/overdue-scanner';
import { RectificationResolver } from './rectification/rectification.resolver';
import { RegionResolver } from './region.resolver';
import { RegionSummaryConsumer } from './region-summary.consumer';
import { RoundResolver } from './rounds/round.resolver';
import { RoundService } from './rounds/round.service';
import { SiteResolver } from './site.resolver';
import { TrendsResolver } from './trends/trends.resolver';

@Module({
  controllers: [BulletinController],
  providers: [
    RegionSummaryConsumer,
    ResultsConsumer,
    RoundService,
    RegionResolver,
    SiteResolver,
    RoundResolver,
    RectificationResolver,
    { provide: REPORTING_CLOCK, useValue: () => new Date() },
    OverdueScanner,
    TrendsResolver,
    TemplateResolver,
  ],
})
export class ReportingModule {}
