import { runServiceMain } from '@govinspect/service-kit';
import { registryService } from './index';

runServiceMain(registryService, 4001);
