package org.hotline.cti.asterisk.ami.wire;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ResponseEvent;

/** {@code Event: DeviceStateListComplete}: the end of a {@code DeviceStateList}. */
@AsteriskMapping("DeviceStateListComplete")
public class DeviceStateListCompleteEvent extends ResponseEvent {
    private static final long serialVersionUID = 1L;

    private String eventList;
    private Integer listItems;

    public DeviceStateListCompleteEvent(Object source) {
        super(source);
    }

    public String getEventList() {
        return eventList;
    }

    public void setEventList(String eventList) {
        this.eventList = eventList;
    }

    public Integer getListItems() {
        return listItems;
    }

    public void setListItems(Integer listItems) {
        this.listItems = listItems;
    }
}
