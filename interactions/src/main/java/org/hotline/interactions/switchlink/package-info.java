/**
 * The switch from every node of a cluster: one node at a time holds a switch's link (an Asterisk server's AMI
 * connection, the simulator); the others reach its call-control, originate, supervision and presence ports through
 * that node ({@link org.hotline.interactions.switchlink.LinkedSwitch}).
 */
package org.hotline.interactions.switchlink;
