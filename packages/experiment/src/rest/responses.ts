/**
 * The answers the REST layer builds: JSON values, JSON arrays (streamed when long), and the empty
 * 200 the reference gives to PUT and DELETE.
 */
import { jsonArrayBody, jsonTextArrayBody } from './json-array.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** `value` as a JSON answer. */
export const json = (value: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': JSON_TYPE, ...headers } });

/** A JSON array answer built by `jsonArrayBody`. */
export const jsonArray = (items: readonly unknown[]): Response => new Response(jsonArrayBody(items), { headers: { 'content-type': JSON_TYPE } });

/** A JSON array answer from items that are already JSON text. */
export const jsonTextArray = (texts: readonly string[]): Response => new Response(jsonTextArrayBody(texts), { headers: { 'content-type': JSON_TYPE } });

/** The reference's answer to a PUT or DELETE: 200 with no body. */
export const empty = (): Response => new Response(null, { status: 200 });
