// All message handlers. The type check below fails the build when a message type has no handler.
import type { Handlers } from '../messages';
import { consentHandlers } from './consent';
import { coreHandlers } from './core';
import { pricesHandlers } from './prices';
import type { BackgroundDeps } from './types';

export function allHandlers(deps: BackgroundDeps): Handlers {
  return {
    ...coreHandlers(deps),
    ...pricesHandlers(deps),
    ...consentHandlers(deps),
  } as Handlers satisfies Handlers;
}
