// What the server's vendor clients hold (the vendors' connections, Redis) is released with it.
import type { ApolloServerPlugin } from '@apollo/server';

export interface ReleaseOnStopOptions {
  /** Called once, when the server stops (after the last operation). */
  release: () => Promise<void>;
}

export function useReleaseOnStop<TContext extends object>(options: ReleaseOnStopOptions): ApolloServerPlugin<TContext> {
  return { serverWillStart: () => Promise.resolve({ serverWillStop: options.release }) };
}
