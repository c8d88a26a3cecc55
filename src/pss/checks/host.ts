import { isRecord } from '../../model/resource.js';
import type { Path } from '../../yaml/path.js';
import { ALLOWED, type PssCheck } from '../types.js';
import { containerName, containerPath, containersPhrase, joinQuote, pluralize, podPath, podSecurityContext, record, securityContext, unique } from '../util.js';

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
          const item = record(volume);
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
          let bad = false;
          (Array.isArray(container.container.ports) ? container.container.ports : []).forEach((port: unknown, index) => {
            const hostPort = record(port).hostPort;
            if (typeof hostPort === 'number' && hostPort !== 0) {
              bad = true;
              ports.push(String(hostPort));
              paths.push(containerPath(container, 'ports', index, 'hostPort'));
            }
          });
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

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLER_KINDS = ['httpGet', 'tcpSocket'] as const;
const LIFECYCLE_HOOKS = ['postStart', 'preStop'] as const;

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
          // Paths are made only for the hosts found: this runs for every container of every pod.
          const inspect = (handler: unknown, ...at: Path) => {
            if (!isRecord(handler)) return;
            for (const kind of HANDLER_KINDS) {
              const host = record(handler[kind]).host;
              if (typeof host === 'string' && host !== '') {
                bad = true;
                hosts.push(host);
                paths.push(containerPath(container, ...at, kind, 'host'));
              }
            }
          };
          for (const probe of PROBES) inspect(container.container[probe], probe);
          const lifecycle = container.container.lifecycle;
          if (isRecord(lifecycle)) for (const hook of LIFECYCLE_HOOKS) inspect(lifecycle[hook], 'lifecycle', hook);
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
        if (record(podSecurityContext(pod).windowsOptions).hostProcess === true) {
          podSets = true;
          paths.push(podPath(pod, 'securityContext', 'windowsOptions', 'hostProcess'));
        }
        for (const container of pod.containers) {
          if (record(securityContext(container).windowsOptions).hostProcess === true) {
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
