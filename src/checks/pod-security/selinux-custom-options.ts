import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import type { Path } from '../../yaml/path.js';
import { containerSecurityContext, isWindowsPod, podSecurityContext } from '../shared/security-context.js';

/** SELinux types for containers that the Pod Security Standards baseline level accepts. */
const ALLOWED_TYPES: ReadonlySet<string> = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** Types that are not confined at all by the usual container policies. */
const UNCONFINED_TYPES: ReadonlySet<string> = new Set(['spc_t', 'unconfined_t']);

export const selinuxCustomOptions: ResourceCheck = {
  id: 'selinux-custom-options',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Custom SELinux options',
    summary: 'The pod or a container sets an SELinux type outside the container types, or an SELinux user or role, which can take it out of the confinement SELinux gives containers.',
    severity: 'medium',
    category: 'pod-security',
    remediation:
      'Remove `seLinuxOptions.user` and `seLinuxOptions.role`, and leave `type` unset or use one of `container_t`, `container_init_t`, `container_kvm_t`, `container_engine_t`. Setting only `level` (MCS categories) is fine.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container',
    ],
    frameworks: [
      { framework: 'NSA', control: 'pod-security/security-profiles' },
      { framework: 'PSS', control: 'baseline:seLinuxOptions' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || isWindowsPod(podSpec)) return;
    const inspect = (options: Record<string, unknown>, base: Path, who: string, container: string | undefined) => {
      const at = (field: string) => ({ path: [...base, 'seLinuxOptions', field], ...(container !== undefined ? { container } : {}) });
      const type = options.type;
      if (typeof type === 'string' && type !== '' && !ALLOWED_TYPES.has(type)) {
        report({
          ...at('type'),
          message: UNCONFINED_TYPES.has(type)
            ? `${who} sets the SELinux type ${type}, which is not confined by SELinux at all`
            : `${who} sets the SELinux type ${type}, which is not one of the container types`,
        });
      }
      for (const field of ['user', 'role'] as const) {
        const value = options[field];
        if (typeof value === 'string' && value !== '') report({ ...at(field), message: `${who} sets a custom SELinux ${field} (${value})` });
      }
    };
    // Most pods set no SELinux options: paths and names are made only for those that do.
    const podOptions = podSecurityContext(podSpec).seLinuxOptions;
    if (isRecord(podOptions)) inspect(podOptions, [...podSpec.path, 'securityContext'], 'the pod', undefined);
    for (const container of podSpec.containers) {
      const options = containerSecurityContext(container).seLinuxOptions;
      if (isRecord(options)) inspect(options, [...container.path, 'securityContext'], `container "${container.name}"`, container.name);
    }
  },
};
