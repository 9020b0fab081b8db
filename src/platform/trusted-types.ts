/**
 * Trusted Types: on a page with `require-trusted-types-for 'script'`, setting a script's
 * `src` or text needs a policy. Each bundle names its own (a policy name may be created
 * once): `piekritu` loads piekritu's own later scripts, `piekritu-gate` runs the page's
 * gated scripts, which the page itself wrote. Without Trusted Types, strings pass as they are.
 */
interface Policy {
  createScriptURL(url: string): string;
  createScript(text: string): string;
}

const same = (value: string) => value;

export function trustedTypesPolicy(name: string): Policy {
  const factory = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: Policy): Policy } }).trustedTypes;
  // The rules double as the pass-through policy when there is no (usable) factory.
  const rules: Policy = { createScriptURL: same, createScript: same };
  try {
    return factory?.createPolicy(name, rules) ?? rules;
  } catch {
    // The page's CSP does not allow the name: the browser refuses the assignment and reports it.
    return rules;
  }
}
