import { runServiceMain } from '@govinspect/service-kit';
import { crawlService } from './index';

runServiceMain(crawlService, 4002);
