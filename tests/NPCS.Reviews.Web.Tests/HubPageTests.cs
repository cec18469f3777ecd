using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Features.Hub;
using NPCS.Reviews.TestSupport;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

public class HubPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Url = "/Hub";
    private const string Analyst = "analyst@demo.local";

    private static Task<HttpResponseMessage> UploadAsync(AppClient client, IDocument page, byte[]? file) =>
        client.UploadAsync(page, "Import.File", "extract.jsonl", "application/jsonl", file);

    private static string[] FileErrors(IDocument page) =>
        [.. page.QuerySelectorAll("#Import_File-error li").Select(li => li.TextContent.Trim())];

    private Task<int> HeldAsync(string jurisdiction) => app.QueryDbAsync(db => db.SharedReviews.CountAsync(r => r.JurisdictionCode == jurisdiction));

    private static IElement? LogRow(IDocument page, string jurisdiction) =>
        page.QuerySelectorAll("#imports tbody tr").FirstOrDefault(r => r.Children[2].TextContent == jurisdiction);

    [Fact]
    public async Task Should_show_analysts_the_import_form_with_a_label_a_hint_and_the_limit()
    {
        using var client = await app.SignInAsync(Analyst);

        var page = await client.GetPageAsync(Url);

        Assert.Equal("NPCS hub", page.QuerySelector("h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/Hub'][aria-current='page']"));
        var label = page.QuerySelector("label[for='Import_File']")?.TextContent;
        Assert.Contains(".jsonl", label, StringComparison.Ordinal);
        Assert.Contains("64 MB", label, StringComparison.Ordinal);
        var field = page.QuerySelector("#Import_File")!;
        Assert.Equal("file", field.GetAttribute("type"));
        Assert.Equal("Import_File-help Import_File-error", field.GetAttribute("aria-describedby"));
        Assert.Contains("refused as a whole", page.QuerySelector("#Import_File-help")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Import", page.QuerySelector("form[enctype='multipart/form-data'] button[type='submit']")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("script:not([src]), [style]"));
    }

    [Theory]
    [InlineData("caseworker@demo.local")]
    [InlineData("supervisor@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task Should_forbid_the_hub_to_everyone_else_and_offer_it_in_no_menu(string email)
    {
        using var client = await app.SignInAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.Http.GetAsync(new Uri(Url, UriKind.Relative))).StatusCode);
        Assert.Null((await client.GetPageAsync("/")).QuerySelector("a[href='/Hub']"));
    }

    [Fact]
    public async Task Should_import_an_extract_then_show_the_result_and_the_log()
    {
        using var client = await app.SignInAsync(Analyst);
        var jurisdiction = Extracts.NewJurisdiction();

        var response = await UploadAsync(client, await client.GetPageAsync(Url), Extracts.File(Extracts.Lines(jurisdiction, 6)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetPageAsync(Url);
        Assert.Equal($"Extract of {jurisdiction} for 2026-01 to 2026-03 imported: 6 reviews, replacing 0 held before.", page.QuerySelector("[role='status']")?.TextContent);
        var holding = page.QuerySelectorAll("#holdings tbody tr").Single(r => r.QuerySelector("th")?.TextContent == jurisdiction);
        Assert.Equal(["6", "2026-01 to 2026-03", "3"], holding.QuerySelectorAll("td").Select(td => td.TextContent));
        var row = LogRow(page, jurisdiction)!;
        Assert.Equal(["Ana Analyst", jurisdiction, "2026-01 to 2026-03", "6", "1.0"], row.Children.Skip(1).Take(5).Select(c => c.TextContent));
        Assert.NotNull(page.QuerySelector("#imports caption"));
        Assert.Equal(6, await HeldAsync(jurisdiction));
    }

    [Fact]
    public async Task Should_refuse_a_broken_file_with_its_line_errors_beside_the_field()
    {
        using var client = await app.SignInAsync(Analyst);
        var jurisdiction = Extracts.NewJurisdiction();
        var lines = Extracts.Lines(jurisdiction, 4);
        lines[2] = Extracts.Line(Extracts.Record(jurisdiction, rating: 4));
        var imports = await app.QueryDbAsync(db => db.SharedExtracts.CountAsync());

        var response = await UploadAsync(client, await client.GetPageAsync(Url), Extracts.File(lines));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("line 3: /findings/0/rating: must be at most 3", FileErrors(page)[1]);
        Assert.StartsWith("Nothing was imported", FileErrors(page)[0], StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#Import_File")?.GetAttribute("aria-invalid"));
        Assert.NotNull(page.QuerySelector("#imports, #log-heading"));
        Assert.Equal(0, await HeldAsync(jurisdiction));
        Assert.Equal(imports, await app.QueryDbAsync(db => db.SharedExtracts.CountAsync()));
    }

    [Theory]
    [InlineData(null, "Choose an extract file to import.")]
    [InlineData("csv", "The file looks like CSV")]
    [InlineData("binary", "The file is not UTF-8 text")]
    public async Task Should_answer_a_missing_or_wrong_file_with_a_message_not_an_error(string? kind, string message)
    {
        using var client = await app.SignInAsync(Analyst);
        byte[]? file = kind switch
        {
            "csv" => "schemaVersion,jurisdiction\n1.0,DEMO\n"u8.ToArray(),
            "binary" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0xFF],
            _ => null,
        };

        var response = await UploadAsync(client, await client.GetPageAsync(Url), file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(message, Assert.Single(FileErrors(await AppClient.ParseAsync(response))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_import_the_same_file_again_without_duplicating_a_review()
    {
        using var client = await app.SignInAsync(Analyst);
        var jurisdiction = Extracts.NewJurisdiction();
        var file = Extracts.File(Extracts.Lines(jurisdiction, 5));
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, await client.GetPageAsync(Url), file)).StatusCode);

        var again = await UploadAsync(client, await client.GetPageAsync(Url), file);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var page = await client.GetPageAsync(Url);
        Assert.EndsWith("imported: 5 reviews, replacing 5 held before.", page.QuerySelector("[role='status']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(5, await HeldAsync(jurisdiction));
        Assert.Equal(2, page.QuerySelectorAll("#imports tbody tr").Count(r => r.Children[2].TextContent == jurisdiction));
    }

    [Fact]
    public async Task Should_let_a_64_MB_file_through_and_answer_a_larger_one_with_a_plain_413()
    {
        // The page's declared limits: the largest extract plus the rest of the form.
        var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Single(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath == "/Hub/Index" && ((RouteEndpoint)e).RoutePattern.RawText == "Hub");
        Assert.True(endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize > ImportExtract.MaxBytes);
        Assert.True(endpoint.Metadata.GetMetadata<IFormOptionsMetadata>()?.MultipartBodyLengthLimit > ImportExtract.MaxBytes);

        using var client = await app.SignInAsync(Analyst);
        var page = await client.GetPageAsync(Url);
        var response = await UploadAsync(client, page, new byte[Web.Pages.Hub.IndexModel.MaxRequestBytes]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var shown = await AppClient.ParseAsync(response);
        Assert.Equal("The file is too large", shown.QuerySelector("h1")?.TextContent);
    }
}
