package org.hotline.cti.asterisk.ami.wire;

import org.asteriskjava.manager.AsteriskMapping;

/**
 * {@code Event: ChanSpyStart}, registered in place of Asterisk-Java's class of the same name: that one has a setter
 * for every field Asterisk sends but {@code SpyerAccountCode}, so each listen / whisper / barge start logged
 * "Unable to set property 'spyeraccountcode' ... no setter" at WARN (ami-chanspy-mixmonitor.txt). The gateway does
 * not use the event; the field is kept so that the warning goes, and only it.
 */
@AsteriskMapping("ChanSpyStart")
public class ChanSpyStartEvent extends org.asteriskjava.manager.event.ChanSpyStartEvent {
    private static final long serialVersionUID = 1L;

    private String spyerAccountCode;

    public ChanSpyStartEvent(Object source) {
        super(source);
    }

    public String getSpyerAccountCode() {
        return spyerAccountCode;
    }

    public void setSpyerAccountCode(String spyerAccountCode) {
        this.spyerAccountCode = spyerAccountCode;
    }
}
