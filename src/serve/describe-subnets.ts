/**
 * EC2 DescribeSubnets in EC2's query protocol (a form-encoded POST, answered in XML), from
 * the snapshot's subnet -> Availability Zone map, so that `snapshot capture --endpoint-url`
 * reads zones from the endpoint as it reads them from EC2. A snapshot knows no VPCs: the
 * `vpc-id` filter matches nothing, `subnet-id` filters and SubnetId.N pick subnets, and
 * without either every subnet is listed (one page).
 */
import { randomUUID } from 'node:crypto';

const XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export function describeSubnetsXml(
  form: URLSearchParams,
  subnets: Readonly<Record<string, string>> | undefined,
): string {
  const filters = new Map<string, string[]>();
  for (const [key, value] of form) {
    const name = /^Filter\.(\d+)\.Name$/.exec(key);
    if (!name) continue;
    const values = [...form.entries()]
      .filter(([k]) => k.startsWith(`Filter.${name[1]}.Value.`))
      .map(([, v]) => v);
    filters.set(value, values);
  }
  const ids = [...form.entries()].filter(([k]) => /^SubnetId\.\d+$/.test(k)).map(([, v]) => v);
  const items = Object.entries(subnets ?? {}).filter(
    ([id]) =>
      (ids.length === 0 || ids.includes(id)) &&
      (!filters.has('subnet-id') || filters.get('subnet-id')!.includes(id)) &&
      !filters.has('vpc-id'),
  );
  const item = ([id, zone]: [string, string]) =>
    `<item><subnetId>${escapeXml(id)}</subnetId><availabilityZone>${escapeXml(zone)}</availabilityZone><state>available</state></item>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<DescribeSubnetsResponse xmlns="${XMLNS}"><requestId>${randomUUID()}</requestId>` +
    `<subnetSet>${items.map(item).join('')}</subnetSet></DescribeSubnetsResponse>`
  );
}

/** EC2's error document. */
export function ec2ErrorXml(code: string, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors>` +
    `<RequestID>${randomUUID()}</RequestID></Response>`
  );
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
