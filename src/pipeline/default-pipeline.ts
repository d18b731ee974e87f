import { findAttributions } from '../attribution/find-attributions.js';
import { claimsStage } from '../claims/find-claims.js';
import { ENTITY_STAGES } from '../entities/entity-stages.js';
import { eventsStage } from '../events/find-events.js';
import { timeStage } from '../time/tag-times.js';
import { Pipeline, type PipelineOptions } from './pipeline.js';
import type { Stage } from './stage.js';

/** The stages of a full analysis, in order: each reads the layers of those before it. */
export const DEFAULT_STAGES: readonly Stage[] = Object.freeze([
  ...ENTITY_STAGES,
  findAttributions,
  timeStage,
  claimsStage,
  eventsStage,
]);

export function createPipeline(
  options: PipelineOptions = {},
  stages: readonly Stage[] = DEFAULT_STAGES,
): Pipeline {
  return new Pipeline(stages, options);
}
