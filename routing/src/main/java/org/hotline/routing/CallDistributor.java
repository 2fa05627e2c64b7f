package org.hotline.routing;

import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.routing.CallRouter;

/**
 * The ACD as a node wires it: the IVR's side ({@link CallRouter}) and the agents' ({@link AgentDesk}), closed with
 * the node. {@link Acd} keeps its state in this node; {@link ClusteredAcd} in the cluster, one for every node.
 */
public interface CallDistributor extends CallRouter, AgentDesk, AutoCloseable {
    @Override
    void close();
}
