/**
 * The vocabulary of offline ValidatingAdmissionPolicy evaluation: what a policy decides about
 * one admission request, problems found in policies and bindings, and the request itself.
 */
import type { KubernetesObject, Resource } from '../model/resource.js';
import type { Path } from '../yaml/path.js';

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/**
 * A ValidatingAdmissionPolicy or binding the API server would reject or treat differently
 * than its author probably meant. `path` is inside `resource` (the policy or the binding).
 */
export interface VapProblem {
  resource: Resource;
  path: Path;
  severity: 'error' | 'warning';
  code: VapProblemCode;
  message: string;
  /** For CEL compile errors: where in the expression (1-based; columns count code points). */
  expressionLocation?: { line: number; column: number };
}

export type VapProblemCode =
  /** A CEL expression does not compile, or has the wrong result type. */
  | 'invalid-expression'
  /** A required field is missing or empty. */
  | 'required'
  /** A field has a value the API server does not accept. */
  | 'invalid-value'
  | 'duplicate'
  /** A binding names a policy that is not in the input: it does nothing. */
  | 'missing-policy'
  /** A field the API server does not know; it drops it. */
  | 'unknown-field';

/** Which parameter object a decision was made with. */
export interface ParamReference {
  name: string;
  /** Undefined for cluster-scoped parameter kinds. */
  namespace?: string;
}

/**
 * `violation`: a validation evaluated to something other than true. `error`: an expression
 * failed to compile or evaluate, or the binding is misconfigured. `param-not-found`: the
 * binding's paramRef found nothing and its parameterNotFoundAction is Deny.
 */
export type DecisionKind = 'violation' | 'error' | 'param-not-found';

/** One failing evaluation that takes effect: it denies, warns, or is audited. */
export interface VapDecision {
  policy: string;
  binding: string;
  param?: ParamReference;
  /** Index into `spec.validations` when a validation decided; undefined for match conditions, audit annotations and configuration errors. */
  validationIndex?: number;
  /** The CEL expression that decided, when one did. */
  expression?: string;
  /** How the binding enforces it. Configuration and audit-annotation errors always deny. */
  actions: ValidationAction[];
  /**
   * The text the API server shows for this decision: the denial
   * (`ValidatingAdmissionPolicy 'p' with binding 'b' denied request: …`) when it denies,
   * otherwise the warning text (`Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': …`).
   */
  message: string;
  /** The decision's own message, without the policy and binding: `failed expression: object.spec.replicas <= 5`. */
  detail: string;
  /** Status reason of a denial: the validation's `reason`, `Invalid` by default. */
  reason: string;
  /** Where in the evaluated object the problem is, from the validation's `fieldPath` hint. */
  fieldPath?: Path;
  /** Path inside the policy of what decided (`spec.validations[1].expression`). */
  policyPath: Path;
  /** Path inside the binding, for decisions the binding causes (its paramRef). */
  bindingPath?: Path;
  policyResource: Resource;
  bindingResource: Resource;
  kind: DecisionKind;
}

/** What admission answers for one request. */
export interface AdmissionOutcome {
  /** Decisions that take effect, in the order the API server reaches them. */
  decisions: VapDecision[];
  /**
   * Errors a `failurePolicy: Ignore` policy swallowed (`actions` is empty): they change
   * nothing, but usually mean the policy does not do what it should.
   */
  ignoredErrors: VapDecision[];
  allowed: boolean;
  /** Warnings sent to the client (HTTP `Warning` headers), in order. */
  warnings: string[];
  /** Message of the first denial, as in the API server's status: `ValidatingAdmissionPolicy 'p' with binding 'b' denied request: …`. */
  denyMessage?: string;
  /** The whole status message kubectl prints: `deployments.apps "web" is forbidden: ` + denyMessage. */
  statusMessage?: string;
  /** Status reason (`Invalid`, `Forbidden`, `Unauthorized`, `RequestEntityTooLarge`) and HTTP code of the denial. */
  reason?: string;
  code?: number;
  /** Audit annotations the request would carry: `<policy>/<key>` from auditAnnotations, and `validation.policy.admission.k8s.io/validation_failure`. */
  auditAnnotations: Record<string, string>;
  /**
   * Every policy–binding pair that applied to the request: its rules and selectors matched, and
   * its match conditions held (or failed) for at least one param, or its params could not be
   * found. Pairs that found no problem are here too.
   */
  matched: { policy: string; binding: string }[];
}

/** The outcome of creating one scanned resource. */
export interface VapResourceResult extends AdmissionOutcome {
  resource: Resource;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

/** The requesting user as the authenticator reports it. */
export interface AdmissionUserInfo {
  username: string;
  uid?: string;
  groups?: readonly string[];
  extra?: Readonly<Record<string, readonly string[]>>;
}

/** An admission request, as an admission webhook receives it. */
export interface AdmissionRequestInput {
  operation: AdmissionOperation;
  kind: GroupVersionKind;
  resource: GroupVersionResource;
  subResource?: string;
  /** Empty or undefined when the name is generated. */
  name?: string;
  /** Empty or undefined for cluster-scoped resources; a Namespace's own name for namespaces. */
  namespace?: string;
  /** Null for DELETE. */
  object: KubernetesObject | null;
  /** Null for CREATE. */
  oldObject: KubernetesObject | null;
  userInfo: AdmissionUserInfo;
  dryRun?: boolean;
  /** CreateOptions, UpdateOptions or DeleteOptions. */
  options?: Record<string, unknown> | null;
}

/**
 * What admission reads from the cluster besides the request: Namespaces (for namespaceSelector
 * and `namespaceObject`) and parameter objects. The scan answers from its input files; the
 * webhook can answer from its informers.
 */
export interface AdmissionCluster {
  /** A Namespace object by name; undefined when unknown (a namespace with only its `kubernetes.io/metadata.name` label is assumed). */
  namespace(name: string): KubernetesObject | undefined;
  /** Objects of a parameter kind, in one namespace, or everywhere when `namespace` is undefined (cluster-scoped kinds). */
  params(apiVersion: string, kind: string, namespace: string | undefined): readonly KubernetesObject[];
  /** Whether objects of a kind live in namespaces. */
  isNamespaced(group: string, kind: string): boolean;
}
