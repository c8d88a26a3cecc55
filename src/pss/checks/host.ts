import { isRecord, recordOf } from '../../model/resource.js';
import type { ContainerRef } from '../../model/workload.js';
import type { Path } from '../../yaml/path.js';
import { ALLOWED, type PssCheck } from '../types.js';
import { containerName, containerPath, containersPhrase, joinQuote, pluralize, podPath, podSecurityContext, securityContext, unique } from '../util.js';

export const hostNamespaces: PssCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  versions: [
    {
      minimumMinor: 0,
      evaluate(pod) {
        const set = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((field) => pod.spec[field] === true);
        if (set.length === 0) return ALLOWED;
        return { allowed: false, reason: 'host namespaces', detail: set.map((field) => `${field}=true`).join(', '), paths: set.map((field) => podPath(pod, field)) };
      },
    },
  ],
};

export const hostPathVolumes: PssCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  versions: [
    {
      minimumMinor: 0,
      evaluate(pod) {
        const names: string[] = [];
        const paths: Path[] = [];
        (Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []).forEach((volume: unknown, index) => {
          const item = recordOf(volume);
          if (item.hostPath !== undefined && item.hostPath !== null) {
            names.push(typeof item.name === 'string' ? item.name : '');
            paths.push(podPath(pod, 'volumes', index, 'hostPath'));
          }
        });
        if (names.length === 0) return ALLOWED;
        return { allowed: false, reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`, paths };
      },
    },
  ],
};

export const hostPorts: PssCheck = {
  id: 'hostPorts',
  level: 'baseline',
  versions: [
    {
      minimumMinor: 0,
      evaluate(pod) {
        const names: string[] = [];
        const ports: string[] = [];
        const paths: Path[] = [];
        for (const container of pod.containers) {
          const declared = container.container.ports;
          if (!Array.isArray(declared)) continue;
          let bad = false;
          for (let index = 0; index < declared.length; index++) {
            const hostPort = recordOf(declared[index]).hostPort;
            if (typeof hostPort === 'number' && hostPort !== 0) {
              bad = true;
              ports.push(String(hostPort));
              paths.push(containerPath(container, 'ports', index, 'hostPort'));
            }
          }
          if (bad) names.push(containerName(container));
        }
        if (names.length === 0) return ALLOWED;
        const distinctPorts = unique(ports);
        return {
          allowed: false,
          reason: 'hostPort',
          detail: `${containersPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('hostPort', 'hostPorts', distinctPorts.length)} ${distinctPorts.join(', ')}`,
          paths,
        };
      },
    },
  ],
};

const HANDLER_KINDS = ['httpGet', 'tcpSocket'] as const;
/** Each probe field with its path in the container, made once. */
const PROBES: ReadonlyArray<readonly [field: string, where: Path]> = ['livenessProbe', 'readinessProbe', 'startupProbe'].map((probe) => [probe, [probe]]);
/** Each lifecycle hook with its path in the container, made once. */
const LIFECYCLE_HOOKS: ReadonlyArray<readonly [hook: string, where: Path]> = ['postStart', 'preStop'].map((hook) => [hook, ['lifecycle', hook]]);

/**
 * Adds the hosts a probe or lifecycle handler names (`httpGet.host`, `tcpSocket.host`) and their
 * paths; true when there was one. Runs for every handler slot of every container: paths are made
 * only for the hosts found.
 */
function handlerHosts(container: ContainerRef, handler: unknown, where: Path, hosts: string[], paths: Path[]): boolean {
  if (!isRecord(handler)) return false;
  let found = false;
  for (const kind of HANDLER_KINDS) {
    const host = recordOf(handler[kind]).host;
    if (typeof host === 'string' && host !== '') {
      found = true;
      hosts.push(host);
      paths.push(containerPath(container, ...where, kind, 'host'));
    }
  }
  return found;
}

export const hostProbesAndHostLifecycle: PssCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  versions: [
    {
      minimumMinor: 34,
      evaluate(pod) {
        const names: string[] = [];
        const hosts: string[] = [];
        const paths: Path[] = [];
        for (const container of pod.containers) {
          let bad = false;
          for (const [probe, where] of PROBES) if (handlerHosts(container, container.container[probe], where, hosts, paths)) bad = true;
          const lifecycle = container.container.lifecycle;
          if (isRecord(lifecycle)) {
            for (const [hook, where] of LIFECYCLE_HOOKS) if (handlerHosts(container, lifecycle[hook], where, hosts, paths)) bad = true;
          }
          if (bad) names.push(containerName(container));
        }
        if (names.length === 0) return ALLOWED;
        const distinct = unique(hosts).sort();
        return {
          allowed: false,
          reason: 'probe or lifecycle host',
          detail: `${containersPhrase(unique(names).sort())} ${pluralize('uses', 'use', unique(names).length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', distinct.length)} ${joinQuote(distinct)}`,
          paths,
        };
      },
    },
  ],
};

export const windowsHostProcess: PssCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  versions: [
    {
      minimumMinor: 0,
      evaluate(pod) {
        const names: string[] = [];
        const paths: Path[] = [];
        let podSets = false;
        if (recordOf(podSecurityContext(pod).windowsOptions).hostProcess === true) {
          podSets = true;
          paths.push(podPath(pod, 'securityContext', 'windowsOptions', 'hostProcess'));
        }
        for (const container of pod.containers) {
          if (recordOf(securityContext(container).windowsOptions).hostProcess === true) {
            names.push(containerName(container));
            paths.push(containerPath(container, 'securityContext', 'windowsOptions', 'hostProcess'));
          }
        }
        if (!podSets && names.length === 0) return ALLOWED;
        const setters = [...(podSets ? ['pod'] : []), ...(names.length > 0 ? [containersPhrase(names)] : [])];
        return { allowed: false, reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`, paths };
      },
    },
  ],
};
