using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Common;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Features.Administration;
using NPCS.Reviews.Application.Features.Intake;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.Domain;
using NPCS.Reviews.Tests.Support;

namespace NPCS.Reviews.Tests.Features.Administration;

public class AdministrationTests(SliceFixture fixture) : SliceTest(fixture, Users.Admin)
{
    private Task<string> IdOfAsync(string email) =>
        Fixture.QueryDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task Should_open_an_account_without_password_in_the_admins_jurisdiction_with_a_working_one_time_link()
    {
        var link = await Fixture.SendAsync<PasswordLink>(new CreateUser.Command
        {
            Email = "new.facilitator@demo.local",
            DisplayName = "Nia New",
            Role = Roles.Facilitator,
        });

        await Fixture.ExecuteScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByIdAsync(link.UserId);
            Assert.NotNull(user);
            Assert.Null(user.PasswordHash);
            Assert.Equal(Fixture.CurrentUser.JurisdictionId, user.JurisdictionId);
            Assert.Equal([Roles.Facilitator], await users.GetRolesAsync(user));

            Assert.True((await users.ResetPasswordAsync(user, link.Token, "a long enough passphrase")).Succeeded);
            Assert.True(await users.CheckPasswordAsync(user, "a long enough passphrase"));
            Assert.False((await users.ResetPasswordAsync(user, link.Token, "another long passphrase")).Succeeded);
        });
    }

    [Fact]
    public async Task Should_refuse_short_passwords()
    {
        var link = await Fixture.SendAsync<PasswordLink>(new CreateUser.Command
        {
            Email = "short.password@demo.local",
            DisplayName = "Shorty",
            Role = Roles.Caseworker,
        });

        await Fixture.ExecuteScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            var result = await users.ResetPasswordAsync((await users.FindByIdAsync(link.UserId))!, link.Token, "elevenchars");
            Assert.Contains(result.Errors, e => e.Code == "PasswordTooShort");
        });
    }

    [Fact]
    public async Task Should_validate_new_accounts()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<PasswordLink>(new CreateUser.Command
        {
            Email = Users.Caseworker,
            DisplayName = "",
            Role = Roles.Analyst,
        }));

        Assert.Contains("An account with this email address already exists.", error.Errors[nameof(CreateUser.Command.Email)]);
        Assert.Contains("Enter the person's name as colleagues know it.", error.Errors[nameof(CreateUser.Command.DisplayName)]);
        Assert.Contains("Choose one of the listed roles.", error.Errors[nameof(CreateUser.Command.Role)]);
    }

    [Fact]
    public async Task Should_ask_for_every_field_of_an_empty_new_account()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync<PasswordLink>(new CreateUser.Command()));

        Assert.Equal(["Enter the person's work email address."], error.Errors[nameof(CreateUser.Command.Email)]);
        Assert.Equal(["Enter the person's name as colleagues know it."], error.Errors[nameof(CreateUser.Command.DisplayName)]);
        Assert.Equal(["Choose a role."], error.Errors[nameof(CreateUser.Command.Role)]);
    }

    [Fact]
    public async Task Should_ask_for_a_role_and_a_time_zone_when_they_are_left_empty()
    {
        var caseworker = await IdOfAsync(Users.Caseworker);
        var role = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(new ManageUser.ChangeRoleCommand { Id = caseworker, Role = "" }));
        Assert.Equal(["Choose a role."], role.Errors[nameof(ManageUser.ChangeRoleCommand.Role)]);

        var policy = await Fixture.SendAsync<EditPolicy.Command>(new EditPolicy.Query());
        policy.TimeZoneId = "";
        policy.DaysToFirstDebrief = null;
        policy.DaysToCompletion = null;
        var errors = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(policy));
        Assert.Equal(["Choose the agency's time zone."], errors.Errors[nameof(EditPolicy.Command.TimeZoneId)]);
        Assert.Equal(["Enter the days from notification to review completion."], errors.Errors[nameof(EditPolicy.Command.DaysToCompletion)]);
    }

    [Fact]
    public async Task Should_list_and_manage_only_the_admins_own_jurisdiction()
    {
        var rows = await Fixture.SendAsync<IReadOnlyList<ListUsers.Row>>(new ListUsers.Query());
        Assert.Contains(rows, r => r.Email == Users.Caseworker && r.Role == Roles.Caseworker);
        Assert.DoesNotContain(rows, r => r.Email == Users.OtherCaseworker);
        Assert.DoesNotContain(rows, r => r.Email == Users.Analyst);

        var otherId = await IdOfAsync(Users.OtherCaseworker);
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync<ManageUser.Details>(new ManageUser.Query(otherId)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new ManageUser.SetLockCommand(otherId, true)));
        await Assert.ThrowsAsync<NotFoundException>(() => Fixture.SendAsync(new ManageUser.ChangeRoleCommand { Id = otherId, Role = Roles.Supervisor }));
    }

    [Fact]
    public async Task Should_change_a_role_lock_and_unlock_but_never_the_admins_own_account()
    {
        var link = await Fixture.SendAsync<PasswordLink>(new CreateUser.Command { Email = "role.change@demo.local", DisplayName = "Rory", Role = Roles.Caseworker });

        await Fixture.SendAsync(new ManageUser.ChangeRoleCommand { Id = link.UserId, Role = Roles.Supervisor });
        await Fixture.SendAsync(new ManageUser.SetLockCommand(link.UserId, true));
        var locked = await Fixture.SendAsync<ManageUser.Details>(new ManageUser.Query(link.UserId));
        Assert.Equal(Roles.Supervisor, locked.Role);
        Assert.True(locked.Locked);

        await Fixture.SendAsync(new ManageUser.SetLockCommand(link.UserId, false));
        Assert.False((await Fixture.SendAsync<ManageUser.Details>(new ManageUser.Query(link.UserId))).Locked);

        var self = await IdOfAsync(Users.Admin);
        await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new ManageUser.ChangeRoleCommand { Id = self, Role = Roles.Caseworker }));
        await Assert.ThrowsAsync<DomainException>(() => Fixture.SendAsync(new ManageUser.SetLockCommand(self, true)));
    }

    [Fact]
    public async Task Should_refuse_administration_to_other_roles()
    {
        await Fixture.RunAsUserAsync(Users.Supervisor);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<IReadOnlyList<ListUsers.Row>>(new ListUsers.Query()));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Fixture.SendAsync<EditPolicy.Command>(new EditPolicy.Query()));
    }

    [Fact]
    public async Task Should_apply_a_changed_policy_to_new_incidents()
    {
        var policy = await Fixture.SendAsync<EditPolicy.Command>(new EditPolicy.Query());
        Assert.Equal((36, 30, 90), (policy.LookBackMonths, policy.DaysToFirstDebrief, policy.DaysToCompletion));

        policy.DaysToCompletion = 10;
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => Fixture.SendAsync(policy));
        Assert.Contains("The review cannot be due for completion before its first debrief.", invalid.Errors[nameof(EditPolicy.Command.DaysToCompletion)]);

        policy.LookBackMonths = 24;
        policy.DaysToFirstDebrief = 14;
        policy.DaysToCompletion = 60;
        await Fixture.SendAsync(policy);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Fixture.SendAsync(policy));

        await Fixture.RunAsUserAsync(Users.Caseworker);
        var today = DateOnly.FromDateTime(Fixture.Time.Now.UtcDateTime);
        var command = Intakes.NewCommand(today);
        var created = await Fixture.SendAsync<CreateReview.Result>(command);
        var review = await Fixture.QueryDbAsync(db => db.Reviews.IgnoreQueryFilters().SingleAsync(r => r.Id == created.Id));
        Assert.Equal(command.NotifiedDate!.Value.AddDays(14), review.FirstDebriefDue);
        Assert.Equal(command.NotifiedDate!.Value.AddDays(60), review.CompletionDue);
    }
}
