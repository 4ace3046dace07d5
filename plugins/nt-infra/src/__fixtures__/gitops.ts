import { ChangePreview, ChangeRequest } from '@internal/plugin-nt-infra-common';

import { secondsBeforeNow } from './regions';

export const ttlDiff = [
  'diff --git a/terraform/environments/staging.tfvars b/terraform/environments/staging.tfvars',
  '--- a/terraform/environments/staging.tfvars',
  '+++ b/terraform/environments/staging.tfvars',
  '@@ -3,3 +3,3 @@',
  ' environment = "staging"',
  '-dns_ttl_seconds = 60',
  '+dns_ttl_seconds = 30',
  '',
].join('\n');

export const ttlPreview: ChangePreview = {
  kind: 'traffic-manager',
  title: 'staging: Traffic Manager DNS TTL 60 → 30 s',
  summary: ['DNS TTL 60 → 30 s'],
  files: ['terraform/environments/staging.tfvars'],
  diff: ttlDiff,
  checks: [{ name: 'validateTerraform', status: 'passed', problems: [] }],
  ok: true,
};

export const openChange: ChangeRequest = {
  id: '55555555-5555-4555-8555-555555555555',
  kind: 'traffic-manager',
  title: ttlPreview.title,
  state: 'open',
  provider: 'local',
  requestedBy: 'user:default/alice',
  branch: 'nt-infra/ttl-30',
  params: { environment: 'staging', dnsTtlSeconds: 30 },
  reason: 'faster failover for clients',
  diff: ttlDiff,
  checks: ttlPreview.checks,
  runId: '22222222-2222-4222-8222-222222222222',
  createdAt: secondsBeforeNow(600),
  updatedAt: secondsBeforeNow(600),
  transitions: [
    {
      to: 'open',
      actor: 'user:default/alice',
      reason: 'faster failover for clients',
      at: secondsBeforeNow(600),
    },
  ],
};
