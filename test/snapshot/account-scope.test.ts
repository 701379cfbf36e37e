import { describe, expect, it } from 'vitest';
import { AccountScope } from '../../src/snapshot/import/account-scope.js';

const here = { document: 'a.json', path: '$.x' };

describe('AccountScope', () => {
  it('takes region and account from the first ARN and checks the others against it', () => {
    const scope = new AccountScope({});
    scope.check('arn:aws:ecs:eu-west-1:210987654321:cluster/shop', here);
    scope.check('arn:aws:ecs:eu-west-1:210987654321:task/shop/1', here);
    expect(scope.result()).toEqual({ region: 'eu-west-1', accountId: '210987654321' });
    expect(() =>
      scope.check('arn:aws:ecs:eu-west-2:210987654321:task/shop/2', {
        document: 'b.json',
        path: '$.y',
      }),
    ).toThrow(
      'the ARN arn:aws:ecs:eu-west-2:210987654321:task/shop/2 (b.json at $.y) is in region eu-west-2, but the ARN arn:aws:ecs:eu-west-1:210987654321:cluster/shop (a.json at $.x) is in region eu-west-1.',
    );
  });

  it('checks only the region of a shared subnet, whose owner may be another account', () => {
    const scope = new AccountScope({ accountId: '210987654321' });
    scope.check('arn:aws:ec2:eu-west-1:999988887777:subnet/subnet-1', here, false);
    expect(scope.result()).toEqual({ region: 'eu-west-1', accountId: '210987654321' });
  });

  it('asks for --region or --account-id when no ARN tells them', () => {
    expect(() => new AccountScope({ accountId: '210987654321' }).result()).toThrow(
      'cannot tell the region of the snapshot: no imported ARN carries it; give it with --region',
    );
    expect(() => new AccountScope({ region: 'eu-west-1' }).result()).toThrow(
      'cannot tell the account of the snapshot: no imported ARN carries it; give it with --account-id',
    );
    expect(new AccountScope({ region: 'eu-west-1', accountId: '210987654321' }).result()).toEqual({
      region: 'eu-west-1',
      accountId: '210987654321',
    });
  });
});
