/**
 * The AMI side of the Asterisk adapter.
 *
 * <ul>
 *   <li>{@link org.hotline.cti.asterisk.ami.AmiGateway}: what the application wires - one managed connection per
 *       {@link org.hotline.cti.asterisk.ami.AmiServerConfig}, the switch events of Hotline's calls on the
 *       {@link org.hotline.platform.event.EventBus}, and the in-call actions.</li>
 *   <li>{@code AmiLink}: one connection's {@link org.hotline.cti.asterisk.ami.AmiLinkState} state machine, login
 *       retries, back-off, Ping, resync.</li>
 *   <li>{@code HotlineManagerConnection} and {@code GuardedSocket}: Asterisk-Java's {@code ManagerConnectionImpl}
 *       with the changes needed to use it safely (see their Javadoc).</li>
 *   <li>{@code CallTracker}: the calls' state, wiring one unit per job: {@code ChannelBook} (channels and bridges),
 *       {@code FollowedCalls}, {@code CallEventMapper} (events to platform events), {@code CallFeatures} (hold,
 *       recording, transfer), {@code ChannelResync} (lists after a reconnect, recovery), {@code ActionTargets}
 *       (where an action goes); {@code DeviceBook}: phones.</li>
 * </ul>
 *
 * <p>Its ingest rate, ours against a bare Asterisk-Java listener, is measured by the bench module's
 * {@code org.hotline.bench.ami.AmiIngestBenchmark} ({@code ./hotline bench ami}).
 */
package org.hotline.cti.asterisk.ami;
