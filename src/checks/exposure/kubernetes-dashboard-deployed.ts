import type { ResourceCheck } from '../../engine/types.js';
import { dashboardContainers } from './dashboard.js';

export const kubernetesDashboardDeployed: ResourceCheck = {
  id: 'kubernetes-dashboard-deployed',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Kubernetes Dashboard deployed',
    summary: 'A workload runs the Kubernetes Dashboard, a web UI that can manage the cluster with its own or its users\' credentials and is a frequent target when exposed.',
    severity: 'low',
    category: 'exposure',
    remediation:
      'Prefer `kubectl` and read-only tools. If the Dashboard is needed, keep it off the internet (reach it through `kubectl port-forward` or an authenticating proxy), require login, never enable skip-login, and give its service account no more than read access.',
    references: [
      'https://kubernetes.io/docs/tasks/access-application-cluster/web-ui-dashboard/',
      'https://github.com/kubernetes/dashboard/blob/master/docs/user/access-control/README.md',
    ],
    frameworks: [
      { framework: 'NSA', control: 'network/exposure' },
      { framework: 'MITRE', control: 'T1133' },
    ],
  },
  run({ resource, podSpec, report }) {
    for (const { container, image } of dashboardContainers(podSpec)) {
      report({
        path: [...container.path, 'image'],
        container: container.name,
        message: `${resource.kind} "${resource.name}" runs the Kubernetes Dashboard (image "${image}" in container "${container.name}")`,
      });
    }
  },
};
