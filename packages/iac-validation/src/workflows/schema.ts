import { validateWorkflow, ValidationError } from '@action-validator/core';

function flatten(error: ValidationError): string[] {
  const where = 'path' in error ? error.path : undefined;
  // A oneOf failure lists every alternative's errors; the leaves say what is actually wrong.
  if ('states' in error && error.states && error.states.length > 0) {
    return [...new Set(error.states.flatMap(s => s.errors.flatMap(flatten)))];
  }
  const detail = error.detail ? `: ${error.detail}` : '';
  return [`${where ?? '/'} ${error.title}${detail}`];
}

/**
 * Checks a workflow file against GitHub's published workflow schema with action-validator
 * (structure, event names, job keys, unresolved `needs`); returns its findings as lines.
 */
export function workflowSchemaErrors(source: string): string[] {
  // action-validator warns on stdout/stderr that it cannot check path globs in its wasm build;
  // workflowPolicy checks them instead, so that one warning is dropped here.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('Glob validation is not yet supported')) {
      warn(...args);
    }
  };
  try {
    return validateWorkflow(source).errors.flatMap(flatten);
  } finally {
    console.warn = warn;
  }
}
