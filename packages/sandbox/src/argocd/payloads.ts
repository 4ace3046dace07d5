/**
 * Wire JSON of the Argo CD REST API (`/api/v1/applications`), as pure functions shared by
 * the sandbox's stand-in and backend msw handlers, so neither drifts from the other.
 * Field names and enums follow Argo CD's `v1alpha1.Application`.
 */
export type ArgoSyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';
export type ArgoHealthStatus =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown';
export type ArgoOperationPhase =
  | 'Running'
  | 'Terminating'
  | 'Succeeded'
  | 'Failed'
  | 'Error';

export type ArgoApplicationInput = {
  name: string;
  namespace?: string;
  project?: string;
  labels?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  repoURL: string;
  path: string;
  targetRevision?: string;
  destination: { server?: string; name?: string; namespace: string };
  /** Automated sync (`selfHeal`, `prune`); absent = manual sync only. */
  automated?: { prune: boolean; selfHeal: boolean };
  sync: { status: ArgoSyncStatus; revision?: string };
  health: { status: ArgoHealthStatus; message?: string };
  operationState?: {
    phase: ArgoOperationPhase;
    message?: string;
    /** The revision the operation syncs to. */
    revision: string;
    startedAt: string;
    finishedAt?: string;
    /** `automated: true` for auto-sync, else the requesting user. */
    initiatedBy: { automated?: boolean; username?: string };
  };
  /** Past successful syncs, oldest first (Argo CD keeps the last few). */
  history?: {
    id: number;
    revision: string;
    deployStartedAt: string;
    deployedAt: string;
  }[];
  reconciledAt?: string;
  conditions?: { type: string; message: string; lastTransitionTime?: string }[];
};

export function argoApplication(a: ArgoApplicationInput) {
  const source = {
    repoURL: a.repoURL,
    path: a.path,
    targetRevision: a.targetRevision ?? 'main',
  };
  const destination = a.destination;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: a.name,
      namespace: a.namespace ?? 'argocd',
      labels: a.labels ?? {},
      ...(a.uid ? { uid: a.uid } : {}),
      ...(a.resourceVersion ? { resourceVersion: a.resourceVersion } : {}),
      ...(a.creationTimestamp
        ? { creationTimestamp: a.creationTimestamp }
        : {}),
    },
    spec: {
      project: a.project ?? 'default',
      source,
      destination,
      syncPolicy: a.automated
        ? { automated: a.automated, syncOptions: ['CreateNamespace=false'] }
        : { syncOptions: ['CreateNamespace=false'] },
    },
    status: {
      sync: {
        status: a.sync.status,
        ...(a.sync.revision ? { revision: a.sync.revision } : {}),
        comparedTo: { source, destination },
      },
      health: a.health,
      ...(a.operationState
        ? {
            operationState: {
              operation: {
                sync: { revision: a.operationState.revision },
                initiatedBy: a.operationState.initiatedBy,
              },
              phase: a.operationState.phase,
              message: a.operationState.message ?? '',
              startedAt: a.operationState.startedAt,
              ...(a.operationState.finishedAt
                ? {
                    finishedAt: a.operationState.finishedAt,
                    syncResult: {
                      revision: a.operationState.revision,
                      source,
                    },
                  }
                : {}),
            },
          }
        : {}),
      ...(a.history?.length
        ? { history: a.history.map(h => ({ ...h, source })) }
        : {}),
      ...(a.reconciledAt ? { reconciledAt: a.reconciledAt } : {}),
      ...(a.conditions?.length ? { conditions: a.conditions } : {}),
    },
  };
}

export type ArgoApplication = ReturnType<typeof argoApplication>;

/** `GET /api/v1/applications`: Argo CD sends `items: null` when nothing matches. */
export function argoApplicationList(
  items: ArgoApplication[],
  resourceVersion = '1',
) {
  return {
    metadata: { resourceVersion },
    items: items.length ? items : null,
  };
}

/** gRPC codes Argo CD's gateway puts in its error body, with the HTTP status it answers. */
export const ARGO_ERROR_CODES = {
  invalidArgument: { code: 3, status: 400 },
  notFound: { code: 5, status: 404 },
  permissionDenied: { code: 7, status: 403 },
  failedPrecondition: { code: 9, status: 400 },
  unavailable: { code: 14, status: 503 },
  unauthenticated: { code: 16, status: 401 },
} as const;

export type ArgoErrorKind = keyof typeof ARGO_ERROR_CODES;

/** Argo CD's error body: `{ error, code, message }`. */
export function argoError(kind: ArgoErrorKind, message: string) {
  return { error: message, code: ARGO_ERROR_CODES[kind].code, message };
}

export function argoErrorStatus(kind: ArgoErrorKind): number {
  return ARGO_ERROR_CODES[kind].status;
}
