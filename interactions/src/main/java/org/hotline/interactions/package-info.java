/**
 * The application layer between the edges (switch adapters, console, IVR) and the domain (routing, ticketing): the
 * one live-call model every consumer reads, and the multi-step call use cases. Depends only on the platform's ports.
 */
package org.hotline.interactions;
