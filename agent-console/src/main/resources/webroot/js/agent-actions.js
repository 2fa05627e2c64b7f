// The call actions the server offers the agent now ('answer', 'hangup', 'hold', 'transfer', 'recording', 'dial'),
// from the agent's state and what the switch can do: GET /api/agent/me and every reply about the agent carry them as
// `actions`. One state object and a pure reduce; the workspace shows only the buttons of the actions offered for
// the state it shows (no Answer button where the agent picks up a desk phone).

/** Nothing offered yet: the actions belong to no state. */
export const initialOffer = Object.freeze({ state: null, actions: Object.freeze([]) });

/**
 * The offer after {@code message}: {type: 'offered', state, actions} (a reply about the agent) replaces it; anything
 * else leaves it as it is.
 */
export function reduceOffer(offer, message) {
  if (message.type === 'offered' && Array.isArray(message.actions)) {
    return Object.freeze({ state: message.state, actions: Object.freeze([...message.actions]) });
  }
  return offer;
}

/** Whether {@code action} is offered to an agent the page shows in {@code state}. */
export function offers(offer, state, action) {
  return offer.state === state && offer.actions.includes(action);
}

/** Whether the offer is for another state than the page shows (then it asks the server again). */
export function stale(offer, state) {
  return offer.state !== state;
}
