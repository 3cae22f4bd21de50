import './no-phone-home';
import { startGateway } from './gateway';

startGateway({ port: Number(process.env.GATEWAY_PORT ?? process.env.PORT ?? 4000), host: process.env.HOST ?? '127.0.0.1' })
  .then((g) => console.log(`[gateway] supergraph at ${g.url}`))
  .catch((e) => {
    console.error('[gateway] failed to start:', e);
    process.exit(1);
  });
