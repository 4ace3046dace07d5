import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  BudgetCostEstimate,
  experimentReadPermission,
  GameDayRequest,
  gameDayRequest,
  gamedayRunPermission,
  RunDetail,
  runReadPermission,
} from '@internal/plugin-nt-infra-common';
import { Router } from 'express';
import { z } from 'zod';
import { parse, runParams, parseHeader } from '../schema/requests';
import { idempotencyKeyHeader } from '../services/chaosRuns/chaosRunRequest';
import { renderReportMarkdown } from '../services/gamedays/renderReportMarkdown';
import { GameDayScenarios } from '../services/gamedays/GameDayScenarios';
import { GameDayService } from '../services/gamedays/GameDayService';
import { Authorizer } from './authorizer';
import { PreviewGate } from './previewRateLimit';

const reasonBody = z
  .object({ reason: z.string().trim().min(1).max(1000) })
  .strict();

const noteBody = z
  .object({ text: z.string().trim().min(1).max(2000) })
  .strict();

const reportQuery = z
  .object({ format: z.enum(['markdown', 'json']).default('json') })
  .strict();

/**
 * GameDays: the scenario library, starting, aborting, notes and the report.
 * The live timeline is `GET /runs/:id` (steps and transitions), as for every run.
 */
export function registerGameDayRoutes(
  router: Router,
  deps: {
    auth: Authorizer;
    gamedays: GameDayService;
    scenarios: GameDayScenarios;
    previews: PreviewGate;
    /** The error budget a GameDay is expected to spend (`estimateGameDayCost`). */
    estimateCost(
      request: GameDayRequest,
      requestedBy: string,
    ): Promise<BudgetCostEstimate>;
    /** Whether the caller is one of the scenario's observers (directly or through a group). */
    isObserver(
      credentials: BackstageCredentials,
      run: RunDetail,
    ): Promise<boolean>;
  },
) {
  const { auth, gamedays, scenarios } = deps;

  router.get('/gamedays/scenarios', async (req, res) => {
    parse(z.object({}).strict(), req.query, 'query parameter');
    await auth.authorize(req, experimentReadPermission);
    res.json(await scenarios.list());
  });

  // The error budget the GameDay is expected to spend, before anyone starts it.
  router.post('/gamedays/preview', async (req, res) => {
    const body = parse(gameDayRequest, req.body, 'body field');
    const credentials = await auth.authorize(req, gamedayRunPermission);
    deps.previews.admit(credentials, res);
    res.json(await deps.estimateCost(body, auth.actorOf(credentials)));
  });

  router.post('/gamedays', async (req, res) => {
    const body = parse(gameDayRequest, req.body, 'body field');
    const key = parseHeader(idempotencyKeyHeader, req, 'Idempotency-Key');
    const credentials = await auth.authorize(req, gamedayRunPermission);
    const { run, created } = await gamedays.start(
      body,
      auth.actorOf(credentials),
      key,
    );
    res.status(created ? 201 : 200).json(run);
  });

  router.post('/gamedays/:id/abort', async (req, res) => {
    const { id } = parse(runParams, req.params, 'path parameter');
    const body = parse(reasonBody, req.body, 'body field');
    const credentials = await auth.authorize(req, gamedayRunPermission);
    res.json(await gamedays.abort(id, auth.actorOf(credentials), body.reason));
  });

  // Observers write the GameDay's log without being allowed to run one.
  router.post('/gamedays/:id/notes', async (req, res) => {
    const { id } = parse(runParams, req.params, 'path parameter');
    const body = parse(noteBody, req.body, 'body field');
    const credentials = await auth.authorize(req, runReadPermission);
    const run = await gamedays.get(id);
    if (!(await deps.isObserver(credentials, run))) {
      await auth.authorize(req, gamedayRunPermission);
    }
    const note = await gamedays.addNote(
      id,
      auth.actorOf(credentials),
      body.text,
    );
    res.status(201).json(note);
  });

  router.get('/gamedays/:id/report', async (req, res) => {
    const { id } = parse(runParams, req.params, 'path parameter');
    const { format } = parse(reportQuery, req.query, 'query parameter');
    await auth.authorize(req, runReadPermission);
    const report = await gamedays.report(id);
    if (format === 'markdown') {
      res
        .type('text/markdown; charset=utf-8')
        .send(renderReportMarkdown(report));
      return;
    }
    res.json(report);
  });
}
