import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WorldClock } from '../clock';
import type { ChaosController } from '../chaos';
import { CHAOS_GROUP, CHAOS_VERSION, chaosKindByPlural } from '../chaos/kinds';
import {
  BodyTooLargeError,
  closeServer,
  listen,
  parseUrl,
  readBody,
  sendJson,
} from '../http/serverUtils';
import {
  k8sApiVersions,
  k8sList,
  k8sNotFound,
  k8sStatus,
  k8sVersionInfo,
  k8sWatchEvent,
} from '../payloads/k8s';
import type { World } from '../world';
import { groupList, openApiV2, resourceList } from './discovery';
import { findEmptyKind } from './emptyKinds';
import { parseFieldSelector } from './fieldSelector';
import { K8sError } from './K8sError';
import { parseLabelSelector, SelectorParseError } from './labelSelector';
import { mergePatch } from './mergePatch';
import { toTable } from './tables';
import {
  deploymentJson,
  namespaceJson,
  podJson,
  replicaSetJson,
} from './views';

type Obj = Record<string, any>;
type Route = {
  group: string;
  version: string;
  namespace?: string;
  plural: string;
  name?: string;
  sub?: string;
};

const RESOURCE_PATH =
  /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/;
const SERVED: Record<string, string[]> = {
  '/v1': ['namespaces', 'pods'],
  'apps/v1': ['deployments', 'replicasets'],
  [`${CHAOS_GROUP}/${CHAOS_VERSION}`]: [
    'podchaos',
    'networkchaos',
    'stresschaos',
  ],
};
const FIELDS = [
  'metadata.name',
  'metadata.namespace',
  'status.phase',
  'spec.nodeName',
];

/**
 * One cluster's Kubernetes API over HTTPS: discovery, namespaces, pods, deployments and the
 * Chaos Mesh kinds, with list/get/watch, label and field selectors, server-side tables
 * for kubectl, and meta/v1 Status errors. Any bearer token is accepted, but one is required.
 */
export class KubeApiServer {
  private readonly server: https.Server;
  private boundPort = 0;

  constructor(
    readonly clusterName: string,
    private readonly world: World,
    private readonly chaos: ChaosController,
    private readonly clock: WorldClock,
    tls: { cert: string; key: string },
  ) {
    this.server = https.createServer(
      { cert: tls.cert, key: tls.key },
      (req, res) => {
        this.handle(req, res).catch(e => this.fail(res, e));
      },
    );
  }

