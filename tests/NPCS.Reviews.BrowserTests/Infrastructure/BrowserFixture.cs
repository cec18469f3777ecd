using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NPCS.Reviews.Application.Data.Seeding;

namespace NPCS.Reviews.BrowserTests.Infrastructure;

/// <summary>
/// One running app (fresh SQLite file, demo accounts) and one headless Chromium, shared by every
/// browser test class. Each test opens its own browser context, so cookies never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string Password = "Browser-Tests-Password-2026!";
    public const string ChromiumVariable = "PLAYWRIGHT_CHROMIUM_EXECUTABLE";
    public const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "npcs-browser-" + Guid.NewGuid().ToString("N"));
    private ReviewsAppFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The app's address, ending in a slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>A path for a file a test writes (a download, a file to upload), in the fixture's folder, which is deleted with it.</summary>
    public string FilePath(string name) => Path.Combine(_folder, $"{Guid.NewGuid():N}-{name}");

    public async Task InitializeAsync()
    {
        // Fail before starting anything if there is no browser to drive: a skipped browser test is a lie.
        var chromium = ChromiumExecutable();

        Directory.CreateDirectory(_folder);
        _factory = new ReviewsAppFactory(Path.Combine(_folder, "browser.db"));
        _factory.StartServer();

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Seeder>().SeedDemoAsync(Password);
        }

        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel did not report its addresses.");
        BaseUrl = new Uri(addresses.First().TrimEnd('/') + "/");

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>Safe to call twice (xunit may dispose through both interfaces).</summary>
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    /// <summary>A fresh browser context (no cookies) at 1280 px wide. Dispose it at the end of the test.</summary>
    public Task<IBrowserContext> NewContextAsync() => NewContextAsync(new ViewportSize { Width = 1280, Height = 900 }, deviceScaleFactor: 1);

    /// <summary>A fresh browser context (no cookies) of a given size in CSS pixels and pixel density. Dispose it at the end of the test.</summary>
    public async Task<IBrowserContext> NewContextAsync(ViewportSize viewport, float deviceScaleFactor)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = viewport,
            DeviceScaleFactor = deviceScaleFactor,
            Locale = "en-US",
        });
        context.SetDefaultTimeout(10_000);
        context.Page += (_, page) => WatchConsole(page);
        return context;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, System.Collections.Concurrent.ConcurrentQueue<string>> Violations = [];

    /// <summary>Content-security-policy violations the browser reported on this page so far.</summary>
    public static IReadOnlyCollection<string> CspViolations(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return Violations.TryGetValue(page, out var found) ? found : [];
    }

    private static void WatchConsole(IPage page)
    {
        var found = Violations.GetOrCreateValue(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                found.Enqueue($"{page.Url}: {message.Text}");
            }
        };
    }

    public static async Task SignInAsync(IPage page, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The home page greets the user by name only once the auth cookie has been accepted and sent back.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome" })).ToBeVisibleAsync();
    }

    private static string ChromiumExecutable()
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumVariable);
        var path = string.IsNullOrWhiteSpace(configured) ? DefaultChromium : configured;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"No Chromium at '{path}'. The browser tests drive a locally installed Chromium and never download one. " +
                $"Install Debian's package (apt-get install -y chromium, which provides {DefaultChromium}) " +
                $"or set {ChromiumVariable} to the full path of a Chromium or Chrome executable.");
        }

        return path;
    }
}

/// <summary>Test classes marked <c>[Collection(UsesBrowser.Name)]</c> share one <see cref="BrowserFixture"/> and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class UsesBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
