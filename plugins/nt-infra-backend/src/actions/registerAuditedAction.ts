import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { AuditDecision } from '@internal/plugin-nt-infra-common';
import { AnyZodObject, z } from 'zod/v3';
import { AuditStore } from '../database/AuditStore';
import { Authorizer } from '../routes/authorizer';

/** What every action needs besides its own services. */
export interface ActionBaseDeps {
  registry: ActionsRegistryService;
  /** The same authorizer the routes use: policy, plus people-only permissions. */
  auth: Pick<Authorizer, 'allows' | 'actorOf' | 'environmentRefusal'>;
  audit: AuditStore;
}

/** What an action's body receives: the caller and its permission check. */
export interface ActionCall<TInput> {
  input: TInput;
  credentials: BackstageCredentials;
  /** The caller's entity ref, as the routes record it. */
  actor: string;
  /** Throws NotAllowedError (403) unless the policy allows `permission`. */
  /** Policy check; with an environment, a service principal must be allowed there too. */
  authorize(permission: BasicPermission, environment?: string): Promise<void>;
}

export type AuditedActionOptions<
  TInput extends AnyZodObject,
  TOutput extends AnyZodObject,
> = Omit<ActionsRegistryActionOptions<TInput, TOutput>, 'action'> & {
  action(call: ActionCall<z.infer<TInput>>): Promise<z.infer<TOutput>>;
};

/** Inputs are small JSON documents; anything larger is summarised, not stored. */
const MAX_AUDITED_INPUT_CHARS = 4096;

function auditedInput(input: unknown): Record<string, unknown> {
  const text = JSON.stringify(input) ?? '';
  return text.length <= MAX_AUDITED_INPUT_CHARS
    ? { input }
    : { inputChars: text.length };
}

/** Refusals (permission, policy, conflicting state) are denials; other failures are recorded. */
function decisionOf(error: unknown): AuditDecision {
  return error instanceof NotAllowedError || error instanceof ConflictError
    ? 'denied'
    : 'recorded';
}

function reasonOf(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : String(error);
}

/**
 * Registers an action whose every call, allowed or not, is one row of the
 * audit trail (target type `action`), on top of the rows the services write
 * themselves (a refused chaos start, a requested window). An agent's reads
 * are recorded too: what it looked at explains what it asked for next.
 */
export function registerAuditedAction<
  TInput extends AnyZodObject,
  TOutput extends AnyZodObject,
>(deps: ActionBaseDeps, options: AuditedActionOptions<TInput, TOutput>) {
  const { registry, auth, audit } = deps;
  const { action: body, ...rest } = options;
  registry.register<TInput, TOutput>({
    ...rest,
    action: async ({ input, credentials }) => {
      const actor = auth.actorOf(credentials);
      const record = (decision: AuditDecision, reason: string) =>
        audit.append({
          actor,
          action: 'action.invoke',
          targetType: 'action',
          targetId: `nt-infra:${options.name}`,
          decision,
          reason,
          details: auditedInput(input),
        });
      try {
        const output = await body({
          input,
          credentials,
          actor,
          authorize: async (permission, environment) => {
            if (!(await auth.allows(credentials, permission))) {
              throw new NotAllowedError(`Not allowed: ${permission.name}`);
            }
            if (
              environment !== undefined &&
              auth.environmentRefusal(credentials, environment)
            ) {
              throw new NotAllowedError(
                `Not allowed: ${permission.name} in ${environment}`,
              );
            }
          },
        });
        await record('allowed', `${options.title}: done`);
        return { output } as Awaited<
          ReturnType<ActionsRegistryActionOptions<TInput, TOutput>['action']>
        >;
      } catch (error) {
        await record(decisionOf(error), reasonOf(error));
        throw error;
      }
    },
  });
}
