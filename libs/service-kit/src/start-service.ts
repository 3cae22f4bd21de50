import './no-phone-home';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, ApolloFederationDriverConfig } from '@nestjs/apollo';
import {
  Controller,
  DynamicModule,
  Get,
  INestApplication,
  Inject,
  LogLevel,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Type,
} from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventContract } from '@govinspect/contracts';
import { MESSAGING_ENTITIES, MessageBus, MessagingTables1732300000000, OutboxRelay } from '@govinspect/messaging';
import { ensureDatabase, serviceDatabaseUrl } from '@govinspect/persistence';
import { DataSource } from 'typeorm';
import { ClientGraphQLErrorFilter } from './graphql-error.filter';
import { MESSAGE_BUS, OUTBOX_RELAY } from './tokens';

/** What a service is: its feature module, the tables it owns, and the events it produces. */
export interface ServiceDefinition {
  name: string;
  module: Type<unknown>;
  entities: Function[];
  migrations: Function[];
  produces: EventContract<any>[];
  consumes: EventContract<any>[];
  /** Entity types this subgraph extends but never returns from a root field. */
  orphanedTypes?: Function[];
  /** JSON request body limit (express's default is 100kb), for services that take files as base64. */
  bodyLimit?: string;
}

/** How one process runs a service: port, the bus (Kafka or in-process) and where its database is. */
export interface ServiceRuntime {
  port: number;
  host?: string;
  bus: MessageBus;
  databaseUrl?: string;
  logLevels?: LogLevel[] | false;
  /** How often the outbox relay polls when not kicked (ms). */
  outboxPollMs?: number;
}

export interface RunningService {
  name: string;
  url: string;
  app: INestApplication;
  close(): Promise<void>;
}

@Module({})
class ServiceRootModule {}

@Module({})
class ServiceInfraModule {}

/** Starts and stops the outbox relay with the application, so events are relayed only while the DB is up. */
class OutboxLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay) {}
  onApplicationBootstrap() {
    this.relay.start();
  }
  async onApplicationShutdown() {
    await this.relay.stop();
  }
}

function healthController(name: string) {
  @Controller()
  class HealthController {
    @Get('health')
    health() {
      return { status: 'ok', service: name };
    }
  }
  return HealthController;
}

export function buildServiceModule(def: ServiceDefinition, rt: ServiceRuntime, databaseUrl: string): DynamicModule {
  const infra: DynamicModule = {
    module: ServiceInfraModule,
    global: true,
    providers: [
      { provide: MESSAGE_BUS, useValue: rt.bus },
      {
        provide: OUTBOX_RELAY,
        inject: [DataSource],
        useFactory: (ds: DataSource) => new OutboxRelay(ds, rt.bus, { pollMs: rt.outboxPollMs ?? 500 }),
      },
      OutboxLifecycle,
      { provide: APP_FILTER, useClass: ClientGraphQLErrorFilter },
    ],
    exports: [MESSAGE_BUS, OUTBOX_RELAY],
  };
  return {
    module: ServiceRootModule,
    controllers: [healthController(def.name)],
    imports: [
      TypeOrmModule.forRoot({
        type: 'postgres',
        url: databaseUrl,
        entities: [...MESSAGING_ENTITIES, ...def.entities],
        migrations: [MessagingTables1732300000000, ...def.migrations],
        migrationsRun: true,
        synchronize: false,
        extra: { max: 10 },
      }),
      infra,
      GraphQLModule.forRoot<ApolloFederationDriverConfig>({
        driver: ApolloFederationDriver,
        path: '/graphql',
        autoSchemaFile: { federation: 2 },
        sortSchema: true,
        playground: false,
        // Nest resolves @apollo/server's ESM typings, we import its CJS ones: same plugin, two declarations.
        plugins: [ApolloServerPluginInlineTraceDisabled() as any],
        buildSchemaOptions: { orphanedTypes: def.orphanedTypes ?? [] },
      }),
      def.module,
    ],
  };
}

/** Create the database if needed, run migrations, create topics, start GraphQL and consumers. */
export async function startService(def: ServiceDefinition, rt: ServiceRuntime): Promise<RunningService> {
  const databaseUrl = rt.databaseUrl ?? serviceDatabaseUrl(def.name);
  await ensureDatabase(databaseUrl);
  await rt.bus.ensureTopics([...def.produces, ...def.consumes].map((c) => c.topic));
  const app = await NestFactory.create<NestExpressApplication>(buildServiceModule(def, rt, databaseUrl), {
    logger: rt.logLevels ?? ['error', 'warn'],
    abortOnError: false,
  });
  // Registered before listen, so Nest skips its default (100kb) JSON parser.
  if (def.bodyLimit) app.useBodyParser('json', { limit: def.bodyLimit });
  const host = rt.host ?? '127.0.0.1';
  await app.listen(rt.port, host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : rt.port;
  return {
    name: def.name,
    url: `http://${host}:${port}/graphql`,
    app,
    close: () => app.close(),
  };
}
