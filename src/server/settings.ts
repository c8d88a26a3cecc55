import { isRecord, isStringList } from '../model/resource.js';
import { globMatches } from '../policy/match.js';
import type { ResolvedLevels } from '../policy/resolve.js';
import type { LoadedPolicy, NamedLevel } from '../policy/types.js';
import type { AdmissionUserInfo } from '../vap/types.js';

/** The policy key read by the admission server, at the top level and on each cluster, environment and application. */
export const ADMISSION_KEY = 'admission';

/**
 * What the admission server reads from a level of `bulwark.yaml` (`admission:`). Every field is
 * optional; the most specific level that sets a field wins, as for every other setting.
 */
export interface AdmissionSettings {
  /** `POST /mutate` sets safe defaults on the workloads of this level. Default false: mutation is opt-in. */
  mutate: boolean;
  /** Service accounts whose requests are not checked: `namespace/name`, with `*` globs (`kube-system/*`). */
  exemptServiceAccounts: string[];
  /** User names whose requests are not checked, with `*` globs (`system:node:*`). */
  exemptUsers: string[];
  /** Groups whose requests are not checked (exact names, e.g. a break-glass group). */
  exemptGroups: string[];
}

const DEFAULTS: AdmissionSettings = { mutate: false, exemptServiceAccounts: [], exemptUsers: [], exemptGroups: [] };

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

function stringList(value: unknown): string[] | undefined {
  return isStringList(value) ? value : undefined;
}

/** The raw `admission:` mapping of a level, read from the policy document (the key is not part of the normalised config). */
function rawSettings(policy: LoadedPolicy, path: ReadonlyArray<string | number>): Record<string, unknown> | undefined {
  let node: unknown = policy.document.value;
  for (const segment of path) node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
  return isRecord(node) && isRecord(node[ADMISSION_KEY]) ? node[ADMISSION_KEY] : undefined;
}

/**
 * Reads the admission settings for resources at the given levels: global, then cluster,
 * environment and application; later levels override the fields they set.
 */
export function admissionSettingsAt(policy: LoadedPolicy | undefined, levels: ResolvedLevels | undefined): AdmissionSettings {
  if (policy === undefined) return DEFAULTS;
  const config = policy.config;
  const paths: Array<ReadonlyArray<string | number>> = [[]];
  const add = (level: NamedLevel | undefined, key: 'clusters' | 'environments' | 'applications') => {
    if (level !== undefined) paths.push([key, config[key].indexOf(level)]);
  };
  add(levels?.cluster, 'clusters');
  add(levels?.environment, 'environments');
  add(levels?.application, 'applications');
  const settings: AdmissionSettings = { ...DEFAULTS };
  for (const path of paths) {
    const raw = rawSettings(policy, path);
    if (raw === undefined) continue;
    if (typeof raw.mutate === 'boolean') settings.mutate = raw.mutate;
    settings.exemptServiceAccounts = stringList(raw.exemptServiceAccounts) ?? settings.exemptServiceAccounts;
    settings.exemptUsers = stringList(raw.exemptUsers) ?? settings.exemptUsers;
    settings.exemptGroups = stringList(raw.exemptGroups) ?? settings.exemptGroups;
  }
  return settings;
}

/** Why a requester is exempt, or undefined when the request is checked. */
export function exemptionOf(settings: AdmissionSettings, user: AdmissionUserInfo): string | undefined {
  const name = user.username;
  if (name.startsWith(SERVICE_ACCOUNT_PREFIX) && settings.exemptServiceAccounts.length > 0) {
    // system:serviceaccount:<namespace>:<name>; namespaces and names never hold a colon.
    const account = name.slice(SERVICE_ACCOUNT_PREFIX.length).replace(':', '/');
    const pattern = settings.exemptServiceAccounts.find((candidate) => globMatches(candidate, account));
    if (pattern !== undefined) return `service account ${account} is exempt (${pattern})`;
  }
  const userPattern = settings.exemptUsers.find((pattern) => globMatches(pattern, name));
  if (userPattern !== undefined) return `user ${name} is exempt (${userPattern})`;
  const group = settings.exemptGroups.find((candidate) => user.groups?.includes(candidate) === true);
  if (group !== undefined) return `group ${group} is exempt`;
  return undefined;
}
