using System.Text;
using Microsoft.Playwright;
using NPCS.Reviews.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Accessibility;

/// <summary>The factor catalog page passes axe as it opens, with the add form's errors, after a retirement and with an import refused.</summary>
[Collection(UsesBrowser.Name)]
public sealed class CatalogAxeTests(BrowserFixture app)
{
    [Fact]
    public async Task Administrator_works_on_the_factor_catalog_with_no_accessibility_violations()
    {
        await using var admin = await app.NewContextAsync();
        var page = await admin.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync(); // the "are you sure?" of retiring and importing
        await BrowserFixture.SignInAsync(page, "admin@demo.local");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Factor catalog", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Factor catalog", Level = 1 })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the factor catalog");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await Expect(page.GetByText("Enter the item's name.").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the add-item form with errors");

        var code = "AXE-" + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Domain", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(code);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Axe item");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add item" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Item {code} added.");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Retire {code} Axe item" }).ClickAsync();
        await Expect(page.GetByText("Retired in version").First).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the catalog with a retired item");

        await page.GetByLabel("Catalog file to import").SetInputFilesAsync(new FilePayload
        {
            Name = "broken.json",
            MimeType = "application/json",
            Buffer = Encoding.UTF8.GetBytes("""{"name": "", "domains": []}"""),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import catalog" }).ClickAsync();
        // Beside the file field (the summary at the top lists it too).
        await Expect(page.Locator("form[enctype='multipart/form-data']").GetByText("The catalog's name is missing.")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page, "the import form with errors");
    }
}
