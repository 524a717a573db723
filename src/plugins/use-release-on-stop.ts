// What the server holds beyond Apollo (the vendors' connections, Redis, the journal's database) is
// opened with it and released with it.
import type { ApolloServerPlugin } from '@apollo/server';

export interface ReleaseOnStopOptions {
  /** Called once, when the server starts, before it serves. @default nothing to open */
  start?: () => Promise<void>;
  /** Called once, when the server stops (after the last operation). */
  release: () => Promise<void>;
}

export function useReleaseOnStop<TContext extends object>(options: ReleaseOnStopOptions): ApolloServerPlugin<TContext> {
  return {
    serverWillStart: async () => {
      await options.start?.();
      return { serverWillStop: options.release };
    },
  };
}
