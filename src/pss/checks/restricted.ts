import { recordOf } from '../../model/resource.js';
import type { Path } from '../../yaml/path.js';
import { ALLOWED, type CheckResult, type PodView, type PssCheck, type VersionedCheck } from '../types.js';
import { containerName, containerPath, containersPhrase, isWindows, joinQuote, pluralize, podPath, podSecurityContext, securityContext, unique } from '../util.js';
import { addedCapabilities } from './container.js';

/** From v1.25, restricted exempts Windows pods from the Linux-only checks. */
function exemptingWindows(minimumMinor: number, evaluate: (pod: PodView) => CheckResult, overrides?: readonly string[]): VersionedCheck {
  return { minimumMinor, evaluate: (pod) => (isWindows(pod) ? ALLOWED : evaluate(pod)), ...(overrides ? { overrides } : {}) };
}

const ALLOWED_VOLUME_SOURCES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc',
  'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

function restrictedVolumeSources(pod: PodView): CheckResult {
  const names: string[] = [];
  const types = new Set<string>();
  const paths: Path[] = [];
  const volumes = Array.isArray(pod.spec.volumes) ? pod.spec.volumes : [];
  for (let index = 0; index < volumes.length; index++) {
    const item = recordOf(volumes[index]);
    // The sources the volume sets (fields other than its name, with a value); read in one pass, as every volume of every pod is.
    let first: string | undefined;
    let allowed = false;
    for (const key of Object.keys(item)) {
      if (key === 'name' || item[key] === null || item[key] === undefined) continue;
      first ??= key;
      if (ALLOWED_VOLUME_SOURCES.has(key)) {
        allowed = true;
        break;
      }
    }
    // A volume that names no source is defaulted to emptyDir by the API server.
    if (first === undefined || allowed) continue;
    const restricted = RESTRICTED_VOLUME_SOURCES.find((source) => item[source] !== null && item[source] !== undefined);
    types.add(restricted ?? 'unknown');
    names.push(String(item.name ?? ''));
    paths.push(podPath(pod, 'volumes', index, restricted ?? first));
  }
  if (names.length === 0) return ALLOWED;
  const sortedTypes = [...types].sort();
  return {
    allowed: false,
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', sortedTypes.length)} ${joinQuote(sortedTypes)}`,
    paths,
  };
}

export const restrictedVolumes: PssCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  versions: [{ minimumMinor: 0, evaluate: restrictedVolumeSources, overrides: ['hostPathVolumes'] }],
};

function privilegeEscalation(pod: PodView): CheckResult {
  const bad = pod.containers.filter((container) => securityContext(container).allowPrivilegeEscalation !== false);
  if (bad.length === 0) return ALLOWED;
  return {
    allowed: false,
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(bad.map(containerName))} must set securityContext.allowPrivilegeEscalation=false`,
    paths: bad.map((container) => containerPath(container, 'securityContext', 'allowPrivilegeEscalation')),
  };
}

export const allowPrivilegeEscalation: PssCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  versions: [{ minimumMinor: 8, evaluate: privilegeEscalation }, exemptingWindows(25, privilegeEscalation)],
};

export const runAsNonRoot: PssCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  versions: [
    {
      minimumMinor: 0,
      evaluate(pod) {
        const setters: string[] = [];
        const paths: Path[] = [];
        const podValue = podSecurityContext(pod).runAsNonRoot;
        const podNonRoot = podValue === true;
        if (podValue === false) {
          setters.push('pod');
          paths.push(podPath(pod, 'securityContext', 'runAsNonRoot'));
        }
        const explicit: string[] = [];
        const implicit: string[] = [];
        const implicitPaths: Path[] = [];
        for (const container of pod.containers) {
          const value = securityContext(container).runAsNonRoot;
          if (value !== undefined && value !== null) {
            if (value !== true) {
              explicit.push(containerName(container));
              paths.push(containerPath(container, 'securityContext', 'runAsNonRoot'));
            }
          } else if (!podNonRoot) {
            implicit.push(containerName(container));
            implicitPaths.push(containerPath(container, 'securityContext', 'runAsNonRoot'));
          }
        }
        if (explicit.length > 0) setters.push(containersPhrase(explicit));
        if (setters.length > 0) return { allowed: false, reason: 'runAsNonRoot != true', detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`, paths };
        if (implicit.length > 0) {
          return { allowed: false, reason: 'runAsNonRoot != true', detail: `pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`, paths: implicitPaths };
        }
        return ALLOWED;
      },
    },
  ],
};

