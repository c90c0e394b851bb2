import { connect as connectTcp } from 'node:net';
import { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from './mail-catcher.ts';
import { createSmtpClient, type ConnectSocket } from './smtp-client.ts';

/**
 * The Worker's SMTP client against a real SMTP server (smtp-server), its `cloudflare:sockets`
 * socket stood in for by node:net as web streams: the same reads and writes workerd would see.
 */
const connectWithNode: ConnectSocket = ({ hostname, port }) => {
  const socket = connectTcp({ host: hostname, port });
  const { readable, writable } = Duplex.toWeb(socket) as unknown as {
    readable: ReadableStream<Uint8Array>;
    writable: WritableStream<Uint8Array>;
  };
  return { readable, writable, close: () => void socket.destroy() };
};

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher();
});
afterAll(() => catcher.close());

describe('createSmtpClient', () => {
  it('sends several messages on one connection, dot-stuffed, parsed back intact', async () => {
    const client = createSmtpClient({
      smtpUrl: catcher.url,
      from: 'Jumo <no-reply@jumo.test>',
      connect: connectWithNode,
    });
    const text = 'First line\n.starts with a dot\n..two dots\nlast';
    const outcomes = await Promise.all(
      ['one@example.org', 'two@example.org', 'three@example.org'].map((to) =>
        client.sendMail({ to, subject: `Hello ${to}`, text, html: '<p>.dot</p>', headers: { 'X-Test': 'yes' } }),
      ),
    );
    expect(outcomes).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    await catcher.waitFor(3);
    const message = catcher.messages().find((m) => m.to.includes('two@example.org'))!;
    expect(message.subject).toBe('Hello two@example.org');
    expect(message.text.trim()).toBe(text);
    expect(message.html).toBe('<p>.dot</p>');
    expect(message.headers['x-test']).toBe('yes');
    client.close();
  });

  it('reports a 5xx as a hard bounce and keeps going with the next message', async () => {
    catcher.refuseRecipient('gone@example.org', 550);
    const client = createSmtpClient({ smtpUrl: catcher.url, from: 'no-reply@jumo.test', connect: connectWithNode });
    const refused = await client.sendMail({ to: 'gone@example.org', subject: 's', text: 't', html: 'h' });
    expect(refused).toMatchObject({ ok: false, permanent: true });
    expect((refused as { error: string }).error).toMatch(/^550/);
    const before = catcher.count();
    expect(await client.sendMail({ to: 'fine@example.org', subject: 's', text: 't', html: 'h' })).toEqual({ ok: true });
    await catcher.waitFor(before + 1);
    client.close();
  });

  it('reports an unreachable server as transient', async () => {
    const client = createSmtpClient({ smtpUrl: 'smtp://127.0.0.1:1', from: 'x@jumo.test', connect: connectWithNode });
    expect(await client.sendMail({ to: 'a@example.org', subject: 's', text: 't', html: 'h' })).toMatchObject({
      ok: false,
      permanent: false,
    });
  });
});
