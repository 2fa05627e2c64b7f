/**
 * The call use cases of agents and supervisors (answer, hang up, hold, transfer, record, outbound dial, callback
 * claim-and-dial, listen in), over the switch's capability ports and the ACD's agent desk. Each answers a sealed
 * result that says what happened; none throws for a domain answer, so that an edge only maps the result to its own
 * terms (HTTP statuses for the console).
 */
package org.hotline.interactions.calls;
