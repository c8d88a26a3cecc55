import { recordOf } from '../../model/resource.js';
import type { Path } from '../../yaml/path.js';
import { ALLOWED, type CheckResult, type PodView, type PssCheck } from '../types.js';
import { containerName, containerPath, containersPhrase, joinQuote, pluralize, podPath, podSecurityContext, securityContext, unique } from '../util.js';

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function annotations(pod: PodView): Record<string, unknown> {
  return recordOf(pod.metadata.annotations);
}

/** An AppArmor profile field that is absent, or names the runtime's default or a profile on the node. */
function appArmorFieldAllowed(profile: unknown): boolean {
  const type = recordOf(profile).type;
  return profile === undefined || profile === null || type === 'RuntimeDefault' || type === 'Localhost';
}

export const appArmorProfile: PssCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  versions: [
    {
      minimumMinor: 0,
      evaluate(pod) {
        const forbidden: string[] = [];
        const paths: Path[] = [];
        const podAnnotations = annotations(pod);
        for (const key of Object.keys(podAnnotations)) {
          if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
          const profile = String(podAnnotations[key]);
          if (profile === 'runtime/default' || profile.startsWith('localhost/')) continue;
          forbidden.push(`${key}="${profile}"`);
          paths.push([...pod.metadataPath, 'annotations', key]);
        }
        const podProfile = podSecurityContext(pod).appArmorProfile;
        if (!appArmorFieldAllowed(podProfile)) {
          forbidden.push(`pod securityContext.appArmorProfile.type="${String(recordOf(podProfile).type)}"`);
          paths.push(podPath(pod, 'securityContext', 'appArmorProfile', 'type'));
        }
        for (const container of pod.containers) {
          const profile = securityContext(container).appArmorProfile;
          if (appArmorFieldAllowed(profile)) continue;
          forbidden.push(`container ${JSON.stringify(containerName(container))} securityContext.appArmorProfile.type="${String(recordOf(profile).type)}"`);
          paths.push(containerPath(container, 'securityContext', 'appArmorProfile', 'type'));
        }
        if (forbidden.length === 0) return ALLOWED;
        return { allowed: false, reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', forbidden.length), detail: forbidden.sort().join(', '), paths };
      },
    },
  ],
};

function seLinuxAt(minor: number, allowedTypes: readonly string[]): PssCheck['versions'][number] {
  const allowed = new Set(['', ...allowedTypes]);
  return {
    minimumMinor: minor,
    evaluate(pod) {
      const badTypes: string[] = [];
      const badUsers: string[] = [];
      const badRoles: string[] = [];
      const paths: Path[] = [];
      let podBad = false;
      const badContainers: string[] = [];
      // The path is asked for only when something is wrong: this runs for every container of every pod.
      const inspect = (options: unknown, pathOf: () => Path): boolean => {
        if (options === undefined || options === null) return false;
        const { type, user, role } = recordOf(options);
        let bad = false;
        if (type !== undefined && type !== null && !allowed.has(String(type))) {
          badTypes.push(String(type));
          paths.push([...pathOf(), 'type']);
          bad = true;
        }
        if (typeof user === 'string' && user !== '') {
          badUsers.push(user);
          paths.push([...pathOf(), 'user']);
          bad = true;
        }
        if (typeof role === 'string' && role !== '') {
          badRoles.push(role);
          paths.push([...pathOf(), 'role']);
          bad = true;
        }
        return bad;
      };
      podBad = inspect(podSecurityContext(pod).seLinuxOptions, () => podPath(pod, 'securityContext', 'seLinuxOptions'));
      for (const container of pod.containers) {
        // Tested here as well as in `inspect`: no path closure is made for the many containers without options.
        const options = securityContext(container).seLinuxOptions;
        if (options !== undefined && options !== null && inspect(options, () => containerPath(container, 'securityContext', 'seLinuxOptions'))) badContainers.push(containerName(container));
      }
      if (!podBad && badContainers.length === 0) return ALLOWED;
      const setters = [...(podBad ? ['pod'] : []), ...(badContainers.length > 0 ? [containersPhrase(badContainers)] : [])];
      const problems: string[] = [];
      if (badTypes.length > 0) problems.push(`${pluralize('type', 'types', unique(badTypes).length)} ${joinQuote(unique(badTypes).sort())}`);
      if (badUsers.length > 0) problems.push(`${pluralize('user', 'users', unique(badUsers).length)} ${joinQuote(unique(badUsers).sort())}`);
      if (badRoles.length > 0) problems.push(`${pluralize('role', 'roles', unique(badRoles).length)} ${joinQuote(unique(badRoles).sort())}`);
      return {
        allowed: false,
        reason: 'seLinuxOptions',
        detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${problems.join('; ')}`,
        paths,
      };
    },
  };
}

export const seLinuxOptions: PssCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  versions: [seLinuxAt(0, ['container_t', 'container_init_t', 'container_kvm_t']), seLinuxAt(31, ['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'])],
};

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Before v1.19 seccomp was set by annotations; only `unconfined` was forbidden. */
function seccompAnnotations(pod: PodView): CheckResult {
  const forbidden: string[] = [];
  const paths: Path[] = [];
  const podAnnotations = annotations(pod);
  for (const key of Object.keys(podAnnotations)) {
    if ((key === SECCOMP_POD_ANNOTATION || key.startsWith(SECCOMP_CONTAINER_ANNOTATION_PREFIX)) && podAnnotations[key] === 'unconfined') {
      forbidden.push(key);
      paths.push([...pod.metadataPath, 'annotations', key]);
    }
  }
  if (forbidden.length === 0) return ALLOWED;
  return { allowed: false, reason: 'seccompProfile', detail: `forbidden ${pluralize('annotation', 'annotations', forbidden.length)} ${forbidden.sort().map((key) => `${key}="unconfined"`).join(', ')}`, paths };
}

function seccompFieldsBaseline(pod: PodView): CheckResult {
  const paths: Path[] = [];
  let podBad = false;
  const badContainers: string[] = [];
  if (recordOf(podSecurityContext(pod).seccompProfile).type === 'Unconfined') {
    podBad = true;
    paths.push(podPath(pod, 'securityContext', 'seccompProfile', 'type'));
  }
  for (const container of pod.containers) {
    if (recordOf(securityContext(container).seccompProfile).type === 'Unconfined') {
      badContainers.push(containerName(container));
      paths.push(containerPath(container, 'securityContext', 'seccompProfile', 'type'));
    }
  }
  if (!podBad && badContainers.length === 0) return ALLOWED;
  const setters = [...(podBad ? ['pod'] : []), ...(badContainers.length > 0 ? [containersPhrase(badContainers)] : [])];
  return { allowed: false, reason: 'seccompProfile', detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to "Unconfined"`, paths };
}

export const seccompProfileBaseline: PssCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  versions: [
    { minimumMinor: 0, evaluate: seccompAnnotations },
    { minimumMinor: 19, evaluate: seccompFieldsBaseline },
  ],
};
