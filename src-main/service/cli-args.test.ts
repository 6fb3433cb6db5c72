import { describe, expect, it } from 'vitest';
import { parseServiceArgs } from './cli-args';

describe('parseServiceArgs', () => {
  it('reads the documented options', () => {
    expect(parseServiceArgs(['--port', '8081', '--data', './d', '--demo'])).toEqual({
      port: 8081,
      host: '127.0.0.1',
      dataDir: './d',
      databaseUrl: null,
      demo: true,
      smsWebhook: null,
      trustProxy: null,
      logLevel: 'info',
      replaceLostKeys: false,
      smtpUrl: null,
      publicUrl: null,
    });
    expect(parseServiceArgs(['--database', 'postgres://u:p@h/db', '--sms-webhook', 'https://gw.example/send'])).toMatchObject({
      dataDir: null,
      databaseUrl: 'postgres://u:p@h/db',
      smsWebhook: 'https://gw.example/send',
    });
  });

  it('reads the options of a service behind a reverse proxy', () => {
    expect(parseServiceArgs(['--database', 'postgres://h/db', '--trust-proxy', '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback', '--log-level', 'warn', '--replace-lost-keys'])).toMatchObject({
      trustProxy: '127.0.0.1,10.0.0.0/8,::1,fd00::/8,loopback',
      logLevel: 'warn',
      replaceLostKeys: true,
    });
  });

  it('reads the mail options', () => {
    expect(parseServiceArgs(['--data', 'd', '--smtp-url', 'smtp://m@mail.acme.com:587', '--public-url', 'https://mfa.acme.com'])).toMatchObject({
      smtpUrl: 'smtp://m@mail.acme.com:587',
      publicUrl: 'https://mfa.acme.com',
    });
    expect(() => parseServiceArgs(['--data', 'd', '--public-url', 'https://mfa.acme.com/path'])).toThrow(/no path/);
    expect(() => parseServiceArgs(['--data', 'd', '--smtp-url'])).toThrow(/--smtp-url needs a value/);
  });

  it('refuses what it cannot use, in plain words', () => {
    for (const proxy of ['*', 'true', '10.0.0.0/33', '10.0.0.1/8/2', 'proxy.example', '10.0.0.1,']) {
      expect(() => parseServiceArgs(['--data', 'd', '--trust-proxy', proxy]), proxy).toThrow(/--trust-proxy needs the addresses of your reverse proxies/);
    }
    expect(() => parseServiceArgs(['--data', 'd', '--log-level', 'loud'])).toThrow(/--log-level is one of trace, debug, info/);
    expect(() => parseServiceArgs(['--port', '0'])).toThrow(/--data DIR for a database file, or --database/);
    expect(() => parseServiceArgs(['--port', '70000', '--data', 'd'])).toThrow(/0 to 65535/);
    expect(() => parseServiceArgs(['--data'])).toThrow(/--data needs a value/);
    expect(() => parseServiceArgs(['--data', 'd', '--sms-webhook', 'ftp://x'])).toThrow(/http/);
    expect(() => parseServiceArgs(['--data', 'd', '--verbose'])).toThrow(/Unknown option "--verbose"/);
  });
});
