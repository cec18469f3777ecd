using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using NPCS.Reviews.Web.Tests.Support;

namespace NPCS.Reviews.Web.Tests;

/// <summary>
/// What `dotnet run` does on a fresh machine: the app starts in Development (where the container
/// checks every registration at start-up), creates its database, seeds the demo data, and a demo
/// user signs in and opens the demo review, its report and its PDF.
/// </summary>
public sealed class DevelopmentStartupTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "npcs-dev-start", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Should_start_in_development_with_the_demo_data_and_logins()
    {
        Directory.CreateDirectory(_directory);
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Reviews", $"Data Source={Path.Combine(_directory, "reviews.db")}");
        });
        using var client = new AppClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

        // The same browser protections as in production (a scanner pointed at `dotnet run` sees them).
        using var login = await client.Http.GetAsync(new Uri("/Account/Login", UriKind.Relative));
        Assert.Contains("frame-ancestors 'none'", string.Join(";", login.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", login.Headers.GetValues("X-Content-Type-Options").Single());

        var signIn = await client.SignInAsync("facilitator@demo.local", "Demo-Password-2026!");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var list = await client.GetPageAsync("/Reviews");
        var demo = list.QuerySelectorAll("a[href^='/Reviews/']").Select(a => a.GetAttribute("href")!)
            .First(href => int.TryParse(href["/Reviews/".Length..], out _));
        await client.GetPageAsync(demo + "/Report");
        using var pdf = await client.Http.GetAsync(new Uri(demo + "/Report/Pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
