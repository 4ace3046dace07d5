/**
 * JSON merge patch (RFC 7386): objects merge recursively, null deletes, anything else
 * replaces. kubectl sends it for custom resources; strategic merge patch on the built-in
 * fields the sandbox lets you change (replicas, labels) behaves the same.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    return patch;
  const result: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (
      k === '$patch' ||
      k.startsWith('$setElementOrder') ||
      k.startsWith('$retainKeys')
    )
      continue;
    if (v === null) delete result[k];
    else result[k] = mergePatch(result[k], v);
  }
  return result;
}
