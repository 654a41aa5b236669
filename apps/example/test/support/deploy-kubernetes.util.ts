import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ProbeKind } from 'nestjs-probes';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './example-app.process';

const KUBERNETES_DIR = join(REPO_ROOT, 'deploy', 'kubernetes');

export type ProbeField = 'startupProbe' | 'livenessProbe' | 'readinessProbe';

/** Which probe each field is, and so the endpoint its path must end with. */
export const PROBE_KINDS: Record<ProbeField, ProbeKind> = {
  startupProbe: 'startup',
  livenessProbe: 'liveness',
  readinessProbe: 'readiness',
};

/** Kubernetes' defaults for the fields a manifest may leave out. */
export const PROBE_DEFAULTS = { timeoutSeconds: 1, periodSeconds: 10, failureThreshold: 3 };
export const DEFAULT_GRACE_SECONDS = 30;

export interface HttpProbe {
  httpGet?: { path?: string; port?: number | string };
  timeoutSeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: unknown;
}

export interface Container extends Partial<Record<ProbeField, HttpProbe>> {
  name: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
}

export interface PodSpec {
  containers: Container[];
  terminationGracePeriodSeconds?: number;
}

/** A container with its pod and where it was declared, for messages. */
export interface DeployedContainer {
  label: string;
  container: Container;
  pod: PodSpec;
}

export interface DeployedProbe extends DeployedContainer {
  field: ProbeField;
  probe: HttpProbe;
}

interface Manifest {
  kind?: string;
  metadata?: { name?: string };
  spec?: { template?: { metadata?: { annotations?: Record<string, string> }; spec?: PodSpec } };
}

/** A workload whose pods ask to be scraped (`prometheus.io/scrape: 'true'`), with where. */
export interface ScrapeTarget {
  label: string;
  path: string;
  port: string | undefined;
  pod: PodSpec;
}

/** Every document of every `deploy/kubernetes/*.yaml`, by file name; a YAML error throws. */
export function loadManifests(): Map<string, Manifest[]> {
  const files = readdirSync(KUBERNETES_DIR).filter((file) => file.endsWith('.yaml'));
  return new Map(files.map((file) => [file, parseFile(file)]));
}

function parseFile(file: string): Manifest[] {
  const documents = parseAllDocuments(readFileSync(join(KUBERNETES_DIR, file), 'utf8'));
  if (!Array.isArray(documents)) return [];
  return documents.map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
    return document.toJS() as Manifest;
  });
}

/** The containers of every workload (Deployment, StatefulSet, DaemonSet...) in the manifests. */
export function containersOf(manifests: Map<string, Manifest[]>): DeployedContainer[] {
  return [...manifests].flatMap(([file, documents]) =>
    documents.flatMap((manifest) => {
      const pod = manifest?.spec?.template?.spec;
      if (!pod) return [];
      return pod.containers.map((container) => ({
        label: `${file} ${manifest.kind}/${manifest.metadata?.name} container ${container.name}`,
        container,
        pod,
      }));
    }),
  );
}

/** The pod templates annotated `prometheus.io/scrape: 'true'` (path defaults to /metrics). */
export function scrapeTargetsOf(manifests: Map<string, Manifest[]>): ScrapeTarget[] {
  return [...manifests].flatMap(([file, documents]) =>
    documents.flatMap((manifest) => {
      const template = manifest?.spec?.template;
      const annotations = template?.metadata?.annotations ?? {};
      if (!template?.spec || annotations['prometheus.io/scrape'] !== 'true') return [];
      return [
        {
          label: `${file} ${manifest.kind}/${manifest.metadata?.name}`,
          path: annotations['prometheus.io/path'] ?? '/metrics',
          port: annotations['prometheus.io/port'],
          pod: template.spec,
        },
      ];
    }),
  );
}

export function probesOf(containers: DeployedContainer[]): DeployedProbe[] {
  return containers.flatMap((deployed) =>
    (Object.keys(PROBE_KINDS) as ProbeField[])
      .filter((field) => deployed.container[field] !== undefined)
      .map((field) => ({
        ...deployed,
        label: `${deployed.label} ${field}`,
        field,
        probe: deployed.container[field]!,
      })),
  );
}

export function timeoutMsOf(probe: HttpProbe): number {
  return (probe.timeoutSeconds ?? PROBE_DEFAULTS.timeoutSeconds) * 1000;
}

/** The variables given as literal values (not from Secrets or fields), as the app would read them. */
export function literalEnv(container: Container): Record<string, string> {
  const env = (container.env ?? []).filter((variable) => variable.value !== undefined);
  return Object.fromEntries(env.map((variable) => [variable.name, variable.value!]));
}
