import { isRecord } from '../util/files';
import { isGoDuration } from './duration';
import { faultsOf, selectionsOf } from './faults';

/**
 * Rules Chaos Mesh's admission webhook enforces that the CRD schema does not state.
 * Returns messages; an empty list means the webhook would admit the resource.
 */
export function webhookErrors(resource: Record<string, unknown>): string[] {
  const errors: string[] = [];
  for (const fault of faultsOf(resource)) {
    for (const sel of selectionsOf(fault)) {
      const value = typeof sel.value === 'string' ? sel.value : undefined;
      const intValue =
        value !== undefined && /^[0-9]+$/.test(value)
          ? Number(value)
          : undefined;
      if (sel.mode === 'fixed' && (intValue === undefined || intValue < 1)) {
        errors.push(
          `${
            sel.where
          }: mode fixed needs value to be an integer > 0 (got ${JSON.stringify(
            sel.value,
          )})`,
        );
      }
      if (
        (sel.mode === 'fixed-percent' || sel.mode === 'random-max-percent') &&
        (intValue === undefined || intValue < 1 || intValue > 100)
      ) {
        errors.push(
          `${sel.where}: mode ${
            sel.mode
          } needs value to be an integer in 1..100 (got ${JSON.stringify(
            sel.value,
          )})`,
        );
      }
    }
    if (
      fault.spec.duration !== undefined &&
      !isGoDuration(fault.spec.duration)
    ) {
      errors.push(
        `${fault.where}.duration: "${String(
          fault.spec.duration,
        )}" is not a Go duration`,
      );
    }
  }
  const spec = isRecord(resource.spec) ? resource.spec : {};
  if (resource.kind === 'Workflow') {
    errors.push(...workflowErrors(spec));
  }
  if (resource.kind === 'Schedule' && typeof spec.type === 'string') {
    const field = spec.type.charAt(0).toLowerCase() + spec.type.slice(1);
    if (!isRecord(spec[field])) {
      errors.push(
        `spec.${field}: a Schedule of type ${spec.type} needs its ${field} spec`,
      );
    }
  }
  return errors;
}

function workflowErrors(spec: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const templates = (
    Array.isArray(spec.templates) ? spec.templates : []
  ).filter(isRecord);
  const names = new Set(templates.map(t => t.name));
  if (!names.has(spec.entry)) {
    errors.push(`spec.entry: "${String(spec.entry)}" is not a template`);
  }
  for (const t of templates) {
    const where = `spec.templates[${String(t.name)}]`;
    if (t.deadline !== undefined && !isGoDuration(t.deadline)) {
      errors.push(
        `${where}.deadline: "${String(t.deadline)}" is not a Go duration`,
      );
    }
    for (const child of Array.isArray(t.children) ? t.children : []) {
      if (!names.has(child))
        errors.push(`${where}.children: "${String(child)}" is not a template`);
    }
    const composite =
      t.templateType === 'Serial' || t.templateType === 'Parallel';
    if (composite !== (Array.isArray(t.children) && t.children.length > 0)) {
      errors.push(
        `${where}: only Serial and Parallel templates have children, and they need at least one`,
      );
    }
    if (t.templateType === 'Suspend' && t.deadline === undefined) {
      errors.push(`${where}: a Suspend template needs a deadline`);
    }
    const field =
      typeof t.templateType === 'string'
        ? t.templateType.charAt(0).toLowerCase() + t.templateType.slice(1)
        : '';
    if (
      t.templateType !== 'Serial' &&
      t.templateType !== 'Parallel' &&
      t.templateType !== 'Suspend' &&
      !isRecord(t[field])
    ) {
      errors.push(
        `${where}: a ${String(
          t.templateType,
        )} template needs its ${field} spec`,
      );
    }
  }
  if (names.size !== templates.length) {
    errors.push('spec.templates: template names must be unique');
  }
  return errors;
}
