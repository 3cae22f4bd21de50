import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OutboxRelay } from '@govinspect/messaging';
import { OUTBOX_RELAY } from '@govinspect/service-kit';
import { DataSource } from 'typeorm';
import { PRODUCER } from '../rounds/round.service';
import { flagOverdue } from './rectification.store';

/** The clock the overdue scan reads; a provider so a demo or test can run on simulated time. */
export const REPORTING_CLOCK = Symbol('REPORTING_CLOCK');
export type Clock = () => Date;

/**
 * Runs the overdue scan every REPORTING_OVERDUE_SCAN_MS (0 = off; the flagOverdueRectifications mutation takes an
 * explicit asOf either way). The scan logic itself never reads the wall clock: it gets the clock's time as input.
 */
@Injectable()
export class OverdueScanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OverdueScanner');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(REPORTING_CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap() {
    const every = Number(process.env.REPORTING_OVERDUE_SCAN_MS ?? 0);
    if (every > 0) this.timer = setInterval(() => void this.scan().catch((e) => this.logger.error(e)), every);
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  async scan(): Promise<number> {
    const tasks = await this.dataSource.transaction((m) => flagOverdue(m, this.clock(), PRODUCER));
    if (tasks.length) this.relay.kick();
    return tasks.length;
  }
}
