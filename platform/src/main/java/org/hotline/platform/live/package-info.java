/** The one live-call model: every call on the switch now, keyed by call id, that every consumer reads. */
package org.hotline.platform.live;
