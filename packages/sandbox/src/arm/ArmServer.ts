import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  BodyTooLargeError,
  closeServer,
  listen,
  parseUrl,
  readBody,
  sendJson,
} from '../http/serverUtils';
import {
  armEndpoint,
  armErrors,
  armProfile,
  armProfileList,
  ArmProfileInput,
  TRAFFIC_MANAGER_API_VERSION,
  TRAFFIC_MANAGER_PROFILE_TYPE,
} from '../payloads/arm';
import type {
  EndpointKind,
  TmProfile,
  TrafficManager,
} from '../trafficmanager';
import { profileMonitorStatus } from '../trafficmanager';
import type { EventLog } from '../world';
import { ArmError } from './ArmError';
import {
  applyProfilePatch,
  newEndpoint,
  validateEndpointPatch,
} from './applyPatch';

const PROVIDER =
  '/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Network/trafficmanagerprofiles';
const ROUTES = {
  bySubscription:
    /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.Network\/trafficmanagerprofiles\/?$/i,
  byResourceGroup: new RegExp(`^${PROVIDER}/?$`, 'i'),
  profile: new RegExp(`^${PROVIDER}/([^/]+)/?$`, 'i'),
  endpoint: new RegExp(
    `^${PROVIDER}/([^/]+)/(AzureEndpoints|ExternalEndpoints|NestedEndpoints)/([^/]+)/?$`,
    'i',
  ),
};

/** The profile as the ARM payload builder wants it, with the computed monitor status. */
export function toArmInput(profile: TmProfile): ArmProfileInput {
  return {
    ...profile,
    profileMonitorStatus: profileMonitorStatus(profile),
    endpoints: profile.endpoints,
  };
}

/**
 * Azure Resource Manager for Microsoft.Network/trafficManagerProfiles on loopback HTTPS
 * (the Azure SDK refuses bearer tokens over plain HTTP). Any bearer token is accepted;
 * the Authorization header itself is required, as in Azure.
 */
export class ArmServer {
  private readonly server: https.Server;

  constructor(
    private readonly tm: TrafficManager,
    private readonly log: EventLog,
    tls: { cert: string; key: string },
  ) {
    this.server = https.createServer(
      { cert: tls.cert, key: tls.key },
      (req, res) => {
        this.handle(req, res).catch(e => this.fail(res, e));
      },
    );
  }

  start(port: number): Promise<number> {
    return listen(this.server, port);
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  private fail(res: ServerResponse, e: unknown) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (e instanceof ArmError) {
      this.send(res, e.status, e.body);
    } else if (e instanceof BodyTooLargeError) {
      this.send(res, 413, {
        error: { code: 'RequestEntityTooLarge', message: e.message },
      });
    } else {
      this.send(res, 500, {
        error: {
          code: 'InternalServerError',
          message: String((e as Error)?.message ?? e),
        },
      });
    }
  }

