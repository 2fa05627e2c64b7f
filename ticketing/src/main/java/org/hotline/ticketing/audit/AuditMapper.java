package org.hotline.ticketing.audit;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.hotline.platform.audit.AuditEntry;

/** SQL for {@code audit_log}: insert and read, never update or delete. */
interface AuditMapper {
    @Insert("INSERT INTO audit_log (`at`, actor, address, `action`, target, outcome, detail) VALUES "
            + "(#{e.at}, #{e.actor}, #{e.address}, #{e.action}, #{e.target}, #{e.outcome}, #{e.detail})")
    void insert(@Param("e") AuditEntry entry);

    @Select("<script>SELECT `at`, actor, address, `action`, target, outcome, detail FROM audit_log"
            + "<where><if test='action != null'>`action` = #{action}</if>"
            + "<if test='actor != null'> AND actor = #{actor}</if></where>"
            + " ORDER BY id DESC LIMIT #{limit}</script>")
    List<AuditEntry> recent(@Param("action") String action, @Param("actor") String actor, @Param("limit") int limit);
}
