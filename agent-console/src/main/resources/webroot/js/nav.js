// The navigation bar of every logged-in page: a link to each page the user's roles allow (agent desk for AGENT,
// wallboard for SUPERVISOR / ADMIN, administration for ADMIN), the current one marked, so that no page is a dead
// end. pageFor() is also where the login page and a page opened with the wrong roles send the user.
import { html } from './esc.js';
import { t } from './i18n.js';

export const PAGES = [
  { href: 'agent.html', key: 'nav.agent', roles: ['AGENT'] },
  { href: 'supervisor.html', key: 'nav.wallboard', roles: ['SUPERVISOR', 'ADMIN'] },
  { href: 'admin.html', key: 'nav.admin', roles: ['ADMIN'] },
];

/** The pages user may open, in menu order. */
export function pagesFor(user) {
  return PAGES.filter((p) => p.roles.some((r) => user.roles.includes(r)));
}

/** The page a user lands on (the first one allowed), or null for a user without a console role. */
export function pageFor(user) {
  return pagesFor(user)[0]?.href ?? null;
}

/** The links of the bar; current is the file name of the page shown. */
export function renderNav(user, current) {
  return html`${pagesFor(user).map((p) => html`<a href="${p.href}" data-nav="${p.href}"${
    p.href === current ? html` aria-current="page" class="current"` : ''}>${t(p.key)}</a>`)}`;
}
