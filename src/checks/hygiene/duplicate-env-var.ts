import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';

/**
 * A redefinition that builds on the previous value (`PATH=$(PATH):/opt/bin`) is deliberate:
 * the kubelet expands `$(NAME)` with the earlier definition, and the API server does not warn
 * about it. A bare `$(NAME)` or a `valueFrom` replaces the value and is a real duplicate.
 */
function extendsPrevious(variable: Record<string, unknown>, name: string): boolean {
  const reference = `$(${name})`;
  return variable.valueFrom === undefined && typeof variable.value === 'string' && variable.value !== reference && variable.value.includes(reference);
}

export const duplicateEnvVar: ResourceCheck = {
  id: 'duplicate-env-var',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Environment variable defined twice',
    summary: "A container's `env` list names the same variable more than once: only the last definition takes effect, and `kubectl apply`, which merges the list by name, may drop one of them.",
    severity: 'low',
    category: 'hygiene',
    remediation: 'Keep one entry per variable name in each container\'s `env` list and delete the others (to override a value from `envFrom`, a single `env` entry is enough).',
    references: ['https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/', 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables'],
    frameworks: [{ framework: 'NSA', control: 'monitoring/health' }],
  },
  run({ podSpec, report }) {
    for (const container of podSpec?.containers ?? []) {
      const env = Array.isArray(container.container.env) ? container.container.env : [];
      const firstIndex = new Map<string, number>();
      env.forEach((variable: unknown, index) => {
        if (!isRecord(variable) || typeof variable.name !== 'string') return;
        const first = firstIndex.get(variable.name);
        if (first === undefined) {
          firstIndex.set(variable.name, index);
          return;
        }
        if (extendsPrevious(variable, variable.name)) return;
        report({
          path: [...container.path, 'env', index, 'name'],
          container: container.name,
          message: `container "${container.name}" defines ${variable.name} again (first at env[${first}]): the last definition silently wins, and kubectl apply may drop one of them`,
        });
      });
    }
  },
};
