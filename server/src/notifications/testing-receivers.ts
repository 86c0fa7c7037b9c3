import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback that keeps what it receives, and can be stopped and restarted. */
export class MailCatcher {
  received: ParsedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData: (stream, _session, done) => {
        simpleParser(stream).then((mail) => {
          this.received.push(mail);
          done();
        }, done);
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}

/** A loopback HTTP receiver standing in for the SMS provider. */
export async function smsReceiver(status = 200) {
  const posts: { auth: string | undefined; form: URLSearchParams }[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      posts.push({ auth: req.headers.authorization, form: new URLSearchParams(body) });
      res.statusCode = status;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { posts, url: `http://elks:s3cret@127.0.0.1:${port}/a1/sms`, close: () => new Promise((r) => server.close(r)) };
}
