package org.hotline.platform.user;

/**
 * What a user does at the centre; a user may hold several. The back-office roles (engineer to centre head) work
 * tickets after the call (workflows W1.7 and W2 of {@code shared/design/workflows.md}).
 */
public enum Role {
    /** 话务代表: answers calls, records the task sheet. */
    AGENT,
    /** 客服主管: watches queues and agents live. */
    SUPERVISOR,
    /** 管理员: users, roles, skills, departments, calendars. */
    ADMIN,
    /** 热线工程师: second line; takes handed-off consultations. */
    ENGINEER,
    /** 信息协调员: passes handed-off tasks to an engineer within 15 minutes. */
    COORDINATOR,
    /** 投诉处理专员: investigates and resolves the complaints assigned to them. */
    COMPLAINT_HANDLER,
    /** 投诉经理: classifies complaints, names the handler and the departments involved. */
    COMPLAINT_MANAGER,
    /** 部门经理: leaves no ticket of their department stagnant; receives escalations. */
    DEPARTMENT_MANAGER,
    /** 客服中心负责人: first escalation level; told of every MAJOR complaint at once. */
    CENTRE_HEAD
}
