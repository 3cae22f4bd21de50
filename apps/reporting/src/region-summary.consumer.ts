import { Injectable } from '@nestjs/common';
import { probeRecorded, siteRegistered } from '@govinspect/contracts';
import { EventHandlerSpec, EventSubscriptions, on } from '@govinspect/service-kit';

@Injectable()
export class RegionSummaryConsumer extends EventSubscriptions {
  protected serviceName() {
    return 'reporting';
  }

  protected handlers(): EventHandlerSpec[] {
    return [
      on(siteRegistered, async (event, manager) => {
        const p = event.payload;
        await manager.query(
          `INSERT INTO region_site (site_id, region_code, registered, name, url, site_code, kind, host_unit)
           VALUES ($1, $2, true, $3, $4, $5, $6, $7)
           ON CONFLICT (site_id) DO UPDATE SET registered = true, region_code = EXCLUDED.region_code, name = EXCLUDED.name,
             url = EXCLUDED.url, site_code = EXCLUDED.site_code, kind = EXCLUDED.kind, host_unit = EXCLUDED.host_unit`,
          [p.siteId, p.regionCode, p.name, p.url, p.siteCode, p.kind, p.hostUnit],
        );
      }),
      on(probeRecorded, async (event, manager) => {
        const p = event.payload;
        if (p.voided) return;
        // Only a newer probe replaces the reachability we show; redelivered or late probes do not.
        await manager.query(
          `INSERT INTO region_site (site_id, region_code, registered, last_probe_at, last_ok) VALUES ($1, $2, false, $3, $4)
           ON CONFLICT (site_id) DO UPDATE SET last_probe_at = EXCLUDED.last_probe_at, last_ok = EXCLUDED.last_ok
           WHERE region_site.last_probe_at IS NULL OR region_site.last_probe_at < EXCLUDED.last_probe_at`,
          [p.siteId, p.regionCode, p.probedAt, p.ok],
        );
      }),
    ];
  }
}
