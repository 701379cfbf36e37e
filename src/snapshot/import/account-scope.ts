/**
 * The region and account of a snapshot, read from the ARNs of the imported records (or given
 * with --region / --account-id), and the check that every ARN agrees: a snapshot describes
 * one region of one account, so an ARN from elsewhere means outputs were mixed up.
 */
import { SnapshotImportError } from './import-error.js';
import { describeOrigin, type Origin } from './origin.js';
import { parseArn } from './parse-arn.js';

interface Setting {
  value: string;
  /** Where it came from, for the message: `--region says eu-west-1`. */
  says: string;
}

export interface GivenScope {
  region?: string | undefined;
  accountId?: string | undefined;
}

export class AccountScope {
  private region: Setting | undefined;
  private account: Setting | undefined;

  constructor(given: GivenScope) {
    if (given.region !== undefined) {
      this.region = { value: given.region, says: `--region says ${given.region}` };
    }
    if (given.accountId !== undefined) {
      this.account = { value: given.accountId, says: `--account-id says ${given.accountId}` };
    }
  }

  /**
   * Checks the region and account of an ARN found at `origin`. `withAccount` is false for
   * subnets, which a VPC owner in another account may share.
   */
  check(text: string, origin: Origin, withAccount = true): void {
    const arn = parseArn(text);
    if (!arn) return;
    const here = `${text} (${describeOrigin(origin)})`;
    if (arn.region !== '') this.region = agree(this.region, arn.region, 'region', here);
    if (withAccount && arn.account !== '') {
      this.account = agree(this.account, arn.account, 'account', here);
    }
  }

  /** The region and account, or an error saying which one the inputs do not tell. */
  result(): { region: string; accountId: string } {
    if (!this.region) throw missing('region', '--region');
    if (!this.account) throw missing('account', '--account-id');
    return { region: this.region.value, accountId: this.account.value };
  }
}

function agree(
  setting: Setting | undefined,
  value: string,
  what: 'region' | 'account',
  here: string,
): Setting {
  if (setting === undefined) return { value, says: `the ARN ${here} is in ${what} ${value}` };
  if (setting.value === value) return setting;
  throw new SnapshotImportError(
    `the ARN ${here} is in ${what} ${value}, but ${setting.says}. ` +
      'A snapshot holds one region of one account: import the outputs of each region and ' +
      'account separately, and leave out those that belong elsewhere.',
  );
}

function missing(what: string, option: string): SnapshotImportError {
  return new SnapshotImportError(
    `cannot tell the ${what} of the snapshot: no imported ARN carries it; give it with ${option}`,
  );
}
