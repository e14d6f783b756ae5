import { expect } from 'chai';
import { AppError } from '../../engine/index.ts';
import { instanceCacheSizeFromEnv, jobLeaseFromEnv } from '../../server/open-engine.ts';

describe('jobLeaseFromEnv', () => {
  describe('when DOSAR_JOB_LEASE_MS is not set', () => {
    it('leases jobs for 30 seconds', () => {
      expect(jobLeaseFromEnv({})).to.equal(30_000);
      expect(jobLeaseFromEnv({ DOSAR_JOB_LEASE_MS: '' })).to.equal(30_000);
    });
  });

  describe('when DOSAR_JOB_LEASE_MS is set', () => {
    it('uses its milliseconds', () => {
      expect(jobLeaseFromEnv({ DOSAR_JOB_LEASE_MS: '5000' })).to.equal(5000);
    });

    it('does not accept a value that is not a sensible whole number of milliseconds', () => {
      for (const bad of ['abc', '0', '-5', '1.5', '100', '1e12']) {
        const err = (() => { try { jobLeaseFromEnv({ DOSAR_JOB_LEASE_MS: bad }); } catch (e) { return e; } })();
        expect(err, bad).to.be.instanceOf(AppError);
        expect((err as AppError).code).to.equal('bad-input');
      }
    });
  });
});

describe('instanceCacheSizeFromEnv', () => {
  it("leaves the engine's default when unset, and reads a whole number", () => {
    expect(instanceCacheSizeFromEnv({})).to.equal(undefined);
    expect(instanceCacheSizeFromEnv({ DOSAR_INSTANCE_CACHE_SIZE: '100000' })).to.equal(100_000);
    expect(instanceCacheSizeFromEnv({ DOSAR_INSTANCE_CACHE_SIZE: '0' })).to.equal(0);
  });

  it('refuses what is not a whole number from 0 to 10,000,000', () => {
    for (const bad of ['-1', '1.5', 'mult', '20000000']) {
      expect(() => instanceCacheSizeFromEnv({ DOSAR_INSTANCE_CACHE_SIZE: bad }), bad).to.throw(AppError, /DOSAR_INSTANCE_CACHE_SIZE/);
    }
  });
});
