using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NPCS.Reviews.Application.Data;
using NPCS.Reviews.BrowserTests.Infrastructure;
using NPCS.Reviews.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Accessibility;

/// <summary>
/// Surveys in real Chromium: the questionnaire answered with the keyboard alone on a 320 px wide
/// screen, and axe on the questionnaire, the wave pages and the results with their charts.
/// </summary>
[Collection(UsesBrowser.Name)]
public sealed class SurveyAxeTests(BrowserFixture app)
{
    private async Task<T> DbAsync<T>(Func<ReviewsDbContext, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ReviewsDbContext>());
    }

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320");

    [Fact]
    public async Task A_person_answers_the_whole_survey_with_the_keyboard_on_a_320_px_screen()
    {
        var wave = await DbAsync(db => SurveyScene.OpenAsync(db, "DEMO", Incident.Today, Incident.Today.AddDays(5), ("Keyboard unit", 1)));
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 320, Height = 640 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("Survey?token=" + wave.Tokens["Keyboard unit"][0]);
        await Expect(page.Locator("#progress-text")).ToHaveTextAsync("Page 1 of 3");
        Assert.True(await FitsAsync(page), "The questionnaire scrolls sideways at 320 px.");
        await Axe.AssertNoViolationsAsync(page, "the questionnaire at 320 px");

        // Tab to the first answer of the first statement.
        for (var i = 0; i < 10 && !await page.EvaluateAsync<bool>("() => document.activeElement?.type === 'radio'"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        for (var step = 1; step <= 3; step++)
        {
            var groups = await page.Locator("main form fieldset").CountAsync();
            for (var g = 0; g < groups; g++)
            {
                // Tab lands on the group's first answer; Space chooses it; Tab goes on to the next statement.
                Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement?.type === 'radio'"), $"Page {step}: focus is not on an answer of statement {g + 1}.");
                await page.Keyboard.PressAsync("Space");
                await page.Keyboard.PressAsync("Tab");
            }

            if (step > 1)
            {
                // Past the "Previous page" button, and back to it with Shift+Tab, then on again.
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Previous page" })).ToBeFocusedAsync();
                await page.Keyboard.PressAsync("Tab");
                await page.Keyboard.PressAsync("Shift+Tab");
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Previous page" })).ToBeFocusedAsync();
                await page.Keyboard.PressAsync("Tab");
            }

            var button = page.GetByRole(AriaRole.Button, new() { Name = step == 3 ? "Submit my answers" : "Save and continue" });
            await Expect(button).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            if (step < 3)
            {
                await Expect(page.Locator("#progress-text")).ToHaveTextAsync($"Page {step + 1} of 3");
                Assert.True(await FitsAsync(page), $"Page {step + 1} scrolls sideways at 320 px.");
                await page.Keyboard.PressAsync("Tab");
                for (var i = 0; i < 10 && !await page.EvaluateAsync<bool>("() => document.activeElement?.type === 'radio'"); i++)
                {
                    await page.Keyboard.PressAsync("Tab");
                }
            }
        }

        await Expect(page.GetByText("Thank you: your answers are in.")).ToBeVisibleAsync();
        Assert.True(await FitsAsync(page));
        await Axe.AssertNoViolationsAsync(page, "the thank-you page");
        Assert.Empty(BrowserFixture.CspViolations(page));
        Assert.Equal(1, await DbAsync(db => Task.FromResult(db.SurveyResponses.IgnoreQueryFilters().Count(r => r.WaveId == wave.WaveId))));
    }

    [Fact]
    public async Task The_questionnaire_with_errors_passes_axe()
    {
        var wave = await DbAsync(db => SurveyScene.OpenAsync(db, "DEMO", Incident.Today, Incident.Today.AddDays(5), ("Errors unit", 1)));
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("Survey?token=" + wave.Tokens["Errors unit"][0]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Expect(page.GetByText("Choose an answer, or \"Prefer not to say\".").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the questionnaire with errors");
    }

    [Fact]
    public async Task Administrator_opens_a_wave_makes_links_and_reads_results_with_no_accessibility_violations()
    {
        await using var admin = await app.NewContextAsync();
        var page = await admin.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin@demo.local");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Surveys", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Safety culture surveys", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the survey waves");

        await page.GetByRole(AriaRole.Link, new() { Name = "Instruments" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Survey instruments", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the instruments");

        await page.GotoAsync("Surveys/New");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the wave" }).ClickAsync();
        await Expect(page.GetByText("Enter a title.").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the new wave form with errors");

        var title = "Axe wave " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Unit 1 name").FillAsync("Axe team");
        await page.GetByLabel("Unit 1 invited").FillAsync("6");
        await page.GetByLabel("Unit 2 name").FillAsync("Small team");
        await page.GetByLabel("Unit 2 invited").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the wave" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Invitation links: {title}" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the links page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the invitation links" }).ClickAsync();
        await Expect(page.Locator("[data-link]")).ToHaveCountAsync(9);
        await Axe.AssertNoViolationsAsync(page, "the links made");

        var waveId = int.Parse(page.Url.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
        await DbAsync(async db =>
        {
            await SurveyScene.AddResponsesAsync(db, waveId, "Axe team", 6, 6, Incident.Today);
            await SurveyScene.AddResponsesAsync(db, waveId, "Small team", 2, 3, Incident.Today);
            return 0;
        });

        await page.GotoAsync($"Surveys/{waveId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Domain scores" })).ToBeVisibleAsync();
        await Expect(page.Locator(".survey-chart canvas")).ToHaveCountAsync(2);
        await Axe.AssertNoViolationsAsync(page, "the results with charts");
        Assert.Empty(BrowserFixture.CspViolations(page));
    }

    [Fact]
    public async Task Analyst_imports_into_the_survey_hub_with_no_accessibility_violations()
    {
        await using var analyst = await app.NewContextAsync();
        var page = await analyst.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "analyst@demo.local");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Survey hub", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Survey hub", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the survey hub");

        await page.GetByLabel("Survey aggregate (JSON, at most 1 MB)").SetInputFilesAsync(new FilePayload
        {
            Name = "broken.json",
            MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes("""{"schemaVersion": "1.0"}"""),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Expect(page.Locator("#Import_File-error li").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the survey hub with a refused file");
    }
}
