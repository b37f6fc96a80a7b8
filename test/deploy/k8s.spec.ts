import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { REPO_ROOT } from '../support/service-process';
import { PINNED_KUBERNETES_VERSION, schemaErrors } from './k8s-schema';

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are checked field by field below */
type Manifest = Record<string, any>;

const K8S = join(REPO_ROOT, 'deploy', 'k8s');
const SERVICES: Record<string, number> = { ingestion: 3001, sentiment: 3002, routing: 3003, 'root-cause': 3004 };
// Variables that hold credentials: they may only ever come from a Secret.
const SECRET_ENV = /PASSWORD|SECRET|TOKEN|_KEY$|^DATABASE_URL$/;

// test/setup/ensure-kubectl.sh (run by `npm test`) installs kubectl; KUBECTL picks another binary.
const KUBECTL = process.env.KUBECTL ?? 'kubectl';

function render(overlay: string): Manifest[] {
  const r = spawnSync(KUBECTL, ['kustomize', join(K8S, 'overlays', overlay)], { encoding: 'utf8' });
  if (r.error) throw new Error(`${KUBECTL} could not be run (${r.error.message}): run bash test/setup/ensure-kubectl.sh`);
  if (r.status !== 0) throw new Error(`kubectl kustomize ${overlay} failed: ${r.stderr}`);
  return (loadAll(r.stdout) as (Manifest | null)[]).filter((d): d is Manifest => d !== null);
}

const rendered = { dev: render('dev'), production: render('production') };
const of = (docs: Manifest[], kind: string) => docs.filter((d) => d.kind === kind);
const named = (docs: Manifest[], kind: string, name: string) => {
  const found = docs.find((d) => d.kind === kind && d.metadata.name === name);
  if (!found) throw new Error(`${kind} ${name} is not in the render`);
  return found;
};
const podSpecs = (docs: Manifest[]) => [...of(docs, 'Deployment'), ...of(docs, 'Job')].map((d) => ({ name: d.metadata.name as string, labels: d.spec.template.metadata.labels as Record<string, string>, spec: d.spec.template.spec }));

function selects(selector: Manifest | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every((e: Manifest) => (e.operator === 'In' ? e.values.includes(labels[e.key]) : false));
  return byLabel && byExpression;
}

/** Kubernetes quantities (250m, 2, 512Mi) as numbers, to compare requests with limits. */
function quantity(value: string | number): number {
  const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi)?$/.exec(String(value));
  if (!m) throw new Error(`unparsed quantity ${value}`);
  const scale: Record<string, number> = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 };
  return Number(m[1]) * (m[2] ? scale[m[2]] : 1);
}