  private send(res: ServerResponse, status: number, body: unknown) {
    const id = randomUUID();
    sendJson(res, status, body, {
      'x-ms-request-id': id,
      'x-ms-correlation-request-id': id,
      'cache-control': 'no-cache',
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = parseUrl(req);
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? 'GET';
    if (!/^Bearer\s+\S+/i.test(req.headers.authorization ?? ''))
      throw ArmError.from(armErrors.unauthenticated());
    const version = url.searchParams.get('api-version');
    if (!version) throw ArmError.from(armErrors.missingApiVersion());
    if (version !== TRAFFIC_MANAGER_API_VERSION)
      throw ArmError.from(armErrors.unsupportedApiVersion(version));
    const body =
      method === 'PATCH' || method === 'PUT' ? await this.json(req) : undefined;

    const bySubscription = path.match(ROUTES.bySubscription);
    const byResourceGroup = path.match(ROUTES.byResourceGroup);
    const profileRoute = path.match(ROUTES.profile);
    const endpointRoute = path.match(ROUTES.endpoint);
    if (bySubscription) {
      this.only(method, ['GET']);
      this.send(
        res,
        200,
        armProfileList(this.subscription(bySubscription[1]).map(toArmInput)),
      );
    } else if (byResourceGroup) {
      this.only(method, ['GET']);
      this.send(
        res,
        200,
        armProfileList(
          this.resourceGroup(byResourceGroup[1], byResourceGroup[2]).map(
            toArmInput,
          ),
        ),
      );
    } else if (profileRoute) {
      const m = profileRoute;
      this.only(method, ['GET', 'PATCH', 'PUT']);
      const profile = this.profile(m[1], m[2], m[3], method === 'PUT');
      if (method !== 'GET') {
        const changes = applyProfilePatch(profile, body);
        this.log.add(
          'arm.profile-updated',
          `${profile.name} updated: ${changes.join('; ') || 'no changes'}`,
          {
            profile: profile.name,
            changes,
          },
        );
        this.tm.reconcile(profile, `profile update (${changes.join('; ')})`);
      }
      this.send(res, 200, armProfile(toArmInput(profile)));
    } else if (endpointRoute) {
      this.only(method, ['GET', 'PATCH', 'PUT', 'DELETE']);
      await this.endpoint(res, method, endpointRoute, body);
    } else {
      throw ArmError.from(armErrors.noRoute(path));
    }
  }

  private async endpoint(
    res: ServerResponse,
    method: string,
    m: RegExpMatchArray,
    body: unknown,
  ) {
    const profile = this.profile(m[1], m[2], m[3]);
    const kind = (m[4].charAt(0).toLowerCase() + m[4].slice(1)) as EndpointKind;
    const name = m[5];
    const existing = profile.endpoints.find(
      e =>
        e.name.toLowerCase() === name.toLowerCase() &&
        e.kind.toLowerCase() === kind.toLowerCase(),
    );
    const input = toArmInput(profile);
    if (method === 'DELETE') {
      if (!existing) {
        res.writeHead(204).end();
        return;
      }
      this.tm.forget(profile, existing, `endpoint ${existing.name} deleted`);
      this.log.add(
        'arm.endpoint-deleted',
        `${profile.name}/${existing.name} deleted`,
        { profile: profile.name, endpoint: existing.name },
      );
      this.send(res, 200, {});
      return;
    }
    if (!existing && method !== 'PUT') {
      throw ArmError.from(
        armErrors.notFound(
          `Endpoint '${name}' of type '${kind}' was not found in Traffic Manager profile '${profile.name}'.`,
        ),
      );
    }
    if (method === 'GET') {
      this.send(res, 200, armEndpoint(input, existing!));
      return;
    }
    if (existing) {
      const changes = validateEndpointPatch(existing, body, existing.kind)();
      this.log.add(
        'arm.endpoint-updated',
        `${profile.name}/${existing.name} updated: ${
          changes.join('; ') || 'no changes'
        }`,
        {
          profile: profile.name,
          endpoint: existing.name,
          changes,
        },
      );
      this.tm.reconcile(
        profile,
        `endpoint ${existing.name} update (${changes.join('; ')})`,
      );
      this.send(res, 200, armEndpoint(toArmInput(profile), existing));
      return;
    }
    const created = newEndpoint(profile, name, kind, body);
    profile.endpoints.push(created);
    this.log.add(
      'arm.endpoint-created',
      `${profile.name}/${created.name} created (target ${
        created.target ?? created.targetResourceId
      })`,
      {
        profile: profile.name,
        endpoint: created.name,
      },
    );
    this.tm.reconcile(profile, `endpoint ${created.name} created`);
    this.send(res, 201, armEndpoint(toArmInput(profile), created));
  }

  private only(method: string, allowed: string[]) {
    if (!allowed.includes(method))
      throw ArmError.from(armErrors.methodNotAllowed(method));
  }

  private async json(req: IncomingMessage): Promise<unknown> {
    const text = await readBody(req);
    try {
      return JSON.parse(text);
    } catch (e) {
      throw ArmError.from(armErrors.invalidJson((e as Error).message));
    }
  }

  private subscription(subscriptionId: string): TmProfile[] {
    if (subscriptionId.toLowerCase() !== this.subscriptionId().toLowerCase()) {
      throw ArmError.from(armErrors.subscriptionNotFound(subscriptionId));
    }
    return this.tm.list(subscriptionId);
  }

  private resourceGroup(
    subscriptionId: string,
    resourceGroup: string,
  ): TmProfile[] {
    const all = this.subscription(subscriptionId);
    if (
      !all.some(
        p => p.resourceGroup.toLowerCase() === resourceGroup.toLowerCase(),
      )
    ) {
      throw ArmError.from(armErrors.resourceGroupNotFound(resourceGroup));
    }
    return this.tm.list(subscriptionId, resourceGroup);
  }

  private profile(
    subscriptionId: string,
    resourceGroup: string,
    name: string,
    creating = false,
  ): TmProfile {
    this.resourceGroup(subscriptionId, resourceGroup);
    const profile = this.tm.find(subscriptionId, resourceGroup, name);
    if (!profile) {
      if (creating) {
        throw ArmError.from(
          armErrors.badRequest(
            `The sandbox does not create Traffic Manager profiles; declare '${name}' in the topology file.`,
          ),
        );
      }
      throw ArmError.from(
        armErrors.resourceNotFound(
          TRAFFIC_MANAGER_PROFILE_TYPE,
          name,
          resourceGroup,
        ),
      );
    }
    return profile;
  }

  private subscriptionId(): string {
    return this.tm.subscriptionId;
  }
}
