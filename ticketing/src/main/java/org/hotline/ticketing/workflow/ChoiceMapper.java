package org.hotline.ticketing.workflow;

import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.hotline.platform.ticket.workflow.ActionChoices.Choice;

/** SQL of the action forms' pickers: the users holding one of some roles, every department. */
public interface ChoiceMapper {
    @Select({"<script>SELECT DISTINCT u.username AS value, u.display_name AS label FROM users u",
        "JOIN user_roles r ON r.user_id = u.id WHERE r.role IN",
        "<foreach item='role' collection='roles' open='(' separator=',' close=')'>#{role}</foreach>",
        "ORDER BY u.username LIMIT 500</script>"})
    List<Choice> usersWithRoles(@Param("roles") Collection<String> roles);

    @Select("SELECT code AS value, name AS label FROM departments ORDER BY code")
    List<Choice> departments();
}
