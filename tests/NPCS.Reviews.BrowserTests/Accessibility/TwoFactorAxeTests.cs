using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.Application.Data.Seeding;
using NPCS.Reviews.Application.Security;
using NPCS.Reviews.BrowserTests.Infrastructure;
using NPCS.Reviews.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Accessibility;

/// <summary>Setting up an authenticator app and signing in with it, in a real browser under the content security policy, with axe on every new page.</summary>
[Collection(UsesBrowser.Name)]
public sealed class TwoFactorAxeTests(BrowserFixture app)
{
    [Fact]
    public async Task Person_sets_up_an_authenticator_app_and_signs_in_with_its_code_with_no_accessibility_violations()
    {
        var email = await NewAccountAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, email);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Two-factor sign-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for adding NPCS.Reviews to your authenticator app" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the two-factor setup page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.GetByText("Enter the 6-digit code your authenticator app shows.").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the two-factor setup page with an error");

        var key = (await page.Locator("#shared-key").TextContentAsync())!.Trim();
        await page.GetByLabel("Code from the app").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your recovery codes" })).ToBeVisibleAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await Axe.AssertNoViolationsAsync(page, "the recovery codes");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter your authenticator code", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the authenticator code page");

        await page.GetByLabel("Authenticator code").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText("The code is the 6 digits your authenticator app shows, like 123 456.").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the authenticator code page with an error");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with a recovery code" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in with a recovery code", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the recovery code page");
        await page.GotoAsync("Account/LoginWith2fa");

        await page.GetByLabel("Authenticator code").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome" })).ToBeVisibleAsync();

        await page.GotoAsync("Account/TwoFactor");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in is on" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the two-factor page when it is on");

        await using var adminContext = await app.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await BrowserFixture.SignInAsync(admin, "admin@demo.local");
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Security log" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "Two-factor sign-in turned on" }).First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(admin, "the security log");
    }

    /// <summary>An account of its own, so turning two-factor on never changes how other tests sign in.</summary>
    private async Task<string> NewAccountAsync()
    {
        var email = $"twofactor.{Guid.NewGuid().ToString("N")[..8]}@demo.local";
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReviewsDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var demo = await db.Jurisdictions.IgnoreQueryFilters().Where(j => j.Code == Seeder.DemoCode).Select(j => j.Id).SingleAsync();
        var user = ApplicationUser.Open(email, "Tova Two-Factor", demo, DateTimeOffset.UtcNow);
        Assert.True((await users.CreateAsync(user, BrowserFixture.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Caseworker)).Succeeded);
        return email;
    }
}
