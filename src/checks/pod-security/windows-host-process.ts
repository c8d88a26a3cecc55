import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { containerSecurityContext, podSecurityContext } from '../shared/security-context.js';

function hostProcessOf(context: Record<string, unknown>): boolean {
  return isRecord(context.windowsOptions) && context.windowsOptions.hostProcess === true;
}

export const windowsHostProcess: ResourceCheck = {
  id: 'windows-host-process',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Windows HostProcess container',
    summary: 'The pod or a container sets windowsOptions.hostProcess: true: it runs directly on the Windows node, with access to its filesystem, network and processes, as a node administrator account if asked.',
    severity: 'high',
    category: 'pod-security',
    remediation:
      'Remove `windowsOptions.hostProcess: true`. Keep HostProcess pods to node management components (CNI, CSI, log agents) in a namespace with tightly controlled access.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.10' },
      { framework: 'NSA', control: 'pod-security/non-privileged' },
      { framework: 'MITRE', control: 'T1611' },
      { framework: 'PSS', control: 'baseline:windowsHostProcess' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined) return;
    if (hostProcessOf(podSecurityContext(podSpec))) {
      report({
        path: [...podSpec.path, 'securityContext', 'windowsOptions', 'hostProcess'],
        message: 'the pod sets windowsOptions.hostProcess: true: every container runs as a process on the Windows node itself',
      });
    }
    for (const container of podSpec.containers) {
      if (!hostProcessOf(containerSecurityContext(container))) continue;
      report({
        path: [...container.path, 'securityContext', 'windowsOptions', 'hostProcess'],
        container: container.name,
        message: `container "${container.name}" sets windowsOptions.hostProcess: true and runs as a process on the Windows node itself`,
      });
    }
  },
};
