package org.hotline.cti.asterisk.ami.wire;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * {@code Action: BlindTransfer}: sends every channel bridged with {@code channel} to {@code exten@context}; Asterisk
 * uses the channel's own context when {@code context} is null. Answers "Transfer succeeded", then raises the
 * {@code BlindTransfer} event.
 */
public class BlindTransferAction extends AbstractManagerAction {
    private static final long serialVersionUID = 1L;

    private String channel;
    private String exten;
    private String context;

    public BlindTransferAction() {
    }

    public BlindTransferAction(String channel, String exten, String context) {
        this.channel = channel;
        this.exten = exten;
        this.context = context;
    }

    @Override
    public String getAction() {
        return "BlindTransfer";
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getExten() {
        return exten;
    }

    public void setExten(String exten) {
        this.exten = exten;
    }

    public String getContext() {
        return context;
    }

    public void setContext(String context) {
        this.context = context;
    }
}
