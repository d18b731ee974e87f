import type { Stage } from '../pipeline/stage.js';
import { recognizeEntities } from './recognize-entities.js';
import { resolveEntities } from './resolve-entities.js';

/** The entity stages in pipeline order: recognition proposes names, resolution merges and links them. */
export const ENTITY_STAGES: readonly Stage[] = [recognizeEntities, resolveEntities];
