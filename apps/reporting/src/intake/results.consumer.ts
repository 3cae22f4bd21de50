import { Injectable } from '@nestjs/common';
import { inspectionCompleted, scorecardPublished } from '@govinspect/contracts';
import { EventHandlerSpec, EventSubscriptions, on } from '@govinspect/service-kit';
import { applyRecheck } from '../rectification/rectification.store';
import { advanceRounds } from '../rounds/round.service';

/** Score cards and inspection progress from the scoring and crawl services. */
@Injectable()
export class ResultsConsumer extends EventSubscriptions {
  protected serviceName() {
    return 'reporting';
  }

  protected handlers(): EventHandlerSpec[] {
    return [
      on(scorecardPublished, async (event, manager) => {
        const c = event.payload;
        // Keep the newest version per (target, period): an older or redelivered version changes nothing.
        await manager.query(
          `INSERT INTO score_card (target_id, period_key, card_id, version, target_kind, target_class, target_name, region_code, result,
             final_score, rule_set_id, payload)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (target_id, period_key) DO UPDATE SET card_id = EXCLUDED.card_id, version = EXCLUDED.version,
             target_kind = EXCLUDED.target_kind, target_class = EXCLUDED.target_class, target_name = EXCLUDED.target_name,
             region_code = EXCLUDED.region_code, result = EXCLUDED.result, final_score = EXCLUDED.final_score,
             rule_set_id = EXCLUDED.rule_set_id, payload = EXCLUDED.payload, received_at = now()
           WHERE score_card.card_id <> EXCLUDED.card_id OR score_card.version < EXCLUDED.version`,
          [c.targetId, c.period.key, c.cardId, c.version, c.targetKind, c.targetClass, c.targetName, c.regionCode, c.result, c.finalScore,
            c.ruleSet.id, JSON.stringify(c)],
        );
        const rounds: Array<{ id: string }> = await manager.query(
          `SELECT id FROM inspection_round WHERE period_key = $1 AND state IN ('inspecting', 'scoring') AND $2 = ANY(target_ids)`,
          [c.period.key, c.targetId],
        );
        await advanceRounds(manager, rounds.map((r) => r.id));
      }),
      on(inspectionCompleted, async (event, manager) => {
        const p = event.payload;
        if (p.recheck) {
          await applyRecheck(manager, p.recheck.taskId, { stillPresent: p.recheck.stillPresent, status: p.status, completedAt: p.completedAt });
          return;
        }
        const [round] = await manager.query(`SELECT id FROM inspection_round WHERE id::text = $1`, [p.inspectionId]);
        if (!round) return; // an inspection some other requester asked for
        await manager.query(
          `INSERT INTO round_inspection (round_id, site_id, status, pages_fetched, findings, completed_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (round_id, site_id) DO UPDATE SET status = EXCLUDED.status, pages_fetched = EXCLUDED.pages_fetched,
             findings = EXCLUDED.findings, completed_at = EXCLUDED.completed_at`,
          [round.id, p.siteId, p.status, p.pagesFetched, p.findings, p.completedAt],
        );
        await advanceRounds(manager, [round.id]);
      }),
    ];
  }
}
