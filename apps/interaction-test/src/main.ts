import { runServiceMain } from '@govinspect/service-kit';
import { interactionTestService } from './index';

runServiceMain(interactionTestService, 4004);
