import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBaseline } from '../../src/findings/baseline.js';
import { renderJunit } from '../../src/report/junit.js';
import { scan, type ScanOptions } from '../../src/scan.js';
import { CORE_CHECKS } from '../helpers.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decode(value: string): string {
  return value.replace(/&(?:#(\d+)|(amp|lt|gt|quot|apos));/g, (_, code: string | undefined, name: string | undefined) => {
    if (code !== undefined) return String.fromCodePoint(Number(code));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as 'amp'];
  });
}

/**
 * A strict little parser for the subset of XML the reporter writes: it fails on unbalanced
 * tags, unescaped `<` or `&`, and characters XML 1.0 forbids, which is what a CI system's
 * parser would choke on.
 */
function parseXml(xml: string): XmlElement {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'), 'XML declaration');
  assert.doesNotMatch(xml, /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u, 'characters illegal in XML 1.0');
  const body = xml.slice(xml.indexOf('\n') + 1);
  const root: XmlElement = { name: '#root', attributes: {}, children: [], text: '' };
  const stack = [root];
  const entity = /&(?!(?:amp|lt|gt|quot|apos|#\d+);)/;
  for (const token of body.match(/<[^>]*>|[^<]+/g) ?? []) {
    const parent = stack[stack.length - 1]!;
    if (!token.startsWith('<')) {
      assert.doesNotMatch(token, entity, `bare & in text: ${token}`);
      parent.text += decode(token);
      continue;
    }
    const tag = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
    assert.ok(tag, `malformed tag: ${token}`);
    const [, closing, name, rawAttributes, selfClosing] = tag;
    if (closing) {
      assert.equal(stack.pop()?.name, name, `unbalanced </${name}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of rawAttributes!.matchAll(/([\w.-]+)="([^"]*)"/g)) {
      assert.doesNotMatch(value!, entity, `bare & in attribute ${key}`);
      assert.equal(attributes[key!], undefined, `duplicate attribute ${key}`);
      attributes[key!] = decode(value!);
    }
    const element: XmlElement = { name: name!, attributes, children: [], text: '' };
    parent.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  assert.equal(stack.length, 1, 'unclosed elements');
  assert.equal(root.children.length, 1, 'one root element');
  return root.children[0]!;
}

const all = (element: XmlElement, name: string): XmlElement[] =>
  element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...all(child, name)]);

const suiteNamed = (root: XmlElement, name: string): XmlElement => {
  const suite = root.children.find((child) => child.attributes.name === name);
  assert.ok(suite, `suite ${name}`);
  return suite;
};

const TWO_RESOURCES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx
          securityContext:
            privileged: true
---
apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: api
      image: registry.example/api:1.2@sha256:${'a'.repeat(64)}
      securityContext:
        allowPrivilegeEscalation: false
`;

const run = async (text: string, options: ScanOptions = {}) => {
  const result = await scan({ sources: [{ file: 'k8s/app.yaml', text }], checks: CORE_CHECKS, ...options });
  return { result, root: parseXml(renderJunit(result, { color: false })) };
};

describe('renderJunit', () => {
  it('has one suite per check and one case per evaluated resource', async () => {
    const { result, root } = await run(TWO_RESOURCES);
    assert.equal(root.name, 'testsuites');
    assert.deepEqual(
      root.children.map((suite) => suite.attributes.name),
      result.checks.map((check) => `bulwark.${check.id}`),
    );
    for (const suite of root.children) {
      const cases = all(suite, 'testcase');
      assert.equal(cases.length, 2, suite.attributes.name);
      assert.equal(suite.attributes.tests, '2');
      assert.equal(suite.attributes.errors, '0');
      assert.equal(suite.attributes.failures, String(all(suite, 'failure').length));
      for (const testCase of cases) assert.equal(testCase.attributes.classname, suite.attributes.name);
    }
    const privileged = suiteNamed(root, 'bulwark.privileged-container');
    const names = all(privileged, 'testcase').map((testCase) => testCase.attributes.name);
    assert.deepEqual(names, ['Deployment shop/web (k8s/app.yaml:1)', 'Pod shop/api (k8s/app.yaml:15)']);
  });

  it('fails the cases of resources with findings and passes the others', async () => {
    const { result, root } = await run(TWO_RESOURCES);
    const [web, api] = all(suiteNamed(root, 'bulwark.privileged-container'), 'testcase');
    const failure = web!.children.find((child) => child.name === 'failure');
    assert.ok(failure);
    assert.equal(failure.attributes.type, 'high');
    assert.equal(failure.attributes.message, 'container "app" runs privileged (securityContext.privileged: true)');
    assert.match(failure.text, /k8s\/app\.yaml:13:13/);
    assert.match(failure.text, /path spec\.template\.spec\.containers\[0\]\.securityContext\.privileged/);
    assert.deepEqual(api!.children, [], 'the clean pod passes');
    // The pod is clean for every check; every finding is on the deployment.
    assert.equal(all(root, 'failure').length, new Set(result.findings.map((finding) => finding.checkId)).size);
    assert.equal(root.attributes.tests, String(result.checks.length * 2));
    assert.equal(root.attributes.failures, String(all(root, 'failure').length));
    assert.equal(root.attributes.errors, '0');
    assert.equal(root.attributes.skipped, '0');
  });

  it('skips cases whose findings are all in the baseline', async () => {
    const first = await run(TWO_RESOURCES);
    const baseline = createBaseline(first.result.findings.filter((finding) => finding.checkId === 'privileged-container'));
    const { root } = await run(TWO_RESOURCES, { baseline });
    const suite = suiteNamed(root, 'bulwark.privileged-container');
    const skipped = all(suite, 'skipped');
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0]!.attributes.message, 'baseline');
    assert.equal(all(suite, 'failure').length, 0);
    assert.equal(suite.attributes.skipped, '1');
    assert.equal(root.attributes.skipped, '1');
  });

  it('escapes markup and strips characters XML cannot carry', async () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: "a<b>&c"
spec:
  containers:
    - name: "x<&\\"'>\\x01y"
      image: nginx
      securityContext:
        privileged: true
`;
    const xml = renderJunit(await scan({ sources: [{ file: 'k8s/app.yaml', text: yaml }], checks: CORE_CHECKS }), { color: false });
    assert.match(xml, /message="container &quot;x&lt;&amp;&quot;&apos;&gt;y&quot; runs privileged/);
    assert.match(xml, /name="Pod default\/a&lt;b&gt;&amp;c \(k8s\/app\.yaml:1\)"/);
    assert.ok(!xml.includes('\u0001'));
    const root = parseXml(xml);
    const failure = all(suiteNamed(root, 'bulwark.privileged-container'), 'failure')[0]!;
    assert.equal(failure.attributes.message, `container "x<&"'>y" runs privileged (securityContext.privileged: true)`);
    assert.match(failure.text, /container "x<&"'>y" runs privileged/);
  });

  it('keeps line breaks in attribute values', async () => {
    const yaml = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: "two\\nlines"
      image: nginx
      securityContext:
        privileged: true
`;
    const xml = renderJunit(await scan({ sources: [{ file: 'k8s/app.yaml', text: yaml }], checks: CORE_CHECKS }), { color: false });
    assert.match(xml, /message="container &quot;two&#10;lines&quot;/);
    const failure = all(parseXml(xml), 'failure').find((element) => element.attributes.message?.includes('privileged'));
    assert.equal(failure?.attributes.message, 'container "two\nlines" runs privileged (securityContext.privileged: true)');
  });

  it('reports input errors and an untrusted result as errors', async () => {
    const { result, root } = await run(`${TWO_RESOURCES}---\nbroken: [\n`);
    assert.equal(result.trusted, false);
    const input = suiteNamed(root, 'bulwark.input');
    const errors = all(input, 'error');
    assert.equal(errors.length, 2);
    assert.equal(errors[0]!.attributes.type, 'yaml-syntax');
    assert.match(errors[0]!.text, /^k8s\/app\.yaml:29:9: YAML syntax error: this \[ is never closed/);
    assert.match(errors[1]!.attributes.message!, /cannot be trusted: 1 input problem/);
    assert.equal(input.attributes.errors, '2');
    assert.equal(root.attributes.errors, '2');
    // The resources that parsed are still tested.
    assert.equal(all(suiteNamed(root, 'bulwark.privileged-container'), 'testcase').length, 2);
  });

  it('does not look green when the input holds no resources', async () => {
    const { root } = await run('just: a config file\n');
    for (const suite of root.children.filter((child) => child.attributes.name !== 'bulwark.input')) assert.equal(suite.attributes.tests, '0');
    const errors = all(suiteNamed(root, 'bulwark.input'), 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.attributes.message!, /no Kubernetes resource was found/);
    assert.equal(root.attributes.tests, '1');
    assert.equal(root.attributes.errors, '1');
  });

  it('leaves out the input suite for a clean, trusted scan', async () => {
    const { root } = await run(TWO_RESOURCES);
    assert.equal(
      root.children.find((child) => child.attributes.name === 'bulwark.input'),
      undefined,
    );
  });
});
