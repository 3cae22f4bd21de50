import { CreateProbeObservation1732300000300 } from './1732300000300-create-probe-observation';
import { CreateScoringCards1732300000310 } from './1732300000310-create-scoring-cards';

/** In order; run at service start (never synchronize). */
export const SCORING_MIGRATIONS = [CreateProbeObservation1732300000300, CreateScoringCards1732300000310];
