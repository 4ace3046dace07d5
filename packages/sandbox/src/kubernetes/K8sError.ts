import { k8sStatus, K8sStatusReason } from '../payloads/k8s';

export type FieldCause = { reason: string; message: string; field: string };

/** An error answer of the Kubernetes API: the HTTP code and its meta/v1 Status body. */
export class K8sError extends Error {
  constructor(
    readonly status: number,
    readonly body: ReturnType<typeof k8sStatus>,
  ) {
    super(body.message);
  }

  static of(
    code: number,
    reason: K8sStatusReason,
    message: string,
    details?: Parameters<typeof k8sStatus>[3],
  ) {
    return new K8sError(code, k8sStatus(code, reason, message, details));
  }

  /** 422 Invalid with field causes, worded as the API server words them. */
  static invalid(
    kind: string,
    group: string,
    name: string,
    causes: FieldCause[],
  ) {
    const list = causes.map(c => `${c.field}: ${c.message}`);
    const message = `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${
      list.length === 1 ? list[0] : `[${list.join(', ')}]`
    }`;
    return K8sError.of(422, 'Invalid', message, { name, group, kind, causes });
  }
}
