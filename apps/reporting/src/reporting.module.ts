import { Module } from '@nestjs/common';
import { RegionResolver } from './region.resolver';
import { RegionSummaryConsumer } from './region-summary.consumer';

@Module({ providers: [RegionSummaryConsumer, RegionResolver] })
export class ReportingModule {}
