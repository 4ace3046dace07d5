import { K8sError } from './K8sError';

/** `?fieldSelector=` for the fields the API server supports on these resources (=, ==, !=). */
export function parseFieldSelector(
  selector: string | null,
  supported: string[],
): (fields: Record<string, string | undefined>) => boolean {
  if (!selector || !selector.trim()) return () => true;
  const terms = selector.split(',').map(t => {
    const m = t.trim().match(/^([^=!]+)(==|=|!=)(.*)$/);
    if (!m)
      throw K8sError.of(
        400,
        'BadRequest',
        `invalid selector: '${selector}'; can't understand '${t}'`,
      );
    const field = m[1].trim();
    if (!supported.includes(field))
      throw K8sError.of(
        400,
        'BadRequest',
        `field label not supported: ${field}`,
      );
    return { field, negate: m[2] === '!=', value: m[3].trim() };
  });
  return fields => terms.every(t => (fields[t.field] === t.value) !== t.negate);
}
