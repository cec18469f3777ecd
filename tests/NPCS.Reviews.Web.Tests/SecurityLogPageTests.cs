using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class SecurityLogPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string UnknownEmail = "nobody.by.that.name@demo.local";
    private const string TypedPassword = "Typed-Wrong-Password-7731";

    [Fact]
    public async Task Should_show_sign_ins_failures_and_account_changes_of_the_jurisdiction_newest_first()
    {
        using (var visitor = app.CreateAppClient())
        {
            await visitor.SignInAsync("facilitator@demo.local", TypedPassword);
            await visitor.SignInAsync(UnknownEmail, TypedPassword);
            await visitor.SignInAsync("other.caseworker@demo.local", TypedPassword);
        }

        using var admin = await app.SignInAsync("admin@demo.local");
        var created = await admin.SubmitAsync(await admin.GetPageAsync("/Admin/Users/Create"), "main form", new()
        {
            ["Data.Email"] = ["logged.person@demo.local"],
            ["Data.DisplayName"] = ["Logan Logged"],
            ["Data.Role"] = ["Caseworker"],
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = await app.UserIdAsync("logged.person@demo.local");
        await admin.SubmitAsync(await admin.GetPageAsync($"/Admin/Users/{id}"), "form[action*='handler=Role']", new() { ["Role.Role"] = ["Facilitator"] });
        await admin.SubmitAsync(await admin.GetPageAsync($"/Admin/Users/{id}"), "form[action*='handler=Lock']");
        await admin.SubmitAsync(await admin.GetPageAsync($"/Admin/Users/{id}"), "form[action*='handler=Lock']");

        var log = await admin.GetPageAsync("/Admin/SecurityLog");
        var rows = log.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(
            ["Account unlocked", "Account locked", "Role changed", "Account opened", "Signed in", "Sign-in failed"],
            rows.Select(r => r[1]).Take(6));
        Assert.Equal(["Logan Logged (logged.person@demo.local)", "Alex Administrator (admin@demo.local)", "Caseworker to Facilitator"], rows[2][2..5]);
        Assert.Equal(["Frances Facilitator (facilitator@demo.local)", "Not signed in", "wrong password"], rows[5][2..5]);
        Assert.All(rows, r => Assert.Equal("192.0.2.10", r[5]));

        // Other County's attempt and the unknown account are not Demo County's to see.
        var text = log.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("other.caseworker", text, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown account", text, StringComparison.Ordinal);

        var failures = await admin.GetPageAsync("/Admin/SecurityLog?kind=SignInFailed");
        Assert.All(failures.QuerySelectorAll("tbody tr"), r => Assert.Equal("Sign-in failed", r.QuerySelectorAll("td")[1].TextContent.Trim()));
        Assert.Equal("SignInFailed", failures.QuerySelector("#kind option[selected]")?.GetAttribute("value"));

        // Kept, but without what was typed: no password, and no name that matches no account.
        var stored = await app.QueryDbAsync(db => db.SecurityEvents.IgnoreQueryFilters().AsNoTracking().ToListAsync());
        var unknown = Assert.Single(stored, e => e.Detail == "unknown account");
        Assert.Null(unknown.SubjectUserId);
        Assert.Null(unknown.JurisdictionId);
        Assert.DoesNotContain(stored, e => $"{e.Detail}{e.ActorUserId}{e.SubjectUserId}{e.ClientAddress}".Contains(TypedPassword, StringComparison.Ordinal)
            || $"{e.Detail}".Contains(UnknownEmail, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(UnknownEmail, StringComparison.Ordinal) || l.Contains(TypedPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_record_a_lockout_after_five_wrong_passwords()
    {
        using var visitor = app.CreateAppClient();
        for (var i = 0; i < 5; i++)
        {
            await visitor.SignInAsync("other.caseworker@demo.local", TypedPassword);
        }

        var kinds = await app.QueryDbAsync(db => db.SecurityEvents.IgnoreQueryFilters()
            .Where(e => e.SubjectUserId == db.Users.Single(u => u.Email == "other.caseworker@demo.local").Id)
            .Select(e => e.Kind).ToListAsync());
        Assert.Contains(SecurityEventKind.LockedOut, kinds);
        await app.UnlockAsync("other.caseworker@demo.local");
    }

    [Fact]
    public async Task Should_never_change_or_delete_a_line_of_the_security_log()
    {
        using (var visitor = app.CreateAppClient())
        {
            await visitor.SignInAsync("caseworker@demo.local", TypedPassword);
        }

        await app.QueryDbAsync(async db =>
        {
            await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE SecurityEvents SET Detail = 'changed'"));
            await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM SecurityEvents"));
            db.Remove(await db.SecurityEvents.IgnoreQueryFilters().FirstAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            return 0;
        });
    }

    [Theory]
    [InlineData("/Admin/SecurityLog?kind=NoSuchKind")]
    [InlineData("/Admin/SecurityLog?kind=999")]
    [InlineData("/Admin/SecurityLog?p=abc")]
    [InlineData("/Admin/SecurityLog?p=99999")]
    public async Task Should_answer_a_hand_edited_filter_with_the_whole_log(string url)
    {
        using var admin = await app.SignInAsync("admin@demo.local");

        var page = await admin.GetPageAsync(url);

        Assert.NotNull(page.QuerySelector("table"));
        if (url.Contains("kind", StringComparison.Ordinal))
        {
            Assert.Equal("Choose a kind of event from the list.", page.FieldError("Kind"));
        }
    }
}
