import {
  resilienceQuery,
  ResilienceScoresResponse,
  runReadPermission,
} from '@internal/plugin-nt-infra-common';
import type { RouteModule } from '../router';
import { parse } from '../schema/requests';
import { ResilienceService } from '../services/resilience';

/**
 * `GET /resilience/scores?entityRef=…[&entityRef=…][&weeks=N]`: each entity's
 * resilience score with its reasons and weekly trend. One request scores a
 * whole catalog table page. The score is derived from run history only, so
 * it needs what reading runs needs; the catalog is asked with the caller's
 * credentials, so an entity they cannot see is `notFound`.
 */
export function resilienceRoutes(resilience: ResilienceService): RouteModule {
  return {
    registerRoutes(router, { auth }) {
      router.get('/resilience/scores', async (req, res) => {
        const query = parse(resilienceQuery, req.query, 'query parameter');
        const credentials = await auth.authorize(req, runReadPermission);
        const body: ResilienceScoresResponse = await resilience.scores(
          query.entityRef,
          query.weeks,
          credentials,
        );
        res.json(body);
      });
    },
  };
}
