import type { RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';

// A caller's (or a router's) id is kept when it looks like an id, so one request can be
// followed across services; anything else is replaced rather than written into our logs.
const ACCEPTED_ID = /^[\w.:-]{1,128}$/;

/** Gives every request an id (`x-request-id`, echoed in the answer) for logs and error reports. */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const id = given && ACCEPTED_ID.test(given) ? given : randomUUID();
    res.locals['requestId'] = id;
    res.set('x-request-id', id);
    next();
  };
}

export function requestIdOf(res: Response): string {
  return res.locals['requestId'] as string;
}