export const runAsUser: PssCheck = {
  id: 'runAsUser',
  level: 'restricted',
  versions: [
    {
      minimumMinor: 23,
      evaluate(pod) {
        const setters: string[] = [];
        const paths: Path[] = [];
        if (podSecurityContext(pod).runAsUser === 0) {
          setters.push('pod');
          paths.push(podPath(pod, 'securityContext', 'runAsUser'));
        }
        const bad = pod.containers.filter((container) => securityContext(container).runAsUser === 0);
        for (const container of bad) paths.push(containerPath(container, 'securityContext', 'runAsUser'));
        if (bad.length > 0) setters.push(containersPhrase(bad.map(containerName)));
        if (setters.length === 0) return ALLOWED;
        return { allowed: false, reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0`, paths };
      },
    },
  ],
};

function validSeccompType(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function seccompRestricted(pod: PodView): CheckResult {
  const setters: string[] = [];
  const badTypes: string[] = [];
  const paths: Path[] = [];
  let podSet = false;
  const podProfile = podSecurityContext(pod).seccompProfile;
  if (podProfile !== undefined && podProfile !== null) {
    const type = recordOf(podProfile).type;
    if (!validSeccompType(type)) {
      setters.push('pod');
      badTypes.push(String(type ?? ''));
      paths.push(podPath(pod, 'securityContext', 'seccompProfile', 'type'));
    } else podSet = true;
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  const implicitPaths: Path[] = [];
  for (const container of pod.containers) {
    const profile = securityContext(container).seccompProfile;
    if (profile !== undefined && profile !== null) {
      const type = recordOf(profile).type;
      if (!validSeccompType(type)) {
        explicit.push(containerName(container));
        badTypes.push(String(type ?? ''));
        paths.push(containerPath(container, 'securityContext', 'seccompProfile', 'type'));
      }
    } else if (!podSet) {
      implicit.push(containerName(container));
      implicitPaths.push(containerPath(container, 'securityContext', 'seccompProfile', 'type'));
    }
  }
  if (explicit.length > 0) setters.push(containersPhrase(explicit));
  if (setters.length > 0) {
    return {
      allowed: false,
      reason: 'seccompProfile',
      detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(unique(badTypes).sort())}`,
      paths,
    };
  }
  if (implicit.length > 0) {
    return {
      allowed: false,
      reason: 'seccompProfile',
      detail: `pod or ${containersPhrase(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      paths: implicitPaths,
    };
  }
  return ALLOWED;
}

export const seccompProfileRestricted: PssCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  versions: [
    { minimumMinor: 19, evaluate: seccompRestricted, overrides: ['seccompProfile_baseline'] },
    exemptingWindows(25, seccompRestricted, ['seccompProfile_baseline']),
  ],
};

function capabilitiesRestrictedCheck(pod: PodView): CheckResult {
  const missingDrop: string[] = [];
  const badAdd: string[] = [];
  const forbidden: string[] = [];
  const paths: Path[] = [];
  for (const container of pod.containers) {
    const capabilities = recordOf(securityContext(container).capabilities);
    const drop = Array.isArray(capabilities.drop) ? capabilities.drop : [];
    if (!drop.includes('ALL')) {
      missingDrop.push(containerName(container));
      paths.push(containerPath(container, 'securityContext', 'capabilities', 'drop'));
    }
    let bad = false;
    const added = addedCapabilities(capabilities);
    for (let index = 0; index < added.length; index++) {
      const capability = added[index] as string;
      if (capability !== 'NET_BIND_SERVICE') {
        bad = true;
        forbidden.push(capability);
        paths.push(containerPath(container, 'securityContext', 'capabilities', 'add', index));
      }
    }
    if (bad) badAdd.push(containerName(container));
  }
  if (missingDrop.length === 0 && badAdd.length === 0) return ALLOWED;
  const details: string[] = [];
  if (missingDrop.length > 0) details.push(`${containersPhrase(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (badAdd.length > 0) details.push(`${containersPhrase(badAdd)} must not include ${joinQuote(unique(forbidden).sort())} in securityContext.capabilities.add`);
  return { allowed: false, reason: 'unrestricted capabilities', detail: details.join('; '), paths };
}

export const capabilitiesRestricted: PssCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  versions: [
    { minimumMinor: 22, evaluate: capabilitiesRestrictedCheck, overrides: ['capabilities_baseline'] },
    exemptingWindows(25, capabilitiesRestrictedCheck, ['capabilities_baseline']),
  ],
};
