import type { Check } from '../engine/types.js';
import { apparmorUnconfined } from './pod-security/apparmor-unconfined.js';
import { capabilitiesBeyondBaseline } from './pod-security/capabilities-beyond-baseline.js';
import { capabilitiesNotDropped } from './pod-security/capabilities-not-dropped.js';
import { dangerousCapabilityAdded } from './pod-security/dangerous-capability-added.js';
import { hostIpc } from './pod-security/host-ipc.js';
import { hostNetwork } from './pod-security/host-network.js';
import { hostPathVolume } from './pod-security/host-path-volume.js';
import { hostPid } from './pod-security/host-pid.js';
import { hostPort } from './pod-security/host-port.js';
import { hostProbesOrLifecycleHost } from './pod-security/host-probes-or-lifecycle-host.js';
import { procMountUnmasked } from './pod-security/proc-mount-unmasked.js';
import { readOnlyRootFilesystem } from './pod-security/read-only-root-filesystem.js';
import { runAsLowUid } from './pod-security/run-as-low-uid.js';
import { seccompProfileMissing } from './pod-security/seccomp-profile-missing.js';
import { seccompUnconfined } from './pod-security/seccomp-unconfined.js';
import { selinuxCustomOptions } from './pod-security/selinux-custom-options.js';
import { sensitiveHostPath } from './pod-security/sensitive-host-path.js';
import { shareProcessNamespace } from './pod-security/share-process-namespace.js';
import { unsafeSysctls } from './pod-security/unsafe-sysctls.js';
import { windowsHostProcess } from './pod-security/windows-host-process.js';
import { writableHostPath } from './pod-security/writable-host-path.js';

/**
 * The pod-security checks beyond the three built in from the start (privileged,
 * privilege escalation, root): host namespaces, capabilities, security profiles, host
 * paths and ports, kernel settings, and the remaining Pod Security Standards controls.
 */
export const POD_SECURITY_CHECKS: readonly Check[] = [
  hostNetwork,
  hostPid,
  hostIpc,
  shareProcessNamespace,
  windowsHostProcess,
  capabilitiesNotDropped,
  dangerousCapabilityAdded,
  capabilitiesBeyondBaseline,
  seccompProfileMissing,
  seccompUnconfined,
  apparmorUnconfined,
  selinuxCustomOptions,
  procMountUnmasked,
  unsafeSysctls,
  sensitiveHostPath,
  hostPathVolume,
  writableHostPath,
  hostPort,
  hostProbesOrLifecycleHost,
  readOnlyRootFilesystem,
  runAsLowUid,
];
