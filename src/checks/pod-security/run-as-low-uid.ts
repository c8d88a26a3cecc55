import type { ResourceCheck } from '../../engine/types.js';
import type { ContainerRef } from '../../model/workload.js';
import { effectiveSetting, isWindowsPod, podSecurityContext } from '../shared/security-context.js';

const DEFAULT_MINIMUM = 10000;

function numberOption(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : DEFAULT_MINIMUM;
}

function quoted(containers: readonly ContainerRef[]): string {
  return `${containers.length === 1 ? 'container' : 'containers'} ${containers.map((container) => `"${container.name}"`).join(', ')}`;
}

export const runAsLowUid: ResourceCheck = {
  id: 'run-as-low-uid',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Low user or group ID',
    summary: 'A container runs with a UID or GID below the configured minimum (10000), or with the root group, so it can share an identity with users and daemons of the node.',
    severity: 'low',
    category: 'pod-security',
    remediation:
      'Run as a dedicated high ID, e.g. `runAsUser: 10001`, `runAsGroup: 10001` and `fsGroup: 10001` in the pod security context, and build the image so that this user owns what it needs.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-security-context-for-a-pod',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    ],
    frameworks: [{ framework: 'NSA', control: 'pod-security/non-root' }],
    options: {
      minimumUid: { description: 'Lowest runAsUser accepted; UID 0 is left to run-as-root-allowed.', type: 'number', default: DEFAULT_MINIMUM },
      minimumGid: { description: 'Lowest runAsGroup and fsGroup accepted; GID 0 (the root group) is always reported.', type: 'number', default: DEFAULT_MINIMUM },
    },
  },
  run({ podSpec, options, report }) {
    // In a user namespace (hostUsers: false) container IDs map to unprivileged IDs on the node.
    if (podSpec === undefined || isWindowsPod(podSpec) || podSpec.spec.hostUsers === false) return;
    const minimumUid = numberOption(options.minimumUid);
    const minimumGid = numberOption(options.minimumGid);
    const describe = (field: 'runAsUser' | 'runAsGroup', id: number, minimum: number) =>
      field === 'runAsGroup' && id === 0 ? 'GID 0 (the root group)' : `${field === 'runAsUser' ? 'UID' : 'GID'} ${id}, below ${minimum}`;

    const checkField = (field: 'runAsUser' | 'runAsGroup', minimum: number, isLow: (id: number) => boolean) => {
      const inheritingFromPod: ContainerRef[] = [];
      let podValue = 0;
      for (const container of podSpec.containers) {
        const setting = effectiveSetting(podSpec, container, field);
        if (typeof setting.value !== 'number' || !isLow(setting.value)) continue;
        if (setting.from === 'pod') {
          inheritingFromPod.push(container);
          podValue = setting.value;
          continue;
        }
        report({
          path: [...container.path, 'securityContext', field],
          container: container.name,
          message: `container "${container.name}" runs with ${describe(field, setting.value, minimum)} (${field})`,
        });
      }
      // A pod-level value is one finding, however many containers inherit it.
      if (inheritingFromPod.length > 0) {
        report({
          path: [...podSpec.path, 'securityContext', field],
          message: `the pod sets ${field}: ${podValue}, so ${quoted(inheritingFromPod)} ${inheritingFromPod.length === 1 ? 'runs' : 'run'} with ${describe(field, podValue, minimum)}`,
        });
      }
    };
    // UID 0 is run-as-root-allowed's finding; a GID of 0 has no other check and is always low.
    checkField('runAsUser', minimumUid, (id) => id > 0 && id < minimumUid);
    checkField('runAsGroup', minimumGid, (id) => id >= 0 && id < minimumGid);

    const fsGroup = podSecurityContext(podSpec).fsGroup;
    if (typeof fsGroup === 'number' && fsGroup >= 0 && fsGroup < minimumGid) {
      report({
        path: [...podSpec.path, 'securityContext', 'fsGroup'],
        message:
          fsGroup === 0
            ? 'the pod sets fsGroup: 0, so its volumes are made group-owned by the root group'
            : `the pod sets fsGroup: ${fsGroup}, below ${minimumGid}: its volumes are made group-owned by a GID that may belong to a group on the node`,
      });
    }
  },
};
