import { runServiceMain } from '@govinspect/service-kit';
import { scoringService } from './index';

runServiceMain(scoringService, 4003);
