import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { FieldChecker } from './k8s-fields';

/**
 * The Kubernetes version whose OpenAPI schemas the manifests are checked against: the schemas ship
 * compiled inside kubernetes-models 4.5.1 (pinned exactly in package.json), so the check runs offline.
 */
export const PINNED_KUBERNETES_VERSION = '1.33.0';

interface Validatable {
  validate(): void;
}

// Only the kinds Loops ships; anything else in a render is a mistake and is reported as such.
const MODELS: Record<string, new (data: never) => Validatable> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

// The same kinds' TypeScript declarations (module kubernetes-models/<apiVersion>/<kind>), for unknown fields.
let fields: FieldChecker | undefined;
const fieldChecker = () => (fields ??= new FieldChecker(Object.keys(MODELS)));

/** Problems of one manifest against the pinned schema, unknown fields included; empty when it validates. */
export function schemaErrors(doc: { apiVersion?: unknown; kind?: unknown }): string[] {
  const key = `${String(doc.apiVersion)}/${String(doc.kind)}`;
  const Model = MODELS[key];
  if (!Model) return [`no pinned schema for apiVersion ${String(doc.apiVersion)} kind ${String(doc.kind)}`];
  const unknown = fieldChecker().unknownFields(doc as Record<string, unknown>, key);
  try {
    new Model(doc as never).validate();
    return unknown;
  } catch (error) {
    return [(error as Error).message, ...unknown];
  }
}
