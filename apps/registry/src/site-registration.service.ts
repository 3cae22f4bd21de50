import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { siteRegistered } from '@govinspect/contracts';
import { OutboxRelay, enqueueEvent } from '@govinspect/messaging';
import { OUTBOX_RELAY, conflict } from '@govinspect/service-kit';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { SiteEntity } from './site.entity';
import { RegisterSiteInput } from './site.model';
import { validateSiteInput } from './validate-site';

@Injectable()
export class SiteRegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  /** Stores the site and its `registry.site-registered` event in one transaction (transactional outbox). */
  async register(raw: RegisterSiteInput): Promise<SiteEntity> {
    const input = validateSiteInput(raw);
    if (input instanceof GraphQLError) throw input;
    const site = await this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(SiteEntity, { siteCode: input.siteCode });
      if (existing) throw conflict('siteCode', `网站标识码 ${input.siteCode} 已登记 (already registered as "${existing.name}")`);
      const row = manager.create(SiteEntity, { id: randomUUID(), ...input });
      await manager.insert(SiteEntity, row);
      const { id, name, url, siteCode, regionCode, hostUnit } = row;
      // The v1 event knows only portal|department; a 部门网站（不提供服务） is a department site to consumers.
      const kind = row.kind === 'portal' ? 'portal' : 'department';
      await enqueueEvent(manager, siteRegistered, id, { siteId: id, name, url, siteCode, regionCode, kind, hostUnit }, 'registry');
      return manager.findOneByOrFail(SiteEntity, { id: row.id });
    });
    this.relay.kick();
    return site;
  }

  findById(id: string) {
    return this.dataSource.getRepository(SiteEntity).findOneBy({ id });
  }

  findByRegion(regionCode?: string) {
    return this.dataSource
      .getRepository(SiteEntity)
      .find({ where: regionCode ? { regionCode } : {}, order: { regionCode: 'ASC', name: 'ASC' } });
  }
}
