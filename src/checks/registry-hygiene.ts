import type { Check } from '../engine/types.js';
import { danglingService } from './hygiene/dangling-service.js';
import { deprecatedApiVersion } from './hygiene/deprecated-api-version.js';
import { duplicateEnvVar } from './hygiene/duplicate-env-var.js';
import { hostAliases } from './hygiene/host-aliases.js';
import { jobTtlMissing } from './hygiene/job-ttl-missing.js';
import { noAntiAffinity } from './hygiene/no-anti-affinity.js';
import { nonExistentServiceAccount } from './hygiene/non-existent-service-account.js';
import { podDisruptionBudgetMissing } from './hygiene/pod-disruption-budget-missing.js';
import { probePortUnknown } from './hygiene/probe-port-unknown.js';
import { selectorMismatch } from './hygiene/selector-mismatch.js';
import { serviceTargetPortUnknown } from './hygiene/service-target-port-unknown.js';
import { singleReplica } from './hygiene/single-replica.js';
import { sshPortExposed } from './hygiene/ssh-port-exposed.js';

/** Correctness and reliability checks (manifests that will not deploy or not work, availability), in catalogue order. */
export const HYGIENE_CHECKS: readonly Check[] = [
  sshPortExposed,
  hostAliases,
  deprecatedApiVersion,
  selectorMismatch,
  nonExistentServiceAccount,
  danglingService,
  serviceTargetPortUnknown,
  probePortUnknown,
  duplicateEnvVar,
  podDisruptionBudgetMissing,
  singleReplica,
  noAntiAffinity,
  jobTtlMissing,
];
