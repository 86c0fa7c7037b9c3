import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

export interface OutgoingEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; content: string }[];
}

export interface OutgoingSms {
  id: string;
  to: string;
  from: string;
  message: string;
}

/** How messages leave the server; a channel without a transport keeps its messages pending. */
export interface Transports {
  email?: (message: OutgoingEmail) => Promise<void>;
  sms?: (message: OutgoingSms) => Promise<void>;
  close?: () => void;
}

export function smtpTransport(url: string, from: string): Pick<Transports, 'email' | 'close'> {
  const transporter = nodemailer.createTransport(url);
  return {
    async email(message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        // The outbox id as Message-ID lets a receiving system drop a rare duplicate after a crash.
        messageId: `<${message.id}@tidbok>`,
        attachments: message.attachments,
      });
    },
    close: () => transporter.close(),
  };
}

/**
 * A 46elks-style SMS API: a form POST of from/to/message, with basic-auth credentials taken
 * from the URL's user info (`https://user:secret@api.example/a1/sms`).
 */
export function httpSmsTransport(url: string, fetchImpl: typeof fetch = fetch): Pick<Transports, 'sms'> {
  const target = new URL(url);
  const credentials =
    target.username || target.password
      ? `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`
      : null;
  target.username = '';
  target.password = '';
  const endpoint = target.toString();
  return {
    async sms(message) {
      const res = await fetchImpl(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(credentials ? { authorization: credentials } : {}),
        },
        body: new URLSearchParams({ from: message.from, to: message.to, message: message.message }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!res.ok) throw new Error(`SMS provider answered ${res.status}`);
      await res.arrayBuffer();
    },
  };
}

export function transportsFromConfig(config: Config): Transports {
  const email = config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom ?? 'Tidbok <no-reply@localhost>') : {};
  const sms = config.smsUrl ? httpSmsTransport(config.smsUrl) : {};
  return { ...email, ...sms };
}
