package org.hotline.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.user.Account;
import org.hotline.platform.user.AccountEdit;
import org.hotline.platform.user.AccountEdited;
import org.hotline.platform.user.LoginOutcome;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The administrator's side of the user directory: edit names, roles, skills, reset passwords, disable accounts. */
class AccountAdministrationTest extends DatabaseTestSupport {
    private DbUserDirectory users;

    @BeforeAll
    void setUp() {
        users = new DbUserDirectory(db, clock, new PasswordHasher(2_000), LockoutPolicy.DEFAULT);
        users.create("boss", "赵强", "demo".toCharArray(), Set.of(Role.ADMIN), Set.of());
    }

    @Test
    void anAdminGivesAUserMoreRolesSkillsAndANewName() {
        users.create("zhou", "周明", "demo".toCharArray(), Set.of(Role.AGENT), Set.of("repair"));

        AccountEdited edited = users.update("boss", "zhou",
                new AccountEdit("周明明", Set.of(Role.ENGINEER, Role.COORDINATOR), Set.of("consultation"), null));

        assertThat(edited.after().user().displayName()).isEqualTo("周明明");
        assertThat(edited.after().user().roles()).containsExactlyInAnyOrder(Role.ENGINEER, Role.COORDINATOR);
        assertThat(edited.after().user().skills()).containsExactly("consultation");
        assertThat(edited.endsSessions()).isTrue();
        assertThat(edited.describe()).isEqualTo("displayName 周明 → 周明明; roles AGENT → COORDINATOR,ENGINEER; "
                + "skills repair → consultation");
        assertThat(users.find("zhou").orElseThrow().roles()).containsExactlyInAnyOrder(Role.ENGINEER,
                Role.COORDINATOR);
    }

    @Test
    void fieldsLeftOutOfAnEditStayAsTheyWere() {
        users.create("wu", "吴婷", "demo".toCharArray(), Set.of(Role.COORDINATOR), Set.of("consultation"));

        AccountEdited edited = users.update("boss", "wu", new AccountEdit("吴婷婷", null, null, null));

        assertThat(edited.after().user().roles()).containsExactly(Role.COORDINATOR);
        assertThat(edited.after().user().skills()).containsExactly("consultation");
        assertThat(edited.endsSessions()).isFalse();
    }

    @Test
    void aDisabledAccountCannotLogInEvenWithTheRightPasswordAndCanBeEnabledAgain() {
        users.create("ma", "马军", "demo".toCharArray(), Set.of(Role.DEPARTMENT_MANAGER), Set.of());

        AccountEdited disabled = users.update("boss", "ma", new AccountEdit(null, null, null, true));

        assertThat(disabled.after().disabled()).isTrue();
        assertThat(disabled.after().disabledAt()).isEqualTo(NOW);
        assertThat(disabled.endsSessions()).isTrue();
        assertThat(users.login("ma", "demo".toCharArray()))
                .isEqualTo(new LoginOutcome.Rejected(LoginOutcome.Reason.DISABLED, false));
        assertThat(users.login("ma", "wrong".toCharArray()))
                .isEqualTo(new LoginOutcome.Rejected(LoginOutcome.Reason.WRONG_PASSWORD, false));

        users.update("boss", "ma", new AccountEdit(null, null, null, false));

        assertThat(users.authenticate("ma", "demo".toCharArray())).isPresent();
        assertThat(users.account("ma").orElseThrow().disabled()).isFalse();
    }

    @Test
    void anAdminCannotTakeAwayTheirOwnAdminRoleNorDisableThemselves() {
        assertThatThrownBy(() -> users.update("boss", "boss", new AccountEdit(null, Set.of(Role.SUPERVISOR), null,
                null))).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("roles"));
        assertThatThrownBy(() -> users.update("boss", "boss", new AccountEdit(null, null, null, true)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("disabled"));

        Account boss = users.account("boss").orElseThrow();
        assertThat(boss.user().roles()).containsExactly(Role.ADMIN);
        assertThat(boss.disabled()).isFalse();
    }

    @Test
    void anAdminMayAddRolesToTheirOwnAccount() {
        users.create("root2", "林华", "demo".toCharArray(), Set.of(Role.ADMIN), Set.of());

        AccountEdited edited = users.update("root2", "root2",
                new AccountEdit(null, Set.of(Role.ADMIN, Role.CENTRE_HEAD), null, false));

        assertThat(edited.after().user().roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.CENTRE_HEAD);
    }

    @Test
    void anInvalidEditNamesTheFieldAndChangesNothing() {
        users.create("he", "何敏", "demo".toCharArray(), Set.of(Role.COMPLAINT_MANAGER), Set.of());

        assertThatThrownBy(() -> users.update("boss", "he", new AccountEdit("新名字", Set.of(), null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("roles"));
        assertThatThrownBy(() -> users.update("boss", "he", new AccountEdit(null, null, Set.of("Not A Skill"), null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("skills"));
        assertThatThrownBy(() -> users.update("boss", "he", new AccountEdit(" ", null, null, null)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("displayName"));

        assertThat(users.find("he").orElseThrow().displayName()).isEqualTo("何敏");
    }

    @Test
    void editingAnUnknownUserIsNotFound() {
        assertThatThrownBy(() -> users.update("boss", "ghost", new AccountEdit("x", null, null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> users.resetPassword("ghost", "secret".toCharArray()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aResetPasswordReplacesTheOldOneAndLiftsALockout() {
        users.create("zheng", "郑浩", "old-pass".toCharArray(), Set.of(Role.COMPLAINT_HANDLER), Set.of());
        for (int i = 0; i < 10; i++) {
            users.login("zheng", "wrong".toCharArray());
        }
        assertThat(users.account("zheng").orElseThrow().lockedAt()).isNotNull();

        Account reset = users.resetPassword("zheng", "new-pass".toCharArray());

        assertThat(reset.lockedAt()).isNull();
        assertThat(users.authenticate("zheng", "old-pass".toCharArray())).isEmpty();
        assertThat(users.authenticate("zheng", "new-pass".toCharArray())).isPresent();
        assertThatThrownBy(() -> users.resetPassword("zheng", "ab".toCharArray()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("password"));
    }

    @Test
    void accountsListsEveryUserWithItsState() {
        assertThat(users.accounts()).extracting(Account::username).contains("boss");
        assertThat(users.accounts()).extracting(Account::username).isSorted();
    }
}
