using Microsoft.Playwright;
using NPCS.Reviews.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Accessibility;

[Collection(UsesBrowser.Name)]
public sealed class KeyboardTests(BrowserFixture app)
{
    [Theory]
    [InlineData(null, "Account/Login")]
    [InlineData("caseworker@demo.local", "Reviews/New")]
    public async Task Skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(string? email, string path)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        if (email is not null)
        {
            await BrowserFixture.SignInAsync(page, email);
        }

        await page.GotoAsync(path);
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Expect(skip).Not.ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main#main")).ToBeFocusedAsync();

        // The next Tab continues inside the main content, not back in the header.
        await page.Keyboard.PressAsync("Tab");
        var insideMain = await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)");
        Assert.True(insideMain, "After the skip link, Tab should reach the first control in the main content.");
    }

    [Fact]
    public async Task Each_message_in_the_error_summary_is_a_link_that_takes_the_keyboard_to_its_field()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "caseworker@demo.local");
        await page.GotoAsync("Reviews/New");

        await IntakeForm.SaveAsync(page);

        // The summary takes focus (so it is read out), and shows it; its links come next in the tab order.
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary).ToHaveAttributeAsync("tabindex", "-1");
        await KeyboardOnly.AssertFocusVisibleAsync(page, "the error summary");
        var link = summary.GetByRole(AriaRole.Link, new() { Name = "Enter the agency case reference." });
        await link.FocusAsync();
        await KeyboardOnly.AssertFocusVisibleAsync(page, "a link in the error summary");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel("Agency case reference")).ToBeFocusedAsync();

        await summary.GetByRole(AriaRole.Link, new() { Name = "Choose the cause category." }).ClickAsync();
        await Expect(page.GetByLabel("Cause category")).ToBeFocusedAsync();
    }
}
