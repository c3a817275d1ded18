import { it } from 'vitest';
import { RESPONSES } from '../shared/responses/index.ts';
import { makeApp } from './helpers/app.ts';
import { isStaticRoute, ownRoutes, routeKey, ROUTE_TABLE } from './reliability/routes.ts';
it('list', async () => {
  const t = await makeApp();
  const served = ownRoutes(t.app).filter((r) => !isStaticRoute(r.url) && r.url !== '/ws').map(routeKey);
  console.log('MISSING', JSON.stringify(served.filter((k) => !(k in RESPONSES)), null, 1));
  console.log('EXTRA', JSON.stringify(Object.keys(RESPONSES).filter((k) => !served.includes(k))));
  console.log('NOTINTABLE', JSON.stringify(served.filter((k) => !ROUTE_TABLE.some((r) => routeKey(r) === k))));
  await t.close();
});
