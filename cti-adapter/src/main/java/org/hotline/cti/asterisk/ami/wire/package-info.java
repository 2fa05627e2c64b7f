/**
 * AMI actions and events that Asterisk-Java 3.42.2 lacks or maps badly, in the shape Asterisk-Java's reflection
 * needs (public classes, public constructors, bean setters). Internal to the AMI side: the lead does not wire these.
 * <ul>
 *   <li>{@link org.hotline.cti.asterisk.ami.wire.BlindTransferAction}: Asterisk 12+ {@code BlindTransfer}.</li>
 *   <li>{@link org.hotline.cti.asterisk.ami.wire.DeviceStateListAction}: Asterisk 13+ {@code DeviceStateList}.</li>
 *   <li>{@link org.hotline.cti.asterisk.ami.wire.DeviceStateEvent} replaces Asterisk-Java's
 *       {@code DeviceStateChangeEvent}: the built-in class has no ActionID, so every item of a DeviceStateList
 *       logged a "no setter" warning.</li>
 *   <li>{@link org.hotline.cti.asterisk.ami.wire.DeviceStateListCompleteEvent}: unknown to Asterisk-Java, which
 *       would drop the end of the list.</li>
 * </ul>
 */
package org.hotline.cti.asterisk.ami.wire;
