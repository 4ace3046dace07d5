import { CHAOS_GROUP, CHAOS_KINDS, CHAOS_VERSION } from '../chaos/kinds';
import {
  K8sApiResource,
  k8sApiGroupList,
  k8sApiResourceList,
} from '../payloads/k8s';
import { EMPTY_KINDS, emptyKindGroups } from './emptyKinds';

const CRUD = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** The resources each served group/version exposes, as discovery documents them. */
export const API_RESOURCES: Record<string, K8sApiResource[]> = {
  v1: [
    {
      name: 'namespaces',
      singularName: 'namespace',
      namespaced: false,
      kind: 'Namespace',
      verbs: ['get', 'list', 'watch'],
      shortNames: ['ns'],
    },
    {
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['delete', 'get', 'list', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    },
  ],
  'apps/v1': [
    {
      name: 'deployments',
      singularName: 'deployment',
      namespaced: true,
      kind: 'Deployment',
      verbs: ['get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['deploy'],
      categories: ['all'],
    },
    {
      name: 'replicasets',
      singularName: 'replicaset',
      namespaced: true,
      kind: 'ReplicaSet',
      verbs: ['get', 'list', 'watch'],
      shortNames: ['rs'],
      categories: ['all'],
    },
  ],
  [`${CHAOS_GROUP}/${CHAOS_VERSION}`]: CHAOS_KINDS.flatMap(k => [
    {
      name: k.plural,
      singularName: k.singular,
      namespaced: true,
      kind: k.kind,
      verbs: CRUD,
    },
    {
      name: `${k.plural}/status`,
      singularName: '',
      namespaced: true,
      kind: k.kind,
      verbs: ['get'],
    },
  ]),
};

export function groupList() {
  return k8sApiGroupList([
    { name: 'apps', version: 'v1' },
    ...emptyKindGroups().filter(g => g.name !== 'apps'),
    { name: CHAOS_GROUP, version: CHAOS_VERSION },
  ]);
}

export function resourceList(groupVersion: string) {
  const empty = EMPTY_KINDS.filter(
    k => (k.group ? `${k.group}/${k.version}` : k.version) === groupVersion,
  ).map(k => ({
    name: k.plural,
    singularName: k.singular,
    namespaced: true,
    kind: k.kind,
    verbs: ['get', 'list', 'watch'],
    shortNames: k.shortNames,
  }));
  const resources = [...(API_RESOURCES[groupVersion] ?? []), ...empty];
  return resources.length
    ? k8sApiResourceList(groupVersion, resources)
    : undefined;
}

/**
 * GET /openapi/v2. kubectl asks for the protobuf form (openapi_v2.Document) to validate
 * manifests client-side; an empty schema makes it skip validation of kinds it does not know,
 * which is what a cluster without published schemas gives. The protobuf bytes encode
 * `swagger: "2.0"` and `info {title: "Kubernetes", version: "v1.32.0"}`.
 */
export function openApiV2(accept: string | undefined): {
  contentType: string;
  body: Buffer;
} {
  if (accept?.includes('protobuf')) {
    const str = (field: number, s: string) =>
      Buffer.concat([
        Buffer.from([(field << 3) | 2, s.length]),
        Buffer.from(s),
      ]);
    const info = Buffer.concat([str(1, 'Kubernetes'), str(2, 'v1.32.0')]);
    const body = Buffer.concat([
      str(1, '2.0'),
      Buffer.from([(2 << 3) | 2, info.length]),
      info,
    ]);
    return {
      contentType: 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
      body,
    };
  }
  const body = Buffer.from(
    JSON.stringify({
      swagger: '2.0',
      info: { title: 'Kubernetes', version: 'v1.32.0' },
      paths: {},
      definitions: {},
    }),
  );
  return { contentType: 'application/json', body };
}
