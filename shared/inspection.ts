import { z } from 'zod';

/**
 * What the reader's inspection panels show, parsed in the engine from the message's own headers:
 * the route it took (Received), what the receiving servers concluded about its authenticity
 * (Authentication-Results, Received-SPF) and who signed it (DKIM-Signature), and any calendar
 * invitation it carries. Everything here is the message's own claim; the UI says which claims
 * came from the receiving organisation and which travelled with the message.
 */

/** A time as ISO 8601 text; null when the message gives none or it cannot be read. */
const isoTime = z.string().nullable();

/** One end of a hop: the name a host gave (HELO or its own name), the address seen, the rest as written. */
export const HopHost = z.object({
  name: z.string().nullable(),
  ip: z.string().nullable(),
  /** The comment that followed the name, e.g. the reverse-DNS name and address the receiver saw. */
  detail: z.string().nullable(),
});
export type HopHost = z.infer<typeof HopHost>;

export const ReceivedHop = z.object({
  /** 1 for the first server the message reached (the bottom Received header). */
  index: z.number().int().positive(),
  from: HopHost.nullable(),
  by: HopHost.nullable(),
  /** The protocol the receiver recorded: ESMTPS, SMTP, HTTPS, mapi, "Microsoft SMTP Server"… */
  protocol: z.string().nullable(),
  /** True when the hop says it was encrypted (ESMTPS, a TLS version or cipher); null when it does not say. */
  tls: z.boolean().nullable(),
  tlsVersion: z.string().nullable(),
  cipher: z.string().nullable(),
  id: z.string().nullable(),
  for: z.string().nullable(),
  /** ISO 8601, or null when the hop has no date or it cannot be read. */
  date: isoTime,
  /** The date exactly as written, for the tooltip and for dates that could not be read. */
  dateText: z.string().nullable(),
  /** Milliseconds since the previous hop; negative when the clocks disagree; null when a date is missing. */
  delayMs: z.number().nullable(),
  /** The header's whole value, unfolded. */
  raw: z.string(),
});
export type ReceivedHop = z.infer<typeof ReceivedHop>;

export const AuthProperty = z.object({ name: z.string(), value: z.string() });
export type AuthProperty = z.infer<typeof AuthProperty>;

/** One method's outcome inside an Authentication-Results header (RFC 8601 "resinfo"). */
export const AuthResult = z.object({
  method: z.string(),
  /** Lower-cased: pass, fail, softfail, neutral, none, temperror, permerror, policy, bestguesspass… */
  result: z.string(),
  reason: z.string().nullable(),
  /** Free text in parentheses after the result, e.g. "(sender IP is 192.0.2.1)". */
  comment: z.string().nullable(),
  properties: z.array(AuthProperty),
});
export type AuthResult = z.infer<typeof AuthResult>;

export const AuthResultsHeader = z.object({
  header: z.string(),
  /** Who wrote it (RFC 8601 authserv-id); null where the writer left it out, as Exchange Online does. */
  authservId: z.string().nullable(),
  /** ARC instance (i=) for ARC-Authentication-Results. */
  instance: z.number().int().nullable(),
  /** Written by the receiving organisation (see AuthenticationReport.trustedAuthservId). */
  trusted: z.boolean(),
  results: z.array(AuthResult),
  raw: z.string(),
});
export type AuthResultsHeader = z.infer<typeof AuthResultsHeader>;

/**
 * The tags of a DKIM signature (RFC 6376 §3.5) that ARC's seal and message signature carry too
 * (RFC 8617 §4.1), each as written, null when missing: d=, s=, a= and t=.
 */
export const signatureTags = {
  domain: z.string().nullable(),
  selector: z.string().nullable(),
  algorithm: z.string().nullable(),
  /** Signing time (t=) as ISO 8601. */
  signedAt: isoTime,
};

export const DkimSignature = z.object({
  ...signatureTags,
  identity: z.string().nullable(),
  canonicalization: z.string().nullable(),
  headers: z.array(z.string()),
});
export type DkimSignature = z.infer<typeof DkimSignature>;

export const ReceivedSpf = z.object({
  result: z.string(),
  comment: z.string().nullable(),
  properties: z.array(AuthProperty),
});
export type ReceivedSpf = z.infer<typeof ReceivedSpf>;

/** The verdict a badge shows for one method, taken from the receiving organisation's results. */
export const AuthVerdict = z.object({
  method: z.enum(['spf', 'dkim', 'dmarc']),
  /** pass, fail, softfail, neutral, none, temperror, permerror…; "none" when nobody reported one. */
  result: z.string(),
  /** The domain the verdict is about (smtp.mailfrom, header.d, header.from). */
  domain: z.string().nullable(),
  detail: z.string().nullable(),
  /** Where it came from: an Authentication-Results authserv-id, "Received-SPF", or null for none. */
  source: z.string().nullable(),
});
export type AuthVerdict = z.infer<typeof AuthVerdict>;

export const AuthenticationReport = z.object({
  /**
   * The results the reader trusts: those of the topmost Authentication-Results header (the last
   * one added, by the organisation that received the message) and any others with its authserv-id.
   * Results further down travelled with the message and could have been written by anyone.
   */
  trustedAuthservId: z.string().nullable(),
  verdicts: z.array(AuthVerdict),
  results: z.array(AuthResultsHeader),
  dkimSignatures: z.array(DkimSignature),
  receivedSpf: z.array(ReceivedSpf),
});
export type AuthenticationReport = z.infer<typeof AuthenticationReport>;

export const CalendarTime = z.object({
  /** ISO 8601 instant, when the time could be placed in UTC. */
  instant: isoTime,
  /** An all-day date (YYYY-MM-DD), for DATE values. */
  date: z.string().nullable(),
  /** The wall-clock time as written with its zone name, when it could not be placed in UTC. */
  text: z.string().nullable(),
});
export type CalendarTime = z.infer<typeof CalendarTime>;

/** A calendar invitation (text/calendar, RFC 5545) reduced to what a reader needs to know. */
export const CalendarEvent = z.object({
  /** REQUEST (invitation), CANCEL, REPLY, PUBLISH… from the calendar's METHOD. */
  method: z.string().nullable(),
  summary: z.string().nullable(),
  location: z.string().nullable(),
  organizer: z.object({ name: z.string().nullable(), address: z.string().nullable() }).nullable(),
  start: CalendarTime.nullable(),
  end: CalendarTime.nullable(),
  status: z.string().nullable(),
  /** The recurrence rule as written (RRULE), when the event repeats. */
  recurrence: z.string().nullable(),
  attendees: z.number().int().nonnegative(),
});
export type CalendarEvent = z.infer<typeof CalendarEvent>;