  async start(port: number): Promise<number> {
    this.boundPort = await listen(this.server, port);
    return this.boundPort;
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  private fail(res: ServerResponse, e: unknown) {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (e instanceof K8sError) sendJson(res, e.status, e.body);
    else if (e instanceof SelectorParseError)
      sendJson(
        res,
        400,
        k8sStatus(
          400,
          'BadRequest',
          `unable to parse requirement: ${e.message}`,
        ),
      );
    else if (e instanceof BodyTooLargeError)
      sendJson(res, 413, k8sStatus(413, 'BadRequest', e.message));
    else
      sendJson(
        res,
        500,
        k8sStatus(
          500,
          'InternalError',
          `Internal error occurred: ${(e as Error)?.message ?? e}`,
        ),
      );
  }

  private get cluster() {
    return this.world.cluster(this.clusterName)!;
  }

  private revision(): string {
    return String(this.cluster.revision);
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = parseUrl(req);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (!/^Bearer\s+\S+/i.test(req.headers.authorization ?? '')) {
      throw K8sError.of(401, 'Unauthorized', 'Unauthorized');
    }
    if (method === 'GET') {
      const doc = this.discovery(path, req);
      if (doc) {
        if (Buffer.isBuffer(doc.body)) {
          res.writeHead(200, {
            'content-type': doc.contentType ?? 'application/json',
            'content-length': doc.body.length,
          });
          res.end(doc.body);
        } else sendJson(res, 200, doc.body);
        return;
      }
    }
    const m = path.match(RESOURCE_PATH);
    if (!m)
      throw K8sError.of(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    const route: Route = {
      group: m[1] ? '' : m[2],
      version: m[1] ?? m[3],
      namespace: m[4],
      plural: m[5],
      name: m[6] ? decodeURIComponent(m[6]) : undefined,
      sub: m[7],
    };
    const served = SERVED[`${route.group}/${route.version}`];
    const empty = findEmptyKind(route.group, route.version, route.plural);
    if (empty) {
      this.emptyKind(route, empty.kind, method, url, res);
      return;
    }
    if (
      !served?.includes(route.plural) ||
      (route.sub && route.sub !== 'status')
    ) {
      throw K8sError.of(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    if (route.plural === 'namespaces' && route.namespace) {
      throw K8sError.of(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    if (route.plural !== 'namespaces' && route.name && !route.namespace) {
      throw K8sError.of(
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    }
    await this.resource(route, method, url, req, res);
  }

  private discovery(
    path: string,
    req: IncomingMessage,
  ): { body: unknown; contentType?: string } | undefined {
    switch (path) {
      case '/version':
        return { body: k8sVersionInfo() };
      case '/api':
        return { body: k8sApiVersions(`127.0.0.1:${this.boundPort}`) };
      case '/apis':
        return { body: groupList() };
      case '/healthz':
      case '/livez':
      case '/readyz':
        return { body: Buffer.from('ok'), contentType: 'text/plain' };
      case '/openapi/v2': {
        const doc = openApiV2(req.headers.accept);
        return { body: doc.body, contentType: doc.contentType };
      }
      default: {
        const m = path.match(/^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))$/);
        const list = m ? resourceList(m[1] ?? m[2]) : undefined;
        return list ? { body: list } : undefined;
      }
    }
  }

  private async resource(
    route: Route,
    method: string,
    url: URL,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    const q = url.searchParams;
    const isCollection = !route.name;
    const wantsTable = /as=Table/.test(req.headers.accept ?? '');
    const chaosKind = chaosKindByPlural(route.plural);

    if (isCollection && method === 'GET') {
      const labels = parseLabelSelector(q.get('labelSelector'));
      const fields = parseFieldSelector(q.get('fieldSelector'), FIELDS);
      const matches = (o: Obj) =>
        (!route.namespace || o.metadata.namespace === route.namespace) &&
        labels(o.metadata.labels ?? {}) &&
        fields({
          'metadata.name': o.metadata.name,
          'metadata.namespace': o.metadata.namespace,
          'status.phase': o.status?.phase,
          'spec.nodeName': o.spec?.nodeName,
        });
      const items = this.listAll(route.plural).filter(matches);
      if (q.get('watch') === 'true' || q.get('watch') === '1') {
        this.watch(route.plural, matches, items, q, res);
        return;
      }
      if (wantsTable) {
        sendJson(
          res,
          200,
          toTable(route.plural, items, this.clock.now(), this.revision()),
        );
        return;
      }
      const kind =
        chaosKind?.kind ??
        {
          pods: 'Pod',
          deployments: 'Deployment',
          replicasets: 'ReplicaSet',
          namespaces: 'Namespace',
        }[route.plural]!;
      const apiVersion = route.group
        ? `${route.group}/${route.version}`
        : route.version;
      // Typed lists omit kind/apiVersion on items; custom resource lists keep them.
      const listed = chaosKind
        ? items
        : items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
      sendJson(res, 200, k8sList(kind, apiVersion, listed, this.revision()));
      return;
    }

    if (isCollection && method === 'POST' && chaosKind && route.namespace) {
      const body = await this.jsonBody(req);
      const created = this.chaos.create(
        this.clusterName,
        route.plural,
        route.namespace,
        body,
        q.has('dryRun'),
      );
      sendJson(res, 201, created);
      return;
    }
    if (isCollection)
      throw K8sError.of(
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource`,
      );

    const name = route.name!;
    const current = () => this.getOne(route.plural, route.namespace, name);
    switch (method) {
      case 'GET': {
        const obj = current();
        sendJson(
          res,
          200,
          wantsTable
            ? toTable(route.plural, [obj], this.clock.now(), this.revision())
            : obj,
        );
        return;
      }
      case 'DELETE': {
        if (chaosKind) {
          sendJson(
            res,
            200,
            this.chaos.delete(
              this.clusterName,
              route.plural,
              route.namespace!,
              name,
            ),
          );
          return;
        }
        if (route.plural === 'pods') {
          const obj = current();
          const pod = [...this.cluster.pods.values()].find(
            p => p.namespace === route.namespace && p.name === name,
          )!;
          this.world.killPods([pod]);
          this.world.log.add(
            'k8s.pod-deleted',
            `${this.clusterName}/${route.namespace}/${name} deleted through the API`,
            {
              cluster: this.clusterName,
              pod: name,
            },
          );
          sendJson(res, 200, obj);
          return;
        }
        throw K8sError.of(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
      }
      case 'PATCH':
      case 'PUT': {
        if (route.sub)
          throw K8sError.of(
            405,
            'MethodNotAllowed',
            'the sandbox does not let clients write status',
          );
        const obj = current();
        const body = await this.jsonBody(req);
        const next =
          method === 'PUT'
            ? body
            : this.patched(obj, body, req.headers['content-type']);
        if (chaosKind) {
          sendJson(
            res,
            200,
            this.chaos.update(
              this.clusterName,
              route.plural,
              route.namespace!,
              name,
              next as Obj,
            ),
          );
          return;
        }
        if (route.plural === 'deployments') {
          sendJson(
            res,
            200,
            this.updateDeployment(route.namespace!, name, next as Obj),
          );
          return;
        }
        throw K8sError.of(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
      }
      default:
        throw K8sError.of(
          405,
          'MethodNotAllowed',
          'the server does not allow this method on the requested resource',
        );
    }
  }

  /** Lists are empty, watches stay open with nothing to say, names are not found. */
  private emptyKind(
    route: Route,
    kind: string,
    method: string,
    url: URL,
    res: ServerResponse,
  ) {
    if (method !== 'GET' || route.sub) {
      throw K8sError.of(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    }
    if (route.name) {
      throw new K8sError(
        404,
        k8sNotFound(route.plural, route.name, route.group),
      );
    }
    const watch = url.searchParams.get('watch');
    if (watch === 'true' || watch === '1') {
      this.watch(route.plural, () => false, [], url.searchParams, res);
      return;
    }
    const apiVersion = route.group
      ? `${route.group}/${route.version}`
      : route.version;
    sendJson(res, 200, k8sList(kind, apiVersion, [], this.revision()));
  }

  private listAll(plural: string): Obj[] {
    const c = this.cluster;
    switch (plural) {
      case 'namespaces':
        return [...c.namespaces.values()].map(namespaceJson);
      case 'pods':
        return [...c.pods.values()]
          .sort((a, b) =>
            `${a.namespace}/${a.name}`.localeCompare(
              `${b.namespace}/${b.name}`,
            ),
          )
          .map(p => podJson(this.world, p));
      case 'deployments':
        return [...c.deployments.values()]
          .sort((a, b) =>
            `${a.namespace}/${a.name}`.localeCompare(
              `${b.namespace}/${b.name}`,
            ),
          )
          .map(d => deploymentJson(this.world, d));
      case 'replicasets':
        return [...c.deployments.values()]
          .sort((a, b) =>
            `${a.namespace}/${a.name}`.localeCompare(
              `${b.namespace}/${b.name}`,
            ),
          )
          .map(d => replicaSetJson(this.world, d));
      default:
        return this.chaos.list(this.clusterName, plural);
    }
  }

  private getOne(
    plural: string,
    namespace: string | undefined,
    name: string,
  ): Obj {
    if (chaosKindByPlural(plural))
      return this.chaos.get(this.clusterName, plural, namespace!, name);
    const found = this.listAll(plural).find(
      o =>
        o.metadata.name === name &&
        (plural === 'namespaces' || o.metadata.namespace === namespace),
    );
    if (!found) {
      const group =
        plural === 'deployments' || plural === 'replicasets' ? 'apps' : '';
      throw new K8sError(404, k8sNotFound(plural, name, group));
    }
    return found;
  }

  private patched(
    obj: Obj,
    patch: unknown,
    contentType: string | undefined,
  ): unknown {
    const type = (contentType ?? '').split(';')[0].trim();
    if (
      type === 'application/merge-patch+json' ||
      type === 'application/strategic-merge-patch+json'
    ) {
      return mergePatch(obj, patch);
    }
    throw K8sError.of(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/strategic-merge-patch+json`,
    );
  }

  private updateDeployment(namespace: string, name: string, next: Obj): Obj {
    const d = this.cluster.deployments.get(`${namespace}/${name}`)!;
    const replicas = next.spec?.replicas;
    if (
      replicas !== undefined &&
      (!Number.isInteger(replicas) || replicas < 0)
    ) {
      throw K8sError.invalid('Deployment', 'apps', name, [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: ${JSON.stringify(
            replicas,
          )}: must be greater than or equal to 0`,
          field: 'spec.replicas',
        },
      ]);
    }
    if (next.metadata?.labels) d.labels = next.metadata.labels;
    if (replicas !== undefined && replicas !== d.replicas)
      this.world.scaleDeployment(d, replicas);
    return deploymentJson(this.world, d);
  }

  private async jsonBody(req: IncomingMessage): Promise<unknown> {
    const text = await readBody(req);
    try {
      return JSON.parse(text);
    } catch (e) {
      throw K8sError.of(
        400,
        'BadRequest',
        `the body of the request was in an unknown format - accepted media types include: application/json: ${
          (e as Error).message
        }`,
      );
    }
  }

  /**
   * A watch stream: one JSON event per line. Without a resourceVersion (or with "0") it starts
   * with ADDED for every current object, as the API server does; `timeoutSeconds` ends it.
   */
  private watch(
    plural: string,
    matches: (o: Obj) => boolean,
    initial: Obj[],
    q: URLSearchParams,
    res: ServerResponse,
  ) {
    res.writeHead(200, {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
      'cache-control': 'no-cache',
    });
    const write = (type: 'ADDED' | 'MODIFIED' | 'DELETED', object: Obj) => {
      if (!res.writableEnded)
        res.write(`${JSON.stringify(k8sWatchEvent(type, object))}\n`);
    };
    const rv = q.get('resourceVersion');
    if (!rv || rv === '0') initial.forEach(o => write('ADDED', o));
    const since = rv && rv !== '0' ? Number(rv) : 0;
    const forward = (
      cluster: string,
      type: 'ADDED' | 'MODIFIED' | 'DELETED',
      object: Obj,
    ) => {
      if (cluster !== this.clusterName || !matches(object)) return;
      if (Number(object.metadata.resourceVersion) <= since) return;
      write(type, object);
    };
    let unsubscribe: () => void = () => undefined;
    if (plural === 'pods') {
      unsubscribe = this.world.onPodChange(c =>
        forward(c.cluster, c.type, podJson(this.world, c.object)),
      );
    } else if (plural === 'deployments') {
      unsubscribe = this.world.onDeploymentChange(c =>
        forward(c.cluster, c.type, deploymentJson(this.world, c.object)),
      );
    } else if (plural === 'replicasets') {
      // A ReplicaSet changes with its Deployment (spec) and its pods (status); the Deployment
      // is touched whenever its pods are, so following Deployments sees every change.
      unsubscribe = this.world.onDeploymentChange(c =>
        forward(c.cluster, c.type, replicaSetJson(this.world, c.object)),
      );
    } else if (plural !== 'namespaces') {
      unsubscribe = this.chaos.onChange(c => {
        if (c.object.kind === chaosKindByPlural(plural)?.kind)
          forward(c.cluster, c.type, structuredClone(c.object));
      });
    }
    const timeout = Number(q.get('timeoutSeconds') ?? 0);
    const timer =
      timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
    res.on('close', () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    });
  }
}
