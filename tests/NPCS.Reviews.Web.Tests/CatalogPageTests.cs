using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class CatalogPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Url = "/Admin/Catalog";

    private static string NewCode() => "W-" + Guid.NewGuid().ToString("N")[..8];

    private static string DomainOption(IDocument page, int index) =>
        page.QuerySelectorAll("#Item_DomainId option").Skip(1).ElementAt(index).GetAttribute("value")!;

    private static Task<HttpResponseMessage> UploadAsync(AppClient client, IDocument page, byte[]? file) =>
        client.UploadAsync(page, "Import.File", "catalog.json", "application/json", file);

    private static string ImportErrors(IDocument page) => page.QuerySelector("#Import_File-error")!.TextContent.Trim();

    [Fact]
    public async Task Should_show_the_catalog_by_domain_with_its_version_and_forms()
    {
        var client = await app.SignInAsync("admin@demo.local");

        var page = await client.GetPageAsync(Url);

        Assert.Equal("Factor catalog", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("version", page.QuerySelector(".lead")?.TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelectorAll("section.catalog-domain").Length >= 1);
        Assert.NotEmpty(page.QuerySelectorAll("table.catalog-table tbody th[scope='row']"));
        Assert.NotNull(page.QuerySelector("a[href='/Admin/Catalog'][aria-current='page']"));
        Assert.Equal(".json,application/json", page.QuerySelector("#Import_File")?.GetAttribute("accept"));
        Assert.NotNull(page.QuerySelector("label[for='Import_File']"));
    }

    [Theory]
    [InlineData("caseworker@demo.local")]
    [InlineData("facilitator@demo.local")]
    [InlineData("supervisor@demo.local")]
    public async Task Should_forbid_the_page_to_non_administrators(string email)
    {
        var client = await app.SignInAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(new Uri(Url, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(new Uri(Url + "?handler=Export", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Should_add_an_item_and_show_it_with_the_new_version()
    {
        var client = await app.SignInAsync("admin@demo.local");
        var page = await client.GetPageAsync(Url);
        var code = NewCode();

        var response = await client.SubmitAsync(page, "form[action*='handler=Add']", new()
        {
            ["Item.DomainId"] = [DomainOption(page, 0)],
            ["Item.Code"] = [code],
            ["Item.Name"] = ["Caseload at intake"],
            ["Item.Guidance"] = ["Too many new reports for the staff on duty."],
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetPageAsync(Url);
        var row = after.QuerySelectorAll("table.catalog-table tbody tr").Single(r => r.QuerySelector("th")?.TextContent == code);
        Assert.Contains("Caseload at intake", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Too many new reports for the staff on duty.", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"Item {code} added.", after.QuerySelector("[role='status']")?.TextContent);
    }

    [Fact]
    public async Task Should_show_messages_beside_the_fields_and_keep_the_typed_input()
    {
        var client = await app.SignInAsync("admin@demo.local");
        var page = await client.GetPageAsync(Url);
        var existing = page.QuerySelector("table.catalog-table tbody th[scope='row']")!.TextContent;

        var response = await client.SubmitAsync(page, "form[action*='handler=Add']", new()
        {
            ["Item.Code"] = [existing.ToLowerInvariant()],
            ["Item.Name"] = [""],
            ["Item.Guidance"] = ["Kept guidance"],
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await AppClient.ParseAsync(response);
        Assert.Equal("Choose the domain the item belongs to.", shown.FieldError("Item.DomainId"));
        Assert.Equal($"The code {existing.ToLowerInvariant()} is already used in this catalog (retired items keep their code). Choose another.", shown.FieldError("Item.Code"));
        Assert.Equal("Enter the item's name.", shown.FieldError("Item.Name"));
        Assert.Equal("true", shown.QuerySelector("#Item_Code")?.GetAttribute("aria-invalid"));
        Assert.Equal(existing.ToLowerInvariant(), shown.InputValue("Item.Code"));
        Assert.Equal("Kept guidance", shown.QuerySelector("#Item_Guidance")?.TextContent);
    }

    [Fact]
    public async Task Should_answer_hand_made_posts_with_messages_not_errors()
    {
        var client = await app.SignInAsync("admin@demo.local");
        var page = await client.GetPageAsync(Url);

        var add = await client.SubmitAsync(page, "form[action*='handler=Add']", new() { ["Item.DomainId"] = ["abc"], ["Item.Version"] = ["nonsense"], ["Item.Code"] = [NewCode()], ["Item.Name"] = ["X"] });
        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        Assert.NotEmpty((await AppClient.ParseAsync(add)).FieldError("Item.DomainId"));

        var retire = await client.SubmitAsync(page, "form[action*='handler=Retire']", new() { ["itemId"] = ["-1"] });
        Assert.Equal(HttpStatusCode.OK, retire.StatusCode);
        Assert.Contains("That item is not in this catalog.", (await AppClient.ParseAsync(retire)).QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);

        var stale = await client.SubmitAsync(page, "form[action*='handler=Retire']", new() { ["version"] = ["garbage"] });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.NotNull((await AppClient.ParseAsync(stale)).QuerySelector(".validation-summary-errors"));
    }

    [Fact]
    public async Task Should_retire_an_item_and_mark_it_with_its_version()
    {
        var client = await app.SignInAsync("admin@demo.local");
        var page = await client.GetPageAsync(Url);
        var code = NewCode();
        await client.SubmitAsync(page, "form[action*='handler=Add']", new() { ["Item.DomainId"] = [DomainOption(page, 0)], ["Item.Code"] = [code], ["Item.Name"] = ["To retire"] });
        page = await client.GetPageAsync(Url);
        var row = page.QuerySelectorAll("table.catalog-table tbody tr").Single(r => r.QuerySelector("th")?.TextContent == code);
        var itemId = row.QuerySelector("input[name='itemId']")!.GetAttribute("value")!;
        Assert.Contains("findings already coded with it keep it", row.QuerySelector("button[data-confirm]")!.GetAttribute("data-confirm"), StringComparison.Ordinal);

        var response = await client.SubmitAsync(page, "form[action*='handler=Retire']", new() { ["itemId"] = [itemId] });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetPageAsync(Url);
        var retired = after.QuerySelectorAll("table.catalog-table tbody tr").Single(r => r.QuerySelector("th")?.TextContent == code);
        var version = await app.QueryDbAsync(db => db.FactorCatalogs.IgnoreQueryFilters().Where(c => c.IsCurrent && c.Domains.Any(d => d.Items.Any(i => i.Code == code))).Select(c => c.Version).SingleAsync());
        Assert.Contains($"Retired in version {version}", retired.TextContent, StringComparison.Ordinal);
        Assert.Null(retired.QuerySelector("button"));
    }

    [Fact]
    public async Task Should_download_the_catalog_as_json()
    {
        var client = await app.SignInAsync("admin@demo.local");
        var version = await app.QueryDbAsync(async db =>
        {
            var demo = await db.Jurisdictions.IgnoreQueryFilters().SingleAsync(j => j.Code == "DEMO");
            return await db.FactorCatalogs.IgnoreQueryFilters().Where(c => c.IsCurrent && c.JurisdictionId == demo.Id).Select(c => c.Version).SingleAsync();
        });

        var response = await client.Http.GetAsync(new Uri(Url + "?handler=Export", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"npcs-catalog-DEMO-v{version}.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("domains").GetArrayLength() >= 1);
    }

    [Fact]
    public async Task Should_export_a_catalog_that_a_fresh_database_imports_identically()
    {
        // A catalog with a retired item, exported through the page.
        var client = await app.SignInAsync("admin@demo.local");
        var page = await client.GetPageAsync(Url);
        var retire = await client.SubmitAsync(page, "form[action*='handler=Retire']");
        Assert.Equal(HttpStatusCode.Redirect, retire.StatusCode);
        var exported = await client.Http.GetStringAsync(new Uri(Url + "?handler=Export", UriKind.Relative));

        // A second app on a database file of its own, as at another agency.
        await using var fresh = new AppFactory();
        await fresh.InitializeAsync();
        var admin = await fresh.SignInAsync("admin@demo.local");
        var imported = await UploadAsync(admin, await admin.GetPageAsync(Url), Encoding.UTF8.GetBytes(exported));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);

        Assert.Equal(exported, await admin.Http.GetStringAsync(new Uri(Url + "?handler=Export", UriKind.Relative)));
        Assert.Contains("\"retired\": true", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_import_an_uploaded_file_and_show_the_new_catalog()
    {
        var client = await app.SignInAsync("admin@demo.local");
        var page = await client.GetPageAsync(Url);
        var file = """
            {
              "name": "Uploaded test catalog",
              "domains": [
                { "code": "UP", "name": "Uploaded domain", "items": [
                  { "code": "UP-1", "name": "First uploaded item", "guidance": "Guidance one." },
                  { "code": "UP-2", "name": "Old uploaded item", "retired": true }
                ] }
              ]
            }
            """;

        var response = await UploadAsync(client, page, Encoding.UTF8.GetBytes(file));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetPageAsync(Url);
        Assert.Contains("Uploaded test catalog", after.QuerySelector(".lead")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Uploaded domain (UP)", after.QuerySelector("section.catalog-domain h2")?.TextContent);
        Assert.Contains("Retired in version 1", after.QuerySelectorAll("table.catalog-table tbody tr")[1].TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(after.QuerySelectorAll("#versions-heading ~ ul li"));
    }

    [Fact]
    public async Task Should_show_what_is_wrong_with_an_invalid_file_beside_the_field()
    {
        var client = await app.SignInAsync("admin@demo.local");
        var page = await client.GetPageAsync(Url);
        var before = page.QuerySelector(".lead")?.TextContent;

        var garbage = await UploadAsync(client, page, Encoding.UTF8.GetBytes("this is not json"));
        Assert.Equal(HttpStatusCode.OK, garbage.StatusCode);
        var shown = await AppClient.ParseAsync(garbage);
        Assert.StartsWith("The file is not a catalog in JSON", ImportErrors(shown), StringComparison.Ordinal);
        Assert.Equal("true", shown.QuerySelector("#Import_File")?.GetAttribute("aria-invalid"));

        var invalid = await UploadAsync(client, page, Encoding.UTF8.GetBytes("""{"name": "", "domains": [{"code": "D", "name": "D", "items": []}]}"""));
        var problems = (await AppClient.ParseAsync(invalid)).QuerySelectorAll("#Import_File-error li").Select(li => li.TextContent).ToList();
        Assert.Equal(["The catalog's name is missing.", "Domain 1 has no items; every domain needs at least one."], problems);

        var none = await UploadAsync(client, page, null);
        Assert.Equal("Choose a JSON file to import.", ImportErrors(await AppClient.ParseAsync(none)));

        Assert.Equal(before, (await client.GetPageAsync(Url)).QuerySelector(".lead")?.TextContent);
    }
}
