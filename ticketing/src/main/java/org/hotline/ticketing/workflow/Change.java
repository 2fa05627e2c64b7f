package org.hotline.ticketing.workflow;

import java.time.Instant;
import java.util.List;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.CustomerInformedVia;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.ticketing.workflow.DeskMapper.DepartmentRef;

/**
 * The fields of one action, checked and typed ({@link ActionFields}); what the action does not take is null.
 * {@code departments} is null when an assignment leaves the departments as they are; {@code sender} is where a
 * customer's message came from (the system's customer-message step only).
 */
record Change(String assignee, List<DepartmentRef> departments, DepartmentRef department, String resolution,
              CustomerInformedVia informedVia, Instant informedAt, String guidance, String reason, String text,
              boolean visibleToCustomer, ClockName clock, String callId, ComplaintClass complaintClass,
              Severity severity, String comment, String sender) {
}
