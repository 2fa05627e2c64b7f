package org.hotline.ivr.flow;

import java.util.List;

/** One step of a call flow; the YAML {@code type} field picks the kind. */
public sealed interface Node permits PlayNode, MenuNode, CollectNode, QueueNode, HangupNode {
    /** The YAML {@code type} of this kind of node. */
    String type();

    /** The node ids this node can lead to (null entries where a required target is missing). */
    List<String> targets();
}