describe(`deploy/k8s rendered with kubectl kustomize, checked against Kubernetes ${PINNED_KUBERNETES_VERSION} schemas`, () => {
  describe.each(['dev', 'production'] as const)('%s overlay', (overlay) => {
    const docs = rendered[overlay];

    it('validates every document against the pinned OpenAPI schema', () => {
      expect(docs.length).toBeGreaterThan(10);
      expect(docs.map((d) => ({ doc: `${d.kind}/${d.metadata?.name}`, errors: schemaErrors(d) })).filter((r) => r.errors.length > 0)).toEqual([]);
    });

    it('runs the four services, the migration Job and the Kafka setup Job from the one image', () => {
      expect(of(docs, 'Deployment').map((d) => d.metadata.name).sort()).toEqual(['loops-ingestion', 'loops-root-cause', 'loops-routing', 'loops-sentiment']);
      expect(named(docs, 'Job', 'loops-migrate').spec.template.spec.containers[0].command).toEqual(['node', 'dist/libs/store/src/migrate.js']);
      expect(named(docs, 'Job', 'loops-kafka-setup').spec.template.spec.containers[0].command).toEqual(['node', 'dist/libs/infra/src/cli/kafka-setup.js']);
      const images = new Set(podSpecs(docs).flatMap((p) => p.spec.containers.map((c: Manifest) => c.image)));
      expect(images.size).toBe(1);
    });

    it.each(Object.entries(SERVICES))('exposes %s on port %i with SERVICE and PORT set and probes on /health/live and /health/ready', (name, port) => {
      const container = named(docs, 'Deployment', `loops-${name}`).spec.template.spec.containers[0];
      const env = Object.fromEntries(container.env.filter((e: Manifest) => 'value' in e).map((e: Manifest) => [e.name, e.value]));
      expect(env).toMatchObject({ SERVICE: name, PORT: String(port) });
      expect(container.ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
      expect(container.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(container.startupProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      const service = named(docs, 'Service', `loops-${name}`);
      expect(service.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }]);
      expect(selects({ matchLabels: service.spec.selector }, named(docs, 'Deployment', `loops-${name}`).spec.template.metadata.labels)).toBe(true);
    });

    it('gives every container requests and limits for CPU and memory, requests not above limits', () => {
      for (const pod of podSpecs(docs)) {
        for (const c of pod.spec.containers) {
          for (const r of ['cpu', 'memory']) {
            expect({ pod: pod.name, r, request: quantity(c.resources.requests[r]) <= quantity(c.resources.limits[r]) }).toEqual({ pod: pod.name, r, request: true });
          }
        }
      }
    });

    it('runs every pod as non-root with a read-only root filesystem, no capabilities, RuntimeDefault seccomp and an emptyDir /tmp', () => {
      for (const pod of podSpecs(docs)) {
        expect({ pod: pod.name, ...pod.spec.securityContext }).toMatchObject({ pod: pod.name, runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
        expect(pod.spec.automountServiceAccountToken).toBe(false);
        for (const c of pod.spec.containers) {
          expect({ pod: pod.name, ...c.securityContext }).toEqual({ pod: pod.name, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] } });
          const tmp = c.volumeMounts.find((m: Manifest) => m.mountPath === '/tmp');
          expect(pod.spec.volumes.find((v: Manifest) => v.name === tmp?.name)?.emptyDir).toBeDefined();
        }
      }
    });

    it('takes every credential from a Secret by reference and ships no Secret', () => {
      expect(of(docs, 'Secret')).toEqual([]);
      for (const pod of podSpecs(docs)) {
        for (const c of pod.spec.containers) {
          for (const e of c.env ?? []) {
            if (SECRET_ENV.test(e.name)) expect({ pod: pod.name, env: e.name, ref: Boolean(e.valueFrom?.secretKeyRef) }).toEqual({ pod: pod.name, env: e.name, ref: true });
            if ('value' in e) expect(String(e.value)).not.toMatch(/:\/\/[^/\s]*:[^@/\s]+@/);
          }
        }
      }
      for (const map of of(docs, 'ConfigMap')) expect(Object.keys(map.data).filter((k) => SECRET_ENV.test(k))).toEqual([]);
      const kafkaUser = (name: string) => named(docs, 'Deployment', `loops-${name}`).spec.template.spec.containers[0].env.find((e: Manifest) => e.name === 'KAFKA_SASL_PASSWORD').valueFrom.secretKeyRef.name;
      expect(Object.keys(SERVICES).map(kafkaUser)).toEqual(['loops-kafka-ingestion', 'loops-kafka-sentiment', 'loops-kafka-routing', 'loops-kafka-root-cause']);
    });

    it('documents every Secret and key the pods reference in deploy/k8s/README.md', () => {
      const readme = readFileSync(join(K8S, 'README.md'), 'utf8');
      const refs = new Set<string>();
      for (const pod of podSpecs(docs)) {
        for (const c of pod.spec.containers) {
          for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) refs.add(`| \`${e.valueFrom.secretKeyRef.name}\` | \`${e.valueFrom.secretKeyRef.key}\``);
          for (const f of c.envFrom ?? []) if (f.secretRef) refs.add(`| \`${f.secretRef.name}\` |`);
        }
      }
      expect([...refs].filter((ref) => !readme.includes(ref))).toEqual([]);
    });

    it('denies all traffic by default and allows DNS, Kafka, PostgreSQL, the HTTP ports and routing webhooks only', () => {
      const policies = of(docs, 'NetworkPolicy');
      const applying = (labels: Record<string, string>, type: string) => policies.filter((p) => p.spec.policyTypes.includes(type) && selects(p.spec.podSelector, labels));
      const egressPorts = (labels: Record<string, string>) => applying(labels, 'Egress').flatMap((p) => (p.spec.egress ?? []).flatMap((r: Manifest) => r.ports.map((x: Manifest) => `${x.protocol}/${x.port}`)));
      for (const pod of podSpecs(docs)) {
        const deny = applying(pod.labels, 'Ingress').filter((p) => !p.spec.ingress);
        expect({ pod: pod.name, defaultDeny: deny.some((p) => p.spec.policyTypes.includes('Egress') && !p.spec.egress) }).toEqual({ pod: pod.name, defaultDeny: true });
        expect(egressPorts(pod.labels)).toEqual(expect.arrayContaining(['UDP/53', 'TCP/53', 'TCP/9092', 'TCP/5432']));
        const webhooks = egressPorts(pod.labels).includes('TCP/443');
        expect({ pod: pod.name, webhooks }).toEqual({ pod: pod.name, webhooks: pod.name === 'loops-routing' });
        const ingress = applying(pod.labels, 'Ingress').flatMap((p) => p.spec.ingress ?? []);
        // Only the services' own HTTP port is reachable, only from namespaces named in the policy; the Jobs take no traffic.
        const isJob = of(docs, 'Job').some((j) => j.metadata.name === pod.name);
        expect({ pod: pod.name, ports: [...new Set(ingress.flatMap((r: Manifest) => r.ports.map((x: Manifest) => x.port)))] }).toEqual({ pod: pod.name, ports: isJob ? [] : ['http'] });
        // Peers are namespaces, except root-cause reaching routing's case API for the dashboard's case queue.
        for (const rule of ingress) {
          for (const peer of rule.from) {
            const fromRootCause = pod.name === 'loops-routing' && peer.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'root-cause';
            expect(Object.keys(peer)).toEqual(fromRootCause ? ['podSelector'] : ['namespaceSelector']);
          }
        }
      }
    });
  });

  const dev = rendered.dev;
  const production = rendered.production;

  it('production runs at least two replicas of every service, spread over nodes, with memory requests equal to limits', () => {
    for (const d of of(production, 'Deployment')) {
      expect({ name: d.metadata.name, replicas: d.spec.replicas >= 2 }).toEqual({ name: d.metadata.name, replicas: true });
      expect(d.spec.template.spec.topologySpreadConstraints[0].topologyKey).toBe('kubernetes.io/hostname');
      const { requests, limits } = d.spec.template.spec.containers[0].resources;
      expect(quantity(requests.memory)).toBe(quantity(limits.memory));
    }
  });

  it.each(Object.keys(SERVICES))('production has a PodDisruptionBudget (minAvailable 1) and a CPU HorizontalPodAutoscaler (min 2) for %s', (name) => {
    const deployment = named(production, 'Deployment', `loops-${name}`);
    const podLabels = deployment.spec.template.metadata.labels;
    const pdbs = of(production, 'PodDisruptionBudget').filter((p) => selects(p.spec.selector, podLabels));
    expect(pdbs.map((p) => p.spec.minAvailable)).toEqual([1]);
    const hpas = of(production, 'HorizontalPodAutoscaler').filter((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === `loops-${name}`);
    expect(hpas).toHaveLength(1);
    expect(hpas[0].apiVersion).toBe('autoscaling/v2');
    expect(hpas[0].spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpas[0].spec.maxReplicas).toBeGreaterThan(hpas[0].spec.minReplicas);
    expect(hpas[0].spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
  });

  it('dev runs one replica each, with smaller requests, no autoscaler and no disruption budget', () => {
    expect(of(dev, 'Deployment').map((d) => d.spec.replicas)).toEqual([1, 1, 1, 1]);
    expect(of(dev, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(of(dev, 'PodDisruptionBudget')).toEqual([]);
    for (const d of of(dev, 'Deployment')) {
      const small = d.spec.template.spec.containers[0].resources.requests;
      const big = named(production, 'Deployment', d.metadata.name).spec.template.spec.containers[0].resources.requests;
      expect(quantity(small.cpu)).toBeLessThan(quantity(big.cpu));
      expect(quantity(small.memory)).toBeLessThan(quantity(big.memory));
    }
  });

  it('the overlays set their own namespace, image tag and LOOPS_ENV', () => {
    const image = (docs: Manifest[]) => named(docs, 'Deployment', 'loops-ingestion').spec.template.spec.containers[0].image;
    expect(image(dev)).toBe('loops/service:local');
    expect(image(production)).toBe('registry.example.com/loops/service:0.1.0');
    expect(new Set(dev.map((d) => d.metadata.namespace))).toEqual(new Set(['loops-dev']));
    expect(new Set(production.map((d) => d.metadata.namespace))).toEqual(new Set(['loops']));
    expect(named(dev, 'ConfigMap', 'loops-config').data.LOOPS_ENV).toBe('development');
    expect(named(production, 'ConfigMap', 'loops-config').data.LOOPS_ENV).toBe('production');
    // Production refuses to start ingestion without the pseudonym key; dev may fall back to the documented dev key.
    const pseudonymRef = (docs: Manifest[]) => named(docs, 'Deployment', 'loops-ingestion').spec.template.spec.containers[0].env.find((e: Manifest) => e.name === 'LOOPS_PSEUDONYM_KEY').valueFrom.secretKeyRef;
    expect(pseudonymRef(production)).toEqual({ name: 'loops-pseudonym', key: 'key' });
    expect(pseudonymRef(dev)).toEqual({ name: 'loops-pseudonym', key: 'key', optional: true });
  });

  it('labels every object as part of loops and of its overlay instance', () => {
    for (const [overlay, docs] of Object.entries(rendered)) {
      for (const d of docs) {
        expect({ doc: `${d.kind}/${d.metadata.name}`, ...d.metadata.labels }).toMatchObject({
          doc: `${d.kind}/${d.metadata.name}`,
          'app.kubernetes.io/part-of': 'loops',
          'app.kubernetes.io/managed-by': 'kustomize',
          'app.kubernetes.io/instance': overlay === 'dev' ? 'loops-dev' : 'loops',
        });
      }
    }
  });

  describe('the schema check rejects broken manifests', () => {
    const deployment = () => structuredClone(named(production, 'Deployment', 'loops-ingestion'));

    it('a replica count that is not an integer', () => {
      const broken = deployment();
      broken.spec.replicas = 'two';
      expect(schemaErrors(broken).join()).toContain('/spec/replicas must be integer');
    });

    it('a Deployment without its required selector', () => {
      const broken = deployment();
      delete broken.spec.selector;
      expect(schemaErrors(broken).join()).toContain('data/spec must have required property selector');
    });

    it('a memory limit that is not a quantity', () => {
      const broken = deployment();
      broken.spec.template.spec.containers[0].resources.limits.memory = 'lots';
      expect(schemaErrors(broken).join()).toContain('data/spec/template/spec/containers/0/resources/limits/memory must match format "quantity"');
    });

    it('a misspelt field, which the OpenAPI schema allows but kubectl apply rejects', () => {
      const broken = deployment();
      broken.spec.template.spec.containers[0].readinesProbe = broken.spec.template.spec.containers[0].readinessProbe;
      broken.spec.template.spec.securityContext.runAsNonroot = true;
      expect(schemaErrors(broken)).toEqual(['/spec/template/spec/containers/0/readinesProbe: unknown field', '/spec/template/spec/securityContext/runAsNonroot: unknown field']);
    });

    it('an autoscaler target without its type and an API version the pinned version does not have', () => {
      const hpa = structuredClone(named(production, 'HorizontalPodAutoscaler', 'loops-ingestion'));
      hpa.spec.metrics[0].resource.target = { averageUtilization: 70 };
      expect(schemaErrors(hpa).join()).toContain('data/spec/metrics/0/resource/target must have required property type');
      expect(schemaErrors({ apiVersion: 'autoscaling/v2beta1', kind: 'HorizontalPodAutoscaler' })).toEqual(['no pinned schema for apiVersion autoscaling/v2beta1 kind HorizontalPodAutoscaler']);
    });
  });
});
