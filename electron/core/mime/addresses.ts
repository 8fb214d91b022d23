import type { AddressObject, EmailAddress } from 'mailparser';
import type { Address } from '../../../shared/model';

/**
 * Mailparser's address header value as a flat list: repeated headers are merged and groups
 * (`Team: a@x, b@x;`) are replaced by their members, which is what a reader shows.
 */
export function toAddresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  return objects.flatMap((object) => flatten(object.value));
}

function flatten(entries: EmailAddress[]): Address[] {
  return entries.flatMap((entry) =>
    entry.group ? flatten(entry.group) : [{ name: entry.name ?? '', address: entry.address ?? '' }],
  );
}
