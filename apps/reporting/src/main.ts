import { runServiceMain } from '@govinspect/service-kit';
import { reportingService } from './index';

runServiceMain(reportingService, 4005);
