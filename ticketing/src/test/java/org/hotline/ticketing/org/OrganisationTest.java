package org.hotline.ticketing.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.org.Department;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.user.DbUserDirectory;
import org.hotline.ticketing.user.LockoutPolicy;
import org.hotline.ticketing.user.PasswordHasher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrganisationTest extends DatabaseTestSupport {
    private DbOrganisation org;

    @BeforeAll
    void setUp() {
        DbUserDirectory users = new DbUserDirectory(db, clock, new PasswordHasher(2_000), LockoutPolicy.DEFAULT);
        for (String name : new String[] {"ma", "zhou", "zheng", "he"}) {
            users.create(name, "用户", "demo".toCharArray(), Set.of(Role.ENGINEER), Set.of());
        }
        org = new DbOrganisation(db, clock);
    }

    @Test
    void aCreatedDepartmentHasNoStaffAndTheDefaultCalendar() {
        Department d = org.create("TECH", "技术支持部", null);

        assertThat(d.code()).isEqualTo("TECH");
        assertThat(d.name()).isEqualTo("技术支持部");
        assertThat(d.calendarCode()).isNull();
        assertThat(d.members()).isEmpty();
        assertThat(org.find("TECH")).contains(d);
        assertThat(org.departments()).contains(d);
    }

    @Test
    void managersAreMembersToo() {
        org.create("REPAIR", "维修服务部", "CN-2027");

        Department d = org.setStaff("REPAIR", Set.of("zhou"), Set.of("ma"));

        assertThat(d.members()).containsExactlyInAnyOrder("zhou", "ma");
        assertThat(d.managers()).containsExactly("ma");
        assertThat(org.departmentsOf("ma")).extracting(Department::code).contains("REPAIR");
        assertThat(org.managedBy("ma")).extracting(Department::code).contains("REPAIR");
        assertThat(org.managedBy("zhou")).extracting(Department::code).doesNotContain("REPAIR");
    }

    @Test
    void settingStaffReplacesTheWholeList() {
        org.create("SERVICE", "客户服务部", null);
        org.setStaff("SERVICE", Set.of("zheng", "he"), Set.of("he"));

        Department d = org.setStaff("SERVICE", Set.of("zhou"), Set.of());

        assertThat(d.members()).containsExactly("zhou");
        assertThat(d.managers()).isEmpty();
        assertThat(org.departmentsOf("he")).extracting(Department::code).doesNotContain("SERVICE");
    }

    @Test
    void anUnknownMemberIsRefusedByFieldAndNothingChanges() {
        org.create("QUALITY", "质量管理部", null);
        org.setStaff("QUALITY", Set.of("zheng"), Set.of());

        assertThatThrownBy(() -> org.setStaff("QUALITY", Set.of("zhou", "nobody"), Set.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("members"));
        assertThatThrownBy(() -> org.setStaff("QUALITY", Set.of(), Set.of("nobody")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("managers"));

        assertThat(org.find("QUALITY").orElseThrow().members()).containsExactly("zheng");
    }

    @Test
    void aDepartmentCreatedWithAnUnknownMemberIsNotCreatedAtAll() {
        assertThatThrownBy(() -> org.create("PARTS", "备件部", null, Set.of("zhou", "nobody"), Set.of("ma")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("members"));

        assertThat(org.find("PARTS")).isEmpty();
        assertThat(org.create("PARTS", "备件部", null, Set.of("zhou"), Set.of("ma")).managers()).containsExactly("ma");
    }

    @Test
    void anEditChangesOnlyWhatItNamesAndTellsWhatChanged() {
        org.create("AUDIT", "审计部", null, Set.of("zheng"), Set.of("he"));

        var edited = org.edit("AUDIT", new org.hotline.platform.org.DepartmentEdit(null, "CN-2027", null,
                Set.of("zheng")));

        assertThat(edited.after().name()).isEqualTo("审计部");
        assertThat(edited.after().calendarCode()).isEqualTo("CN-2027");
        assertThat(edited.after().managers()).containsExactly("zheng");
        assertThat(edited.after().members()).containsExactlyInAnyOrder("zheng", "he");
        assertThat(edited.describe()).isEqualTo("calendarCode - → CN-2027; managers he → zheng");
    }

    @Test
    void updateRenamesAndSetsTheCalendar() {
        org.create("SALES", "销售部", null);

        Department d = org.update("SALES", "市场销售部", "CN-2027");

        assertThat(d.name()).isEqualTo("市场销售部");
        assertThat(d.calendarCode()).isEqualTo("CN-2027");
        assertThat(org.update("SALES", "市场销售部", "").calendarCode()).isNull();
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> org.create("lower", "名字", null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("code"));
        assertThatThrownBy(() -> org.create("GOOD", " ", null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThatThrownBy(() -> org.create("GOOD", "名字", "no spaces"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("calendarCode"));
        assertThat(org.find("GOOD")).isEmpty();
    }

    @Test
    void aTakenCodeIsAConflictAndAnUnknownOneIsNotFound() {
        org.create("LEGAL", "法务部", null);

        assertThatThrownBy(() -> org.create("LEGAL", "法务部二", null)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> org.update("NOPE", "名字", null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> org.setStaff("NOPE", Set.of(), Set.of())).isInstanceOf(NotFoundException.class);
        assertThat(org.find("NOPE")).isEmpty();
        assertThat(org.find("not a code")).isEmpty();
    }
}
