import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WAIT_FOR_UPDATE,
  defaultCommand,
  signalsFor,
  type ConsentSignals,
  type DefaultOptions,
} from '../../src/core/consent-mode.js';
import type { Categories } from '../../src/core/consent.js';

const denied: ConsentSignals = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};

describe('signalsFor', () => {
  const cases: { name: string; input: Categories; expected: ConsentSignals }[] = [
    { name: 'nothing decided', input: {}, expected: denied },
    { name: 'only necessary', input: { necessary: true }, expected: denied },
    {
      name: 'everything denied explicitly',
      input: { necessary: true, preferences: false, analytics: false, marketing: false },
      expected: denied,
    },
    {
      name: 'preferences',
      input: { necessary: true, preferences: true, analytics: false, marketing: false },
      expected: { ...denied, functionality_storage: 'granted', personalization_storage: 'granted' },
    },
    {
      name: 'analytics',
      input: { necessary: true, preferences: false, analytics: true, marketing: false },
      expected: { ...denied, analytics_storage: 'granted' },
    },
    {
      name: 'marketing',
      input: { necessary: true, preferences: false, analytics: false, marketing: true },
      expected: { ...denied, ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' },
    },
    {
      name: 'everything',
      input: { necessary: true, preferences: true, analytics: true, marketing: true },
      expected: {
        ad_storage: 'granted',
        ad_user_data: 'granted',
        ad_personalization: 'granted',
        analytics_storage: 'granted',
        functionality_storage: 'granted',
        personalization_storage: 'granted',
        security_storage: 'granted',
      },
    },
    {
      name: 'a site category has no signal',
      input: { necessary: true, video: true, security: true },
      expected: denied,
    },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => {
      expect(signalsFor(input)).toEqual(expected);
    });
  }

  it('only a real true grants', () => {
    const truthy = { analytics: 1, marketing: 'yes' } as unknown as Categories;
    expect(signalsFor(truthy)).toEqual(denied);
  });
});

describe('defaultCommand', () => {
  const cases: { input: DefaultOptions; expected: Record<string, unknown> }[] = [
    {
      input: { waitForUpdate: DEFAULT_WAIT_FOR_UPDATE, region: [] },
      expected: { ...denied, wait_for_update: 500 },
    },
    {
      input: { waitForUpdate: 2000, region: ['LV', 'EE', 'LT'] },
      expected: { ...denied, wait_for_update: 2000, region: ['LV', 'EE', 'LT'] },
    },
    {
      input: { waitForUpdate: 0, region: ['US-CA'] },
      expected: { ...denied, wait_for_update: 0, region: ['US-CA'] },
    },
  ];
  for (const { input, expected } of cases) {
    it(`wait ${input.waitForUpdate} ms, region [${input.region.join(', ')}]`, () => {
      const command = defaultCommand(input);
      expect(command).toStrictEqual(expected);
      expect(Object.hasOwn(command, 'region')).toBe(input.region.length > 0);
    });
  }

  it('copies the region list rather than sharing it', () => {
    const region = ['LV'];
    const command = defaultCommand({ waitForUpdate: 500, region });
    region.push('EE');
    expect(command.region).toEqual(['LV']);
  });
});
