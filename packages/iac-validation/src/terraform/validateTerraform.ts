import fs from 'fs';
import path from 'path';
import { listFiles, relativeTo } from '../util/files';
import { Problem } from '../types';
import { findReferences, parseHcl } from './hcl';
import { loadModule, TerraformModule } from './module';

/** Provider pins the platform requires: local name -> [source, version constraint pattern]. */
const PROVIDER_PINS: Record<string, { source: string; version: RegExp }> = {
  azurerm: { source: 'hashicorp/azurerm', version: /^~>\s*4\.\d+(\.\d+)?$/ },
};

/** Settings the azurerm backend accepts in a partial configuration file. */
const AZURERM_BACKEND_KEYS = new Set([
  'resource_group_name',
  'storage_account_name',
  'container_name',
  'key',
  'use_azuread_auth',
  'use_oidc',
  'use_msi',
  'subscription_id',
  'tenant_id',
  'client_id',
  'environment',
  'snapshot',
  'lookup_blob_endpoint',
]);

const SECRET_NAME =
  /(password|secret|token|access_key|client_key|connection_string|sas)/i;

function moduleDirs(terraformRoot: string): string[] {
  const dirs = new Set(
    listFiles(terraformRoot, n => n.endsWith('.tf')).map(f => path.dirname(f)),
  );
  return [...dirs].sort();
}

async function checkReferences(
  mod: TerraformModule,
  modules: Map<string, TerraformModule>,
  problems: Problem[],
) {
  for (const expr of mod.expressions) {
    let refs;
    try {
      refs = await findReferences(expr.file, expr.text);
    } catch (e) {
      problems.push({
        file: expr.file,
        message: `${expr.where}: expression does not parse: ${
          (e as Error).message
        }`,
      });
      continue;
    }
    for (const ref of refs) {
      const at = `${expr.where}: ${ref.kind}.${ref.name}`;
      if (ref.kind === 'var' && !mod.variables.has(ref.name)) {
        problems.push({
          file: expr.file,
          message: `${at} refers to an undeclared variable`,
        });
      } else if (ref.kind === 'local' && !mod.locals.has(ref.name)) {
        problems.push({
          file: expr.file,
          message: `${at} refers to an undefined local value`,
        });
      } else if (ref.kind === 'module') {
        const call = mod.moduleCalls.get(ref.name);
        if (!call) {
          problems.push({
            file: expr.file,
            message: `${at} refers to an undeclared module call`,
          });
          continue;
        }
        const child = modules.get(path.resolve(mod.dir, call.source));
        if (child && ref.attribute && !child.outputs.has(ref.attribute)) {
          problems.push({
            file: expr.file,
            message: `${at}.${ref.attribute}: module ${child.relDir} has no output "${ref.attribute}"`,
          });
        }
      }
    }
  }
}

function checkModuleCalls(
  mod: TerraformModule,
  modules: Map<string, TerraformModule>,
  problems: Problem[],
) {
  for (const [name, call] of mod.moduleCalls) {
    const where = `module "${name}"`;
    if (!call.source.startsWith('./') && !call.source.startsWith('../')) {
      problems.push({
        file: call.file,
        message: `${where}: source "${call.source}" is not a local path; registry modules must be vendored under terraform/modules`,
      });
      continue;
    }
    const child = modules.get(path.resolve(mod.dir, call.source));
    if (!child) {
      problems.push({
        file: call.file,
        message: `${where}: source "${call.source}" is not a directory with .tf files`,
      });
      continue;
    }
    for (const input of call.inputs) {
      if (!child.variables.has(input)) {
        problems.push({
          file: call.file,
          message: `${where}: input "${input}" is not a variable of ${child.relDir}`,
        });
      }
    }
    for (const [variable, decl] of child.variables) {
      if (decl.required && !call.inputs.includes(variable)) {
        problems.push({
          file: call.file,
          message: `${where}: required input "${variable}" of ${child.relDir} is not set`,
        });
      }
    }
  }
}

function checkDeclarations(mod: TerraformModule, problems: Problem[]) {
  for (const [name, v] of mod.variables) {
    if (!v.hasType)
      problems.push({
        file: v.file,
        message: `variable "${name}" has no type`,
      });
    if (!v.hasDescription)
      problems.push({
        file: v.file,
        message: `variable "${name}" has no description`,
      });
    if (SECRET_NAME.test(name) && (!v.sensitive || !v.required)) {
      problems.push({
        file: v.file,
        message: `variable "${name}" looks secret: it must be sensitive and have no default`,
      });
    }
  }
  for (const [name, o] of mod.outputs) {
    if (!o.hasDescription)
      problems.push({
        file: o.file,
        message: `output "${name}" has no description`,
      });
  }
}

