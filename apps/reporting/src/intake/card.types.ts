import { scorecardPublished } from '@govinspect/contracts';
import { z } from 'zod';

/** A published score card as the contract delivers it (reporting stores the payload unchanged). */
export type ScoreCardPayload = z.infer<typeof scorecardPublished.schema>;
export type CardResult = ScoreCardPayload['result'];

export const isFailed = (r: CardResult) => r === 'failed-veto' || r === 'failed-below-pass';
