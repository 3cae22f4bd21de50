// A throw-away certificate authority made at start-up, and per-host leaf certificates issued on SNI,
// so HTTPS works for any simulated host. Clients trust `caCertPem` (never a real CA).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as tls from 'node:tls';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
type CryptoKeyPair = webcrypto.CryptoKeyPair;
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

function pem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der).toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export class LoopbackCa {
  private readonly contexts = new Map<string, Promise<tls.SecureContext>>();
  private serial = 2;

  private constructor(
    readonly certPem: string,
    private readonly keys: CryptoKeyPair,
    private readonly subject: string,
    private readonly notBefore: Date,
    private readonly notAfter: Date,
  ) {}

  /** `now` only sets the validity window; pass the wall clock here so real TLS clients accept it. */
  static async create(now: Date): Promise<LoopbackCa> {
    const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    const notBefore = new Date(now.getTime() - 2 * 86_400_000);
    const notAfter = new Date(now.getTime() + 365 * 86_400_000);
    const name = 'CN=simweb loopback CA,O=govinspect simweb';
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: '01', name, notBefore, notAfter, keys, signingAlgorithm: ALG,
      extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
    });
    return new LoopbackCa(cert.toString('pem'), keys, name, notBefore, notAfter);
  }

  context(host: string): Promise<tls.SecureContext> {
    let c = this.contexts.get(host);
    if (!c) {
      c = this.issue(host);
      this.contexts.set(host, c);
    }
    return c;
  }

  private async issue(host: string): Promise<tls.SecureContext> {
    const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: (this.serial++).toString(16).padStart(2, '0'), subject: `CN=${host}`, issuer: this.subject,
      notBefore: this.notBefore, notAfter: this.notAfter, publicKey: keys.publicKey, signingKey: this.keys.privateKey, signingAlgorithm: ALG,
      extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: host }])],
    });
    const key = pem(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
    return tls.createSecureContext({ key, cert: `${cert.toString('pem').trim()}\n${this.certPem.trim()}\n` });
  }
}
