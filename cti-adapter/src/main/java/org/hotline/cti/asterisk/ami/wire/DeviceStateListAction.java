package org.hotline.cti.asterisk.ami.wire;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * {@code Action: DeviceStateList}: every known device state as {@code DeviceStateChange} events carrying the
 * ActionID, then {@code DeviceStateListComplete}.
 */
public class DeviceStateListAction extends AbstractManagerAction {
    private static final long serialVersionUID = 1L;

    @Override
    public String getAction() {
        return "DeviceStateList";
    }
}
