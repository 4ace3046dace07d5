import { InputError } from '@backstage/errors';
import express from 'express';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `POST /services/:serviceId` reads its entity from the body, and the plugin
 * answers a missing or malformed one with a hand-built 500 (it reads
 * `entity.metadata` of nothing). Bad input is a 400 that names the field.
 */
export function serviceEntityCheck(): express.RequestHandler[] {
  return [
    express.json(),
    (req, _res, next) => {
      const entity = isRecord(req.body) ? req.body.entity : undefined;
      if (
        !isRecord(entity) ||
        typeof entity.kind !== 'string' ||
        !isRecord(entity.metadata) ||
        typeof entity.metadata.name !== 'string'
      ) {
        throw new InputError(
          'entity: expected the catalog entity whose workloads to show, { kind, metadata: { name, namespace } }',
        );
      }
      next();
    },
  ];
}
