using System.Net;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class AdministrationPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Should_open_an_account_whose_one_time_link_lets_the_person_choose_a_password_and_sign_in()
    {
        using var admin = await app.SignInAsync("admin@demo.local");
        var form = await admin.GetPageAsync("/Admin/Users/Create");
        var created = await admin.SubmitAsync(form, "main form", new()
        {
            ["Data.Email"] = ["jordan@demo.local"],
            ["Data.DisplayName"] = ["Jordan Reviewer"],
            ["Data.Role"] = ["Caseworker"],
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var link = (await AppClient.ParseAsync(created)).QuerySelector("#password-link")?.TextContent.Trim();
        Assert.StartsWith("https://localhost/Account/SetPassword?userId=", link, StringComparison.Ordinal);

        using var newcomer = app.CreateAppClient();
        var setPassword = await newcomer.GetPageAsync(new Uri(link!).PathAndQuery);
        var tooShort = await newcomer.SubmitAsync(setPassword, "main form", new() { ["Input.Password"] = ["short"], ["Input.ConfirmPassword"] = ["short"] });
        Assert.Equal("Use at least 12 characters.", (await AppClient.ParseAsync(tooShort)).FieldError("Input.Password"));
        var done = await newcomer.SubmitAsync(setPassword, "main form", new()
        {
            ["Input.Password"] = ["correct horse battery staple"],
            ["Input.ConfirmPassword"] = ["correct horse battery staple"],
        });
        Assert.Contains("Your password is set", (await AppClient.ParseAsync(done)).Body?.TextContent, StringComparison.Ordinal);

        var again = await newcomer.SubmitAsync(setPassword, "main form", new()
        {
            ["Input.Password"] = ["a different passphrase"],
            ["Input.ConfirmPassword"] = ["a different passphrase"],
        });
        Assert.Contains("expired or has already been used", (await AppClient.ParseAsync(again)).Body?.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await newcomer.SignInAsync("jordan@demo.local", "correct horse battery staple")).StatusCode);
        var users = await admin.GetPageAsync("/Admin/Users");
        Assert.Contains("Jordan Reviewer", users.Body?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_show_new_account_errors_beside_the_fields()
    {
        using var admin = await app.SignInAsync("admin@demo.local");
        var form = await admin.GetPageAsync("/Admin/Users/Create");

        var response = await admin.SubmitAsync(form, "main form", new()
        {
            ["Data.Email"] = ["not-an-email"],
            ["Data.DisplayName"] = [""],
            ["Data.Role"] = ["Analyst"],
        });

        var page = await AppClient.ParseAsync(response);
        Assert.Equal("Enter a valid email address, like name@agency.gov.", page.FieldError("Data.Email"));
        Assert.Equal("Enter the person's name as colleagues know it.", page.FieldError("Data.DisplayName"));
        Assert.Equal("Choose one of the listed roles.", page.FieldError("Data.Role"));
        Assert.Equal("not-an-email", page.InputValue("Data.Email"));
    }

    [Theory]
    [InlineData("caseworker@demo.local")]
    [InlineData("supervisor@demo.local")]
    [InlineData("analyst@demo.local")]
    public async Task Should_keep_other_roles_out_of_administration(string email)
    {
        using var client = await app.SignInAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(new Uri("/Admin/Users", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(new Uri("/Admin/Policy", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(new Uri("/Admin/SecurityLog", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("Role", "Role.Role=Caseworker", "You cannot change the role of your own account")]
    [InlineData("Lock", "locked=true", "You cannot lock your own account")]
    [InlineData("Lock", "locked=false", "You cannot unlock your own account")]
    [InlineData("Link", "", "You cannot issue a password link for your own account")]
    [InlineData("ResetTwoFactor", "", "You cannot reset two-factor sign-in for your own account")]
    public async Task Should_refuse_an_administrator_acting_on_their_own_account_even_by_a_hand_made_post(string handler, string field, string message)
    {
        using var admin = await app.SignInAsync("admin@demo.local");
        var self = await app.UserIdAsync("admin@demo.local");

        var response = await PostAsync(admin, $"/Admin/Users/{self}?handler={handler}", field);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await AppClient.ParseAsync(response)).QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        var (roles, locked) = await RolesAndLockAsync(self);
        Assert.Equal(["Administrator"], roles);
        Assert.False(locked);
    }

    [Theory]
    [InlineData("Role", "Role.Role=Administrator")]
    [InlineData("Lock", "locked=true")]
    [InlineData("Link", "")]
    [InlineData("ResetTwoFactor", "")]
    public async Task Should_answer_not_found_for_an_account_of_another_jurisdiction(string handler, string field)
    {
        using var admin = await app.SignInAsync("admin@demo.local");
        var other = await app.UserIdAsync("other.caseworker@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync(new Uri($"/Admin/Users/{other}", UriKind.Relative))).StatusCode);
        var response = await PostAsync(admin, $"/Admin/Users/{other}?handler={handler}", field);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var (roles, locked) = await RolesAndLockAsync(other);
        Assert.Equal(["Caseworker"], roles);
        Assert.False(locked);
    }

    private Task<(List<string?> Roles, bool Locked)> RolesAndLockAsync(string id) => app.QueryDbAsync(async db =>
    {
        var names = await db.UserRoles.Where(r => r.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        return (names, await db.Users.Where(u => u.Id == id).Select(u => u.LockoutEnd != null).SingleAsync());
    });

    /// <summary>A post no page offers, with a valid antiforgery token taken from the user list's page.</summary>
    private static async Task<HttpResponseMessage> PostAsync(AppClient client, string url, string field)
    {
        var page = await client.GetPageAsync("/Admin/Users/Create");
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        if (field.Length > 0)
        {
            var parts = field.Split('=');
            fields.Add(new(parts[0], parts[1]));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.Http.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    [Fact]
    public async Task Should_save_the_review_policy_and_explain_a_bad_value()
    {
        using var admin = await app.SignInAsync("admin@demo.local");
        var form = await admin.GetPageAsync("/Admin/Policy");
        Assert.Equal("36", form.InputValue("Data.LookBackMonths"));

        var bad = await admin.SubmitAsync(form, "main form", new() { ["Data.LookBackMonths"] = ["0"] });
        Assert.Equal("The look-back window must be between 1 and 120 months.", (await AppClient.ParseAsync(bad)).FieldError("Data.LookBackMonths"));

        Assert.Equal("America/New_York", form.QuerySelector("select[name='Data.TimeZoneId'] option[selected]")?.GetAttribute("value"));
        var badZone = await admin.SubmitAsync(form, "main form", new() { ["Data.TimeZoneId"] = ["Europe/Paris"] });
        Assert.Equal("Choose a time zone from the list.", (await AppClient.ParseAsync(badZone)).FieldError("Data.TimeZoneId"));

        var badRequirement = await AppClient.ParseAsync(await admin.SubmitAsync(form, "main form", new() { ["Data.RequireTwoFactorForSupervisors"] = ["-1"], ["Data.LookBackMonths"] = ["30"] }));
        Assert.Equal("Tick the box to require two-factor sign-in, or leave it empty.", badRequirement.FieldError("Data.RequireTwoFactorForSupervisors"));
        Assert.Equal("30", badRequirement.InputValue("Data.LookBackMonths"));

        var ok = await admin.SubmitAsync(form, "main form", new() { ["Data.LookBackMonths"] = ["24"], ["Data.TimeZoneId"] = ["America/Chicago"] });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var saved = await admin.GetPageAsync("/Admin/Policy");
        Assert.Equal("24", saved.InputValue("Data.LookBackMonths"));
        Assert.Equal("America/Chicago", saved.QuerySelector("select[name='Data.TimeZoneId'] option[selected]")?.GetAttribute("value"));
    }
}
