import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

// A caller's (or a router's) id is kept when it looks like an id, so one request can be
// followed across services; anything else is replaced rather than written into our logs.
const ACCEPTED_ID = /^[\w.:-]{1,128}$/;

/** The id of this request (`x-request-id`, echoed in the answer) for logs and error reports. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && ACCEPTED_ID.test(given) ? given : randomUUID();
}
