using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NPCS.Reviews.Application.Data;

namespace NPCS.Reviews.LoadTests;

/// <summary>
/// The real app on real Kestrel (a free loopback port) in a production-like environment, on the
/// benchmark's database, plus one endpoint of the benchmark's own: <see cref="BaselinePath"/>.
/// </summary>
internal sealed class BenchmarkHost : WebApplicationFactory<Program>
{
    public const string BaselinePath = "/__baseline";

    private readonly string _provider;
    private readonly string _connectionString;

    public BenchmarkHost(string provider, string connectionString)
    {
        _provider = provider;
        _connectionString = connectionString;

        // The factory looks for its manifest (the Web project's folder) in the current directory,
        // which is the test output folder under `dotnet test` but not under `dotnet run`; the setting
        // it reads first names the folder wherever the program is started from.
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var folders = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest))!;
        var web = typeof(Program).Assembly;
        Environment.SetEnvironmentVariable($"ASPNETCORE_TEST_CONTENTROOT_{web.GetName().Name!.Replace('.', '_')}", folders[web.FullName!]);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("LoadTest");

        // Outside Development the static web assets manifest is not loaded by default (Identity UI assets).
        builder.UseStaticWebAssets();

        // Run from a build, not a publish, MapStaticAssets adds hot-reload support: a fallback route whose
        // constraint asks the file system, on every request, whether the path is a file added since start-up.
        // A published app never has it; the benchmark measures what production runs.
        builder.UseSetting("ReloadStaticAssetsAtRuntime", "false");

        // Settings, not app configuration: Program reads the connection string while it registers services.
        builder.UseSetting("ConnectionStrings:Reviews", _connectionString);
        builder.UseSetting("Database:Provider", _provider);
        builder.UseSetting("Database:MigrateOnStartup", "true");

        // Request logging to the console would measure the console; warnings and errors still show.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");

        // Every virtual user signs in from the same loopback address at once.
        builder.UseSetting("Authentication:SignInRateLimit:PermitLimit", "100000");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, BaselineFilter>());
    }

    /// <summary>
    /// The floor the pages are compared with: one row read by key through the same DbContext and
    /// connection pool, written as a tiny HTML page; no authentication, no Razor, no mediator.
    /// </summary>
    private sealed class BaselineFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(BaselinePath, branch => branch.Run(async context =>
            {
                var id = int.TryParse(context.Request.Query["id"], CultureInfo.InvariantCulture, out var given) ? given : 1;
                var db = context.RequestServices.GetRequiredService<ReviewsDbContext>();
                var name = await db.Jurisdictions.IgnoreQueryFilters().AsNoTracking()
                    .Where(j => j.Id == id).Select(j => j.Name).FirstOrDefaultAsync(context.RequestAborted);
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(
                    $"<!doctype html><html lang=\"en\"><title>Baseline</title><p>{WebUtility.HtmlEncode(name ?? "none")}</p></html>", context.RequestAborted);
            }));
            next(app);
        };
    }
}
