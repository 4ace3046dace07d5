import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export type SandboxTls = {
  /** PEM of the sandbox's own certificate authority (trust this: .sandbox/ca.pem). */
  caCert: string;
  /** PEM of the loopback server certificate (SAN IP:127.0.0.1, DNS:localhost), signed by the CA. */
  cert: string;
  key: string;
};

/**
 * A fresh CA and a loopback server certificate for every start. A real CA (rather than one
 * self-signed leaf) is what kubectl and @kubernetes/client-node verify against
 * certificate-authority-data, and what the Azure SDK trusts through `tlsSettings.ca`.
 * Keys come from Node's crypto (fast, native); node-forge only assembles the X.509.
 */
export function createSandboxTls(now = new Date()): SandboxTls {
  const caKeys = rsaKeys();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = caKeys.publicKey;
  caCert.serialNumber = serial();
  caCert.validity.notBefore = new Date(now.getTime() - 3600 * 1000);
  caCert.validity.notAfter = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
  const caName = [
    { name: 'commonName', value: 'nt-infra sandbox CA' },
    { name: 'organizationName', value: 'nt-infra sandbox' },
  ];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(caKeys.privateKey, forge.md.sha256.create());

  const keys = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = caCert.validity.notBefore;
  cert.validity.notAfter = new Date(now.getTime() + 30 * 24 * 3600 * 1000);
  cert.setSubject([{ name: 'commonName', value: '127.0.0.1' }]);
  cert.setIssuer(caName);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  cert.sign(caKeys.privateKey, forge.md.sha256.create());

  return {
    caCert: forge.pki.certificateToPem(caCert),
    cert: forge.pki.certificateToPem(cert),
    key: forge.pki.privateKeyToPem(keys.privateKey),
  };
}

function rsaKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    privateKey: forge.pki.privateKeyFromPem(privateKey),
  };
}

/** A positive 128-bit serial (Go rejects negative serials, so the top bit stays clear). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  bytes[0] |= 0x01;
  return bytes.toString('hex');
}
