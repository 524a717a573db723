// Probes and scraping, open to whoever reaches the process (no API key, no CSRF header):
// GET /health  liveness: the process answers; touches nothing else.
// GET /ready   readiness: configuration loaded (the app exists only then), Redis answers when
//              REDIS_URL is set, the write journal's database answers when JOURNAL_DATABASE_URL
//              is set, and no stop has begun; otherwise 503 with a JSON reason.
// GET /metrics Prometheus text; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`.
import { TaskCancelledError, TimeoutStrategy, timeout } from 'cockatiel';
import { createHash, timingSafeEqual } from 'node:crypto';
import { redisConnectionOf, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { LeadGraph } from '../server.js';
import type { OpenRoutes } from './app.js';
import { bearerToken } from './auth.js';
import { sendJson } from './json.js';
import type { HttpDrain } from './shutdown.js';

/** Probes usually give up after 1 s; a Redis slower than this is not ready to serve either. */
export const READY_REDIS_TIMEOUT_MS = 800;

export interface HealthRoutesOptions {
  config: Config;
  logger: Logger;
  graph: LeadGraph;
  drain: HttpDrain;
}

export function healthRoutes({ config, logger, graph, drain }: HealthRoutesOptions): OpenRoutes {
  const allowed = config.metricsToken === undefined ? () => true : bearerCheck(config.metricsToken);
  return {
    'GET /health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
    'GET /ready': async (_req, res) => {
      const reason = drain.stopping
        ? 'shutting down'
        : ((await redisProblem(config, graph, logger)) ?? (await journalProblem(graph, logger)));
      if (reason) sendJson(res, 503, { status: 'unavailable', reason });
      else sendJson(res, 200, { status: 'ready' });
    },
    'GET /metrics': async (req, res) => {
      if (!allowed(req.headers.authorization)) {
        res.setHeader('www-authenticate', 'Bearer realm="metrics"');
        sendJson(res, 401, {
          status: 'unauthorized',
          reason: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>',
        });
        return;
      }
      const { contentType, body } = await graph.metrics.text();
      res.setHeader('content-type', contentType);
      res.end(body);
    },
  };
}

async function redisProblem(config: Config, graph: LeadGraph, logger: Logger): Promise<string | undefined> {
  return logged(await redisPingFailure(config, graph), 'Redis does not answer', logger);
}

/** The journal in PostgreSQL: keyed writes are refused while it does not answer (Redis: above). */
async function journalProblem(graph: LeadGraph, logger: Logger): Promise<string | undefined> {
  if (graph.journal.storeKind !== 'postgres') return undefined;
  return logged(await pingFailure(() => graph.journal.ping()), 'the write journal’s database does not answer', logger);
}

function logged(failure: string | undefined, problem: string, logger: Logger): string | undefined {
  if (failure === undefined) return undefined;
  // The detail (host, port) stays in the log: the answer is public.
  logger.warn({ err: failure }, `not ready: ${problem}`);
  return problem;
}

/** Why Redis did not answer a PING within READY_REDIS_TIMEOUT_MS; undefined when it did, or is not configured. */
export async function redisPingFailure(config: Config, graph: LeadGraph): Promise<string | undefined> {
  if (!redisConnectionOf(config)) return undefined;
  return pingFailure(() => graph.clients.store.ping());
}

async function pingFailure(ping: () => Promise<void>): Promise<string | undefined> {
  try {
    await timeout(READY_REDIS_TIMEOUT_MS, TimeoutStrategy.Aggressive).execute(ping);
    return undefined;
  } catch (error) {
    if (error instanceof TaskCancelledError) return `no answer within ${READY_REDIS_TIMEOUT_MS} ms`;
    return error instanceof Error ? error.message : String(error);
  }
}

/** Compares hashes in constant time, so the answer time says nothing about the token. */
function bearerCheck(token: string): (header: string | undefined) => boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const expected = digest(token);
  return (header) => {
    const token = bearerToken(header);
    return token !== undefined && timingSafeEqual(digest(token), expected);
  };
}
