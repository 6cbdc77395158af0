// Local development routes exist only where DEV_ROUTES=true (`npm start`, the
// tests, the bench): everywhere else they answer 404 like any unknown path.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../api/context';

export const devOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.env.DEV_ROUTES !== 'true') return c.notFound();
  await next();
});
