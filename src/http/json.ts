// The edge's own answers (refusals, probes, not-found), all JSON, in one shape.
import type { ServerResponse } from 'node:http';

/** The same shape as a GraphQL error answer, so clients read every refusal the same way. */
export function errorBody(message: string, code: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/** Ends `res` with `body` as JSON; headers set on `res` before (request id, CORS) go with it. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
