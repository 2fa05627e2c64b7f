package org.hotline.platform.org;

import java.util.Set;

/**
 * A department of the centre (技术支持部, 维修服务部 …): tickets involve departments, and a department's managers
 * receive its escalations and its daily check. {@code members} are everyone in the department, managers included
 * (a manager is a member with the manager flag), so "the departments of a user" needs one look only.
 *
 * @param calendarCode the business calendar its clocks run on; null = the centre's default calendar
 * @param managers     usernames of its managers (a subset of {@code members})
 * @param members      usernames of everyone in it
 */
public record Department(long id, String code, String name, String calendarCode, Set<String> managers,
                         Set<String> members) {
    public Department {
        managers = Set.copyOf(managers);
        members = Set.copyOf(members);
    }

    public boolean isManager(String username) {
        return managers.contains(username);
    }

    public boolean hasMember(String username) {
        return members.contains(username);
    }
}
