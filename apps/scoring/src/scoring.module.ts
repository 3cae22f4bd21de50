import { Module } from '@nestjs/common';
import { AvailabilityResolver } from './availability.resolver';
import { ProbeRecordedConsumer } from './probe-recorded.consumer';

@Module({ providers: [ProbeRecordedConsumer, AvailabilityResolver] })
export class ScoringModule {}
