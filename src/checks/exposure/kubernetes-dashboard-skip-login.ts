import type { ResourceCheck } from '../../engine/types.js';
import type { Severity } from '../../findings/types.js';

/**
 * The Dashboard's flags that weaken login, what each does, and how bad it is. Every name ends in
 * `-login`: `run` rules out arguments without it before splitting them into words.
 */
const FLAGS: Record<string, { effect: string; severity: Severity }> = {
  'enable-skip-login': { effect: 'lets anyone skip the login page and act with the Dashboard\'s own service account', severity: 'high' },
  'enable-insecure-login': { effect: 'allows logging in over plain HTTP, sending tokens in clear text', severity: 'medium' },
};

/** Go's strconv.ParseBool, which the Dashboard's flag parser uses for `--flag=value`. */
const TRUE_VALUES = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);

/** The flag an argument turns on, if it is one of ours: `--flag` or `--flag=true`, not `--flag=false`. */
function enabledFlag(word: string): { name: string; effect: string; severity: Severity } | undefined {
  const match = /^--([a-z-]+)(?:=(.*))?$/.exec(word);
  if (match === null) return undefined;
  const [, name = '', value] = match;
  const flag = Object.hasOwn(FLAGS, name) ? FLAGS[name] : undefined;
  if (flag === undefined || (value !== undefined && !TRUE_VALUES.has(value))) return undefined;
  return { name, ...flag };
}

export const kubernetesDashboardSkipLogin: ResourceCheck = {
  id: 'kubernetes-dashboard-skip-login',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Kubernetes Dashboard login can be skipped',
    summary: 'The Kubernetes Dashboard runs with `--enable-skip-login` (anyone who reaches it acts with its service account) or `--enable-insecure-login` (tokens sent over plain HTTP).',
    severity: 'high',
    category: 'exposure',
    remediation:
      'Remove `--enable-skip-login` and `--enable-insecure-login` from the Dashboard\'s arguments, so every user logs in with their own token over HTTPS, and reach the Dashboard only through `kubectl port-forward` or an authenticating proxy.',
    references: [
      'https://github.com/kubernetes/dashboard/blob/master/docs/common/arguments.md',
      'https://github.com/kubernetes/dashboard/blob/master/docs/user/access-control/README.md',
    ],
    frameworks: [
      { framework: 'NSA', control: 'network/exposure' },
      { framework: 'MITRE', control: 'T1133' },
      { framework: 'MITRE', control: 'T1078' },
    ],
  },
  run({ podSpec, report }) {
    for (const container of podSpec?.containers ?? []) {
      for (const field of ['command', 'args'] as const) {
        const list = container.container[field];
        if (!Array.isArray(list)) continue;
        list.forEach((argument: unknown, index) => {
          // Both flags end in `-login`: most arguments of most containers are ruled out without splitting them.
          if (typeof argument !== 'string' || !argument.includes('-login')) return;
          // A shell command line (`sh -c "dashboard --enable-skip-login"`) holds several words.
          for (const word of argument.split(/\s+/)) {
            const flag = enabledFlag(word);
            if (flag === undefined) continue;
            report({
              path: [...container.path, field, index],
              container: container.name,
              severity: flag.severity,
              message: `container "${container.name}" runs the Dashboard with --${flag.name}, which ${flag.effect}`,
            });
          }
        });
      }
    }
  },
};
