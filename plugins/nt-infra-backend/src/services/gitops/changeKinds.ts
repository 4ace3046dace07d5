import { InputError } from '@backstage/errors';
import { CHAOS_LIBRARY_DIR } from '@internal/iac-validation';
import fs from 'fs/promises';
import path from 'path';
import { editHcl, HclPath, readHcl } from './hclEdit';
import {
  ChangeRequestInput,
  ChaosExperimentParams,
  FileChange,
  PlannedChange,
  PromoteParams,
  ScaleWorkloadParams,
  TrafficManagerParams,
} from './types';
import { YamlEdit, YamlFile, yamlText } from './yamlEdit';

/** Where the Traffic Manager settings live (see terraform/README.md). */
export const TFVARS = (env: string) =>
  `terraform/azure/multi-region/${env}.tfvars`;
export const NETWORKING_VARIABLES = 'terraform/azure/networking/variables.tf';
const overlayFile = (env: string, name: string) =>
  `kubernetes/overlays/${env}/${name}`;

async function read(root: string, rel: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path.join(root, rel), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function mustRead(root: string, rel: string): Promise<string> {
  const text = await read(root, rel);
  if (text === undefined) {
    throw new InputError(`${rel} does not exist`);
  }
  return text;
}

async function scaleWorkload(
  root: string,
  p: ScaleWorkloadParams,
): Promise<PlannedChange> {
  const files: FileChange[] = [];
  const summary: string[] = [];
  const hpaPath = overlayFile(p.environment, 'autoscaling.yaml');
  const hpaText = await read(root, hpaPath);
  const hpaFile =
    hpaText !== undefined ? YamlFile.parse(hpaPath, hpaText) : undefined;
  const hpa =
    hpaFile?.indexOf({
      kind: 'HorizontalPodAutoscaler',
      'metadata.name': p.workload,
    }) ?? -1;

  if (p.minReplicas !== undefined || p.maxReplicas !== undefined) {
    if (!hpaFile || hpa < 0) {
      throw new InputError(
        `${p.workload} has no HorizontalPodAutoscaler in ${hpaPath}; set replicas instead`,
      );
    }
    const edits: YamlEdit[] = [];
    for (const key of ['minReplicas', 'maxReplicas'] as const) {
      const value = p[key];
      if (value !== undefined) {
        edits.push({ path: ['spec', key], value });
        summary.push(
          `${p.environment} ${p.workload}: HPA ${key} ${String(
            hpaFile.get(hpa, ['spec', key]) ?? 'unset',
          )} → ${value}`,
        );
      }
    }
    files.push({
      path: hpaPath,
      before: hpaText,
      after: hpaFile.edit(hpa, edits),
    });
  }

  if (p.replicas !== undefined) {
    // An HPA owns the replica count of its target; a fixed count would be overwritten.
    if (hpa >= 0) {
      throw new InputError(
        `${p.workload} is scaled by its HorizontalPodAutoscaler in ${p.environment}; change minReplicas/maxReplicas instead of replicas`,
      );
    }
    const kPath = overlayFile(p.environment, 'kustomization.yaml');
    const kText = await mustRead(root, kPath);
    const kFile = YamlFile.parse(kPath, kText);
    const entries = (kFile.documents[0]?.toJS()?.replicas ?? []) as Array<{
      name?: string;
    }>;
    const at = entries.findIndex(e => e.name === p.workload);
    const edit: YamlEdit =
      at >= 0
        ? { path: ['replicas', at, 'count'], value: p.replicas }
        : {
            path: ['replicas'],
            value: [...entries, { name: p.workload, count: p.replicas }],
          };
    files.push({ path: kPath, before: kText, after: kFile.edit(0, [edit]) });
    summary.push(`${p.environment} ${p.workload}: replicas → ${p.replicas}`);
  }
  return {
    title: `Scale ${p.workload} in ${p.environment}`,
    summary,
    files,
  };
}

const MONITOR_VARIABLES = {
  intervalInSeconds: 'probe_interval_seconds',
  timeoutInSeconds: 'probe_timeout_seconds',
  toleratedNumberOfFailures: 'probe_tolerated_failures',
} as const;

async function trafficManager(
  root: string,
  p: TrafficManagerParams,
): Promise<PlannedChange> {
  const files: FileChange[] = [];
  const summary: string[] = [];
  const tfvarsPath = TFVARS(p.environment);
  const edits: Array<{ path: HclPath; value: number }> = [];
  if (p.dnsTtlSeconds !== undefined) {
    edits.push({ path: ['dns_ttl_seconds'], value: p.dnsTtlSeconds });
  }
  for (const [region, priority] of Object.entries(p.endpointPriorities ?? {})) {
    edits.push({
      path: ['regions', region, 'traffic_manager_priority'],
      value: priority,
    });
  }
  if (edits.length > 0) {
    const before = await mustRead(root, tfvarsPath);
    for (const e of edits) {
      const current = await readHcl(tfvarsPath, before, e.path, {
        blocks: false,
      });
      summary.push(
        `${p.environment}: ${e.path.join('.')} ${String(current)} → ${e.value}`,
      );
    }
    const after = await editHcl(tfvarsPath, before, edits, { blocks: false });
    files.push({ path: tfvarsPath, before, after });
  }

  const monitorEdits = Object.entries(p.monitor ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([key, value]) => ({
      path: [
        'variable',
        MONITOR_VARIABLES[key as keyof typeof MONITOR_VARIABLES],
        'default',
      ],
      value: value as number,
    }));
  if (monitorEdits.length > 0) {
    const before = await mustRead(root, NETWORKING_VARIABLES);
    for (const e of monitorEdits) {
      const current = await readHcl(NETWORKING_VARIABLES, before, e.path, {
        blocks: true,
      });
      summary.push(
        `staging and production (module default): ${e.path[1]} ${String(
          current,
        )} → ${e.value}`,
      );
    }
    const after = await editHcl(NETWORKING_VARIABLES, before, monitorEdits, {
      blocks: true,
    });
    files.push({ path: NETWORKING_VARIABLES, before, after });
  }
  return {
    title: `Traffic Manager settings for ${p.environment}`,
    summary,
    files,
  };
}

async function chaosExperiment(
  root: string,
  p: ChaosExperimentParams,
): Promise<PlannedChange> {
  const rel = `${CHAOS_LIBRARY_DIR}/${p.file}`;
  const before = await read(root, rel);
  if (p.resource) {
    if (before !== undefined) {
      throw new InputError(`${rel} already exists; change it with set`);
    }
    const name = String(
      (p.resource.metadata as { name?: unknown } | undefined)?.name ?? p.file,
    );
    return {
      title: `Add chaos experiment ${name}`,
      summary: [`new ${String(p.resource.kind)} ${name} in ${rel}`],
      files: [{ path: rel, after: yamlText(p.resource) }],
    };
  }
  if (before === undefined) {
    throw new InputError(`${rel} does not exist; add it with resource`);
  }
  const file = YamlFile.parse(rel, before);
  if (file.documents.length !== 1) {
    throw new InputError(
      `${rel} must hold exactly one document to be edited here`,
    );
  }
  const edits = p.set ?? [];
  const name = String(file.get(0, ['metadata', 'name']));
  return {
    title: `Change chaos experiment ${name}`,
    summary: edits.map(
      e =>
        `${name}: ${e.path.join('.')} ${
          JSON.stringify(file.get(0, e.path)) ?? 'unset'
        } → ${e.value === null ? 'removed' : JSON.stringify(e.value)}`,
    ),
    files: [{ path: rel, before, after: file.edit(0, edits) }],
  };
}

async function promote(root: string, p: PromoteParams): Promise<PlannedChange> {
  const setting = p.setting;
  let planned: PlannedChange;
  if (setting.type === 'hpa-bounds') {
    const stagingPath = overlayFile('staging', 'autoscaling.yaml');
    const staging = YamlFile.parse(
      stagingPath,
      await mustRead(root, stagingPath),
    );
    const at = staging.indexOf({
      kind: 'HorizontalPodAutoscaler',
      'metadata.name': setting.workload,
    });
    if (at < 0) {
      throw new InputError(`${setting.workload} has no HPA in staging`);
    }
    planned = await scaleWorkload(root, {
      environment: 'production',
      workload: setting.workload,
      minReplicas: staging.get(at, ['spec', 'minReplicas']) as number,
      maxReplicas: staging.get(at, ['spec', 'maxReplicas']) as number,
    });
  } else {
    const text = await mustRead(root, TFVARS('staging'));
    const ttl = await readHcl(TFVARS('staging'), text, ['dns_ttl_seconds'], {
      blocks: false,
    });
    if (typeof ttl !== 'number') {
      throw new InputError('staging dns_ttl_seconds is not a number');
    }
    planned = await trafficManager(root, {
      environment: 'production',
      dnsTtlSeconds: ttl,
    });
  }
  return {
    ...planned,
    title: `Promote staging ${setting.type} to production${
      setting.type === 'hpa-bounds' ? ` (${setting.workload})` : ''
    }`,
  };
}

/**
 * Computes the files a change request edits, from the checkout at `root`.
 * Nothing is written; a change that would leave every file as it is is refused.
 */
export async function planChange(
  root: string,
  input: ChangeRequestInput,
): Promise<PlannedChange> {
  let planned: PlannedChange;
  switch (input.kind) {
    case 'scale-workload':
      planned = await scaleWorkload(root, input.params);
      break;
    case 'traffic-manager':
      planned = await trafficManager(root, input.params);
      break;
    case 'chaos-experiment':
      planned = await chaosExperiment(root, input.params);
      break;
    case 'promote':
      planned = await promote(root, input.params);
      break;
    default:
      throw new InputError('unknown change kind');
  }
  planned.files = planned.files.filter(f => f.before !== f.after);
  if (planned.files.length === 0) {
    throw new InputError(
      'the change would not modify any file; it is already in place',
    );
  }
  return planned;
}
