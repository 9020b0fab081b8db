import { expect, fixtureCleanup, nextFrame } from '@open-wc/testing';
import { clearCookies, mount, mustPart, open, part, switchFor, until, warnings } from './helpers.js';

const text = (element: Element, name: string) => part(element, name)?.textContent?.trim() ?? '';

afterEach(() => {
  fixtureCleanup();
  clearCookies();
  document.documentElement.lang = 'en';
  document.querySelector('script[data-piekritu-cookies]')?.remove();
  history.replaceState(null, '', location.pathname + location.search);
});

describe('languages', () => {
  for (const { lang, accept, reject, settings, policy } of [
    { lang: 'en', accept: 'Accept', reject: 'Reject', settings: 'Cookie settings', policy: 'Personal data protection' },
    { lang: 'ru', accept: 'Принять', reject: 'Отклонить', settings: 'Настройки файлов cookie', policy: 'Защита персональных данных' },
    { lang: 'lv', accept: 'Piekrītu', reject: 'Noraidīt', settings: 'Sīkdatņu iestatījumi', policy: 'Personas datu aizsardzība' },
  ]) {
    it(`${lang}: banner, settings and policy end to end`, async () => {
      const element = await mount({ lang });
      await until(() => text(element, 'accept-button') === accept, `the ${lang} banner`);
      expect(text(element, 'reject-button')).to.equal(reject);
      expect(mustPart(element, 'banner').lang).to.equal(lang);
      const dialog = await open(element, 'preferences-button', 'preferences');
      await until(() => dialog.querySelector('h2')?.textContent === settings, `the ${lang} settings`);
      dialog.close();
      await until(() => part(element, 'preferences') === null, 'the dialog to close');
      const policyDialog = await open(element, 'policy-button', 'policy');
      await until(() => policyDialog.querySelector('h2')?.textContent === policy, `the ${lang} policy`);
      expect(policyDialog.querySelectorAll('tbody tr')).to.have.length(11);
    });
  }

  it('follows a change of <html lang> at runtime', async () => {
    document.documentElement.lang = 'lv';
    const element = await mount();
    expect(text(element, 'accept-button')).to.equal('Piekrītu');
    document.documentElement.lang = 'en-GB';
    await until(() => text(element, 'accept-button') === 'Accept', 'the English banner');
  });

  it('takes a site\'s own texts from locales-src, even for Latvian', async () => {
    const element = await mount({ lang: 'lv', 'locales-src': '/test/browser/fixtures/own-locales' });
    await until(() => part(element, 'banner') !== null, 'the banner');
    expect(mustPart(element, 'banner').querySelector('h2')!.textContent).to.equal('Paraugs izmanto sīkdatnes');
  });

  it('shows a site\'s own policy (policy-src) and asks again when policy-version changes', async () => {
    const element = await mount({ lang: 'lv', 'policy-src': '/test/browser/fixtures/own-policy-{lang}.json', 'policy-version': 'paraugs-2' });
    const dialog = await open(element, 'policy-button', 'policy');
    await until(() => dialog.textContent!.includes('SIA Paraugs privātuma politika'), 'the own policy');
    expect(dialog.textContent).to.contain('Versija paraugs-2. Spēkā kopš: 2026. gada 1. oktobris');
    expect(dialog.querySelector('.print')).to.not.equal(null);
    dialog.close();
    element.acceptAll();
    await until(() => document.cookie.includes('p=paraugs-2'), 'the stored choice');
    fixtureCleanup();
    const again = await mount({ lang: 'lv', 'policy-src': '/test/browser/fixtures/own-policy-{lang}.json', 'policy-version': 'paraugs-3' });
    expect(again.consent.decided).to.equal(false);
    await until(() => part(again, 'banner')?.textContent?.includes('Privātuma politika ir atjaunināta') === true, 'why it asks');
  });

  describe('a text file that does not load warns, naming its URL and locales-src, in every language', () => {
    it('lv: the site\'s own banner texts are missing (404)', async () => {
      const seen = await warnings(async () => {
        const element = await mount({ lang: 'lv', 'locales-src': '/nowhere/' });
        await until(() => part(element, 'banner') !== null, 'the Latvian banner');
      });
      expect(seen.some((message) => message.includes('/nowhere/lv.banner.json') && message.includes('locales-src'))).to.equal(true, seen.join('\n'));
    });

    it('lv: the policy is missing (404), and the policy says so', async () => {
      const element = await mount({ lang: 'lv', 'locales-src': '/nowhere/' });
      await until(() => part(element, 'policy-button') !== null, 'the Latvian banner');
      const seen = await warnings(async () => {
        const dialog = await open(element, 'policy-button', 'policy');
        await until(() => dialog.querySelector('.notice') !== null, 'the policy\'s error state');
      });
      expect(seen.some((message) => message.includes('/nowhere/policy/lv.json') && message.includes('locales-src'))).to.equal(true, seen.join('\n'));
    });

    it('en: the server answers HTML instead of JSON (a single-page app\'s fallback)', async () => {
      const seen = await warnings(async () => {
        const element = await mount({ lang: 'en', 'locales-src': '/test/browser/fixtures/html-locales/' });
        await until(() => part(element, 'banner') !== null, 'the banner (in Latvian)');
      });
      expect(seen.some((message) => message.includes('/test/browser/fixtures/html-locales/en.banner.json') && message.includes('locales-src'))).to.equal(
        true,
        seen.join('\n'),
      );
    });
  });

  it('opens the policy from a link to #piekritu-policy', async () => {
    history.replaceState(null, '', '#piekritu-policy');
    const element = await mount({ lang: 'lv' });
    await until(() => part<HTMLDialogElement>(element, 'policy')?.open === true, 'the policy dialog');
  });
});

describe('cookie details in the settings', () => {
  it('lists each declared cookie with purpose, lifetime and third party, in the visitor\'s language', async () => {
    const declaration = document.createElement('script');
    declaration.type = 'application/json';
    declaration.setAttribute('data-piekritu-cookies', '');
    declaration.textContent = JSON.stringify({
      analytics: [
        { name: '_ga', purpose: { lv: 'Atšķir apmeklētājus', en: 'Tells visitors apart' }, duration: { lv: '2 gadi', en: '2 years' }, thirdParty: 'Google Ireland' },
        { name: 'broken' },
      ],
    });
    document.body.append(declaration);
    const element = await mount({ lang: 'en' });
    await until(() => text(element, 'accept-button') === 'Accept', 'the English banner');
    const dialog = await open(element, 'preferences-button', 'preferences');
    await until(() => dialog.querySelector('h2')?.textContent === 'Cookie settings', 'the English settings');
    await nextFrame();
    const analytics = switchFor(element, 'analytics').closest('li')!;
    const cells = [...analytics.querySelectorAll('tbody td')].map((cell) => cell.textContent!.trim());
    expect(cells).to.deep.equal(['_ga', 'Tells visitors apart', '2 years', 'Google Ireland']);
    const necessary = switchFor(element, 'necessary').closest('li')!;
    expect([...necessary.querySelectorAll('tbody td')].map((cell) => cell.textContent!.trim())).to.deep.equal([
      'piekritu',
      'Stores your cookie choice',
      '180 days',
      'No',
    ]);
    const marketing = switchFor(element, 'marketing').closest('li')!;
    expect(marketing.querySelector('table')).to.equal(null);
    expect(marketing.textContent).to.contain('not listed');
    await expect(element).to.be.accessible();
  });
});
