using Microsoft.Playwright;
using NPCS.Reviews.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Accessibility;

/// <summary>The administrator's pages and the set-password page a new user lands on pass axe too, and work by keyboard.</summary>
[Collection(UsesBrowser.Name)]
public sealed class AdministrationAxeTests(BrowserFixture app)
{
    [Fact]
    public async Task Administrator_opens_an_account_and_the_new_user_sets_a_password_with_no_accessibility_violations()
    {
        await using var admin = await app.NewContextAsync();
        var page = await admin.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@demo.local");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the user list");

        await page.GetByRole(AriaRole.Link, new() { Name = "New user" }).ClickAsync();
        await Axe.AssertNoViolationsAsync(page, "the new-user form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        await Expect(page.GetByText("Enter the person's work email address.").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the new-user form with errors");

        var email = $"axe.{Guid.NewGuid().ToString("N")[..8]}@demo.local";
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Display name").FillAsync("Avery Axe");
        await page.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Facilitator" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create user" }).ClickAsync();
        var link = (await page.Locator("#password-link").TextContentAsync())!.Trim();
        await Axe.AssertNoViolationsAsync(page, "the one-time link panel");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to users" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Avery Axe" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Avery Axe", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the user page");

        await page.GotoAsync("Admin/Policy");
        await Axe.AssertNoViolationsAsync(page, "the review policy page");
        await page.GetByLabel("Days from notification to review completion").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Expect(page.GetByText("The review cannot be due for completion before its first debrief.").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the review policy page with an error");

        // The new person, by keyboard only, on the page their link opens.
        await using var newcomer = await app.NewContextAsync();
        var own = await newcomer.NewPageAsync();
        await own.GotoAsync(link);
        await Axe.AssertNoViolationsAsync(own, "the set-password page");
        await own.GetByLabel("New password", new() { Exact = true }).FocusAsync();
        await own.Keyboard.TypeAsync("a keyboard only passphrase");
        await own.Keyboard.PressAsync("Tab");
        await own.Keyboard.TypeAsync("a keyboard only passphrase");
        await own.Keyboard.PressAsync("Enter");
        await Expect(own.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set.");
        await Axe.AssertNoViolationsAsync(own, "the set-password confirmation");
    }
}