function checkProviders(mod: TerraformModule, problems: Problem[]) {
  const file = `${mod.relDir}/versions.tf`;
  if (!mod.requiredVersion) {
    problems.push({ file, message: 'terraform.required_version is not set' });
  }
  for (const provider of mod.usedProviders) {
    const declared = mod.requiredProviders.get(provider);
    if (!declared?.version) {
      problems.push({
        file,
        message: `provider "${provider}" is used but not pinned in required_providers`,
      });
      continue;
    }
    const pin = PROVIDER_PINS[provider];
    if (
      pin &&
      (declared.source !== pin.source || !pin.version.test(declared.version))
    ) {
      problems.push({
        file,
        message: `provider "${provider}" must be ${pin.source} pinned with ${pin.version} (got ${declared.source} ${declared.version})`,
      });
    }
  }
}

async function checkRootInputs(
  repoRoot: string,
  mod: TerraformModule,
  problems: Problem[],
) {
  const tfvars = fs
    .readdirSync(mod.dir)
    .filter(f => f.endsWith('.tfvars'))
    .sort();
  for (const name of tfvars) {
    const rel = relativeTo(repoRoot, path.join(mod.dir, name));
    let body;
    try {
      body = await parseHcl(
        rel,
        fs.readFileSync(path.join(mod.dir, name), 'utf8'),
      );
    } catch (e) {
      problems.push({
        file: rel,
        message: `HCL parse error: ${(e as Error).message}`,
      });
      continue;
    }
    for (const key of Object.keys(body)) {
      if (!mod.variables.has(key)) {
        problems.push({
          file: rel,
          message: `"${key}" is not a variable of ${mod.relDir}`,
        });
      }
      if (SECRET_NAME.test(key)) {
        problems.push({
          file: rel,
          message: `"${key}" looks like a secret; pass it through the environment (TF_VAR_${key})`,
        });
      }
    }
    for (const [variable, decl] of mod.variables) {
      if (decl.required && !(variable in body)) {
        problems.push({
          file: rel,
          message: `required variable "${variable}" is not set`,
        });
      }
    }
  }
  if (!mod.backend) {
    return;
  }
  if (mod.backend.attributes.length > 0) {
    problems.push({
      file: `${mod.relDir}/versions.tf`,
      message: `backend "${mod.backend.type}" must be a partial configuration (empty block); move settings to backend/*.tfbackend`,
    });
  }
  const backendFiles = listFiles(path.join(mod.dir, 'backend'), n =>
    n.endsWith('.tfbackend'),
  );
  if (backendFiles.length === 0) {
    problems.push({
      file: mod.relDir,
      message:
        'backend is partial but no backend/*.tfbackend file provides its settings',
    });
  }
  for (const file of backendFiles) {
    const rel = relativeTo(repoRoot, file);
    try {
      const body = await parseHcl(rel, fs.readFileSync(file, 'utf8'));
      for (const key of Object.keys(body)) {
        if (mod.backend.type === 'azurerm' && !AZURERM_BACKEND_KEYS.has(key)) {
          problems.push({
            file: rel,
            message: `"${key}" is not an azurerm backend setting`,
          });
        }
        if (/access_key|sas_token|client_secret/.test(key)) {
          problems.push({
            file: rel,
            message: `"${key}" is a credential and must not be committed`,
          });
        }
      }
    } catch (e) {
      problems.push({
        file: rel,
        message: `HCL parse error: ${(e as Error).message}`,
      });
    }
  }
}

/**
 * Static checks of every Terraform module under `<repoRoot>/terraform` without a terraform
 * binary: parsing, references, module wiring, provider pins, tfvars and backend files.
 */
export async function validateTerraform(repoRoot: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const terraformRoot = path.join(repoRoot, 'terraform');
  const modules = new Map<string, TerraformModule>();
  for (const dir of moduleDirs(terraformRoot)) {
    modules.set(path.resolve(dir), await loadModule(repoRoot, dir, problems));
  }
  if (modules.size === 0) {
    problems.push({ file: 'terraform', message: 'no Terraform modules found' });
  }
  for (const mod of modules.values()) {
    await checkReferences(mod, modules, problems);
    checkModuleCalls(mod, modules, problems);
    checkDeclarations(mod, problems);
    checkProviders(mod, problems);
    await checkRootInputs(repoRoot, mod, problems);
  }
  return problems;
}
