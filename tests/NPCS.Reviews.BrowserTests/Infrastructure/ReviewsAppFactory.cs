using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace NPCS.Reviews.BrowserTests.Infrastructure;

/// <summary>
/// The real app on real Kestrel (a free loopback port), so a real browser can reach it, with its own
/// SQLite file.
/// </summary>
/// <remarks>
/// It runs in a non-Development environment on purpose: that is how agencies run it (exception
/// handler instead of the developer page, and the auth cookie marked <c>Secure</c>). Chromium
/// accepts <c>Secure</c> cookies over plain http on loopback, which the sign-in in every test
/// proves. Demo data is seeded by <see cref="BrowserFixture"/>, since the app only seeds it in
/// Development.
/// </remarks>
public sealed class ReviewsAppFactory : WebApplicationFactory<Program>
{
    public const string EnvironmentName = "BrowserTests";

    private readonly string _connectionString;

    public ReviewsAppFactory(string databasePath)
    {
        _connectionString = $"Data Source={databasePath}";
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);

        // Outside Development the static web assets manifest (Identity UI, fingerprinted files) is not
        // loaded by default; without it those assets return errors.
        builder.UseStaticWebAssets();

        // Settings, not ConfigureAppConfiguration: Program reads the connection string while it
        // registers services, before app configuration sources added here would apply.
        builder.UseSetting("ConnectionStrings:Reviews", _connectionString);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");

        // Every test signs in from the same loopback address, many times a minute.
        builder.UseSetting("Authentication:SignInRateLimit:PermitLimit", "100000");
    }
}
