using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;
using NPCS.Reviews.BrowserTests.Accessibility.Sweep;
using NPCS.Reviews.BrowserTests.Infrastructure;
using NPCS.Reviews.TestSupport;
using NPCS.Reviews.Web.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NPCS.Reviews.BrowserTests.Accessibility;

/// <summary>
/// The accessibility sweep (issue 7): every page of the app, found at run time, visited as every role that
/// can open it, at every review stage where it renders differently, and with its forms' errors shown, is
/// checked by axe-core against WCAG 2.0/2.1 A and AA (zero violations allowed) and for reflow at 320 CSS px
/// and at 200% zoom (no sideways scrolling). The visits are listed in <see cref="SweepCatalogue"/>; a page
/// the app has that the catalogue neither visits nor excludes, with its reason, fails the sweep.
/// </summary>
/// <remarks>
/// Speed: one browser (the fixture's), one context per role, every page of that role in it, the roles run
/// side by side. The facts split the visits by area but share one scene, built once.
/// </remarks>
[Collection(UsesBrowser.Name)]
public sealed class AccessibilitySweepTests(BrowserFixture app, ITestOutputHelper output)
{
    /// <summary>Roles swept side by side: the four review roles at once, so none waits for another to finish.</summary>
    private const int RolesAtOnce = 4;

    /// <summary>
    /// The two reflow checks, in CSS pixels. WCAG 1.4.10 asks for no sideways scrolling at 320 CSS px wide;
    /// a 1280 x 1024 window zoomed to 200% lays pages out in 640 x 512 CSS px, and the reflow context draws
    /// them at deviceScaleFactor 2, as that zoomed window would.
    /// </summary>
    private static readonly (string Name, int Width, int Height)[] Reflows = [("320px", 320, 640), ("zoom200", 640, 512)];

    /// <summary>The screenshots docs/accessibility.md shows, refreshed there with NPCS_UPDATE_SCREENSHOTS=1.</summary>
    private static readonly string[] DocumentedShots =
    [
        "reviews-id-320px", "reviews-id-zoom200", "reviews-new-errors-320px", "reviews-id-findings-320px", "trends-320px", "trends-zoom200",
    ];

    [Fact]
    public async Task Every_page_the_app_has_is_swept_or_excluded_with_a_reason()
    {
        var pages = (await AppRoutes.DiscoverAsync(app.Services)).Where(r => r.IsPage && r.Method == "GET").ToList();
        var problems = Unswept(pages.Select(p => p.Key), SweepCatalogue.Visits.Select(v => v.Page), SweepCatalogue.Excluded.Keys)
            .Select(key => $"{key} ({pages.Single(p => p.Key == key).ViewEnginePath}) is neither visited by the accessibility sweep nor excluded with a reason: add its visits to SweepCatalogue.")
            .ToList();
        var known = pages.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(SweepCatalogue.Visits.Select(v => v.Page).Concat(SweepCatalogue.Excluded.Keys).Distinct()
            .Where(key => !known.Contains(key))
            .Select(key => $"{key} is in SweepCatalogue but the app has no such GET page handler (renamed or removed?)."));
        problems.AddRange(SweepCatalogue.Excluded.Keys.Where(key => SweepCatalogue.Visits.Any(v => v.Page == key))
            .Select(key => $"{key} is both visited and excluded."));

        output.WriteLine($"{pages.Count} GET page handlers found; {SweepCatalogue.Visits.Select(v => v.Page).Distinct().Count()} swept in {SweepCatalogue.Visits.Count} visits, {SweepCatalogue.Excluded.Count} excluded.");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void A_page_added_without_a_visit_is_named()
    {
        Assert.Equal(
            ["GET /Reviews/{id}/Secret"],
            Unswept(["GET /Reviews/{id}", "GET /Reviews/{id}/Secret", "GET /Reviews/{id}/Report/Pdf"], ["GET /Reviews/{id}"], ["GET /Reviews/{id}/Report/Pdf"]));
    }

    [Fact]
    public Task Review_pages_at_every_stage_for_every_role_have_no_accessibility_violations() =>
        AxeSweepAsync(v => v.Stage != SweepStage.None);

    [Fact]
    public Task Every_other_page_for_every_role_has_no_accessibility_violations() =>
        AxeSweepAsync(v => v.Stage == SweepStage.None);

    [Fact]
    public async Task Every_page_reflows_at_320_px_and_at_200_percent_zoom_without_scrolling_sideways()
    {
        var scene = await SweepScene.OfAsync(app);
        var folder = Path.Combine(Repository.Root(), "artifacts", "test-results", "reflow");
        Directory.CreateDirectory(folder);

        // One visit a page: the one marked as showing most content, or else its first.
        var visits = SweepCatalogue.Visits.GroupBy(v => v.Page).Select(g => g.FirstOrDefault(v => v.Reflow) ?? g.First()).ToList();
        var problems = await ByRoleAsync(visits, scene, deviceScaleFactor: 2, async (page, visit) =>
        {
            var found = new List<string>();
            foreach (var (name, width, height) in Reflows)
            {
                await page.SetViewportSizeAsync(width, height);
                found.AddRange((await page.EvaluateAsync<string[]>(ReflowScript)).Select(p => $"{visit.Name} at {name}: {p}"));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{visit.Slug}-{name}.png"), FullPage = true });
            }

            return found;
        });

        if (Environment.GetEnvironmentVariable("NPCS_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(Repository.Root(), "docs", "accessibility");
            Directory.CreateDirectory(docs);
            foreach (var shot in DocumentedShots)
            {
                File.Copy(Path.Combine(folder, shot + ".png"), Path.Combine(docs, shot + ".png"), overwrite: true);
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} reflow problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems));
    }

    /// <summary>Discovered page keys neither visited nor excluded.</summary>
    private static List<string> Unswept(IEnumerable<string> discovered, IEnumerable<string> visited, IEnumerable<string> excluded)
    {
        var covered = visited.Concat(excluded).ToHashSet(StringComparer.Ordinal);
        return [.. discovered.Where(key => !covered.Contains(key)).Distinct().Order(StringComparer.Ordinal)];
    }

    private async Task AxeSweepAsync(Func<Visit, bool> which)
    {
        var scene = await SweepScene.OfAsync(app);
        var visits = SweepCatalogue.Visits.Where(which).ToList();
        var problems = await ByRoleAsync(visits, scene, deviceScaleFactor: null, async (page, visit) =>
            [.. (await Axe.ViolationsAsync(page)).SelectMany(violation => violation.Nodes.Select(node =>
                $"{visit.Name}: {violation.Id} ({violation.Impact}) at {node.Target} - {violation.Help}"))]);

        Assert.True(problems.Count == 0, $"{problems.Count} WCAG 2.0/2.1 A/AA violation(s) or failed visit(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// Signs each role in once, in its own context, and checks every visit of that role in turn: opens the
    /// page (which must render, not redirect or fail), brings it into its state, and checks it. Returns every
    /// problem found, with the content-security-policy violations the browser reported.
    /// </summary>
    private async Task<List<string>> ByRoleAsync(List<Visit> visits, SweepScene scene, float? deviceScaleFactor, Func<IPage, Visit, Task<List<string>>> check)
    {
        var watch = Stopwatch.StartNew();
        var problems = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(visits.GroupBy(v => v.Role), new ParallelOptions { MaxDegreeOfParallelism = RolesAtOnce }, async (group, _) =>
        {
            await using var context = deviceScaleFactor is { } scale
                ? await app.NewContextAsync(new ViewportSize { Width = 640, Height = 512 }, scale)
                : await app.NewContextAsync();
            var page = await context.NewPageAsync();
            await SignInAsync(page, group.Key, scene);
            foreach (var visit in group)
            {
                try
                {
                    if (await OpenAsync(page, visit, scene) is { } failed)
                    {
                        problems.Enqueue(failed);
                        continue;
                    }

                    foreach (var problem in await check(page, visit))
                    {
                        problems.Enqueue(problem);
                    }
                }
                catch (PlaywrightException e)
                {
                    problems.Enqueue($"{visit.Name}: {e.Message.Split('\n')[0]}");
                }
            }

            foreach (var blocked in BrowserFixture.CspViolations(page))
            {
                problems.Enqueue($"{group.Key}: the browser blocked content (CSP): {blocked}");
            }
        });

        output.WriteLine($"{visits.Count} visits of {visits.Select(v => v.Page).Distinct().Count()} pages as {visits.Select(v => v.Role).Distinct().Count()} roles in {watch.Elapsed.TotalSeconds:0} s; {problems.Count} problem(s).");
        return [.. problems.Order(StringComparer.Ordinal)];
    }

    /// <summary>Opens the visit's page and brings it into its state; a description of what went wrong, or null.</summary>
    private static async Task<string?> OpenAsync(IPage page, Visit visit, SweepScene scene)
    {
        var url = visit.Url(scene);
        var response = await page.GotoAsync(url);
        if (response is null || response.Status != 200)
        {
            return $"{visit.Name}: {url} answered {response?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}, not the page.";
        }

        var wanted = "/" + url.Split('?')[0];
        var landed = new Uri(page.Url).AbsolutePath;
        if (!string.Equals(wanted.TrimEnd('/'), landed.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return $"{visit.Name}: {url} went to {landed}, not the page.";
        }

        if (visit.Act is { } act)
        {
            await act(page);
        }

        return null;
    }

    private static async Task SignInAsync(IPage page, SweepRole role, SweepScene scene)
    {
        if (role.Email is { } email)
        {
            await BrowserFixture.SignInAsync(page, email);
        }
        else if (role == SweepRole.SecondFactor)
        {
            await page.GotoAsync("Account/Login");
            await page.GetByLabel("Email").FillAsync(scene.TwoFactorEmail);
            await page.GetByLabel("Password").FillAsync(BrowserFixture.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter your authenticator code", Level = 1 })).ToBeVisibleAsync();
        }
    }

    /// <summary>
    /// What keeps the page from reflowing: the page scrolling sideways (and the innermost elements past the
    /// right edge, outside any table's own scroll container), or a table's scroll container that scrolls but
    /// cannot be reached with the keyboard or has no name (WCAG 1.4.10 lets data tables scroll in their own
    /// container; 2.1.1 and 4.1.2 need it focusable and named).
    /// </summary>
    private const string ReflowScript = """
        async () => {
          // Two frames at least, so the page's resize observers have run at the new size; then up to a
          // second more while the page still scrolls sideways, since a chart redraws at its new size a
          // frame or more after its observer ran (Chart.js throttles its resize to animation frames).
          const frame = () => new Promise(done => requestAnimationFrame(done));
          const root = document.documentElement;
          await frame();
          await frame();
          for (const until = performance.now() + 1000; root.scrollWidth > root.clientWidth && performance.now() < until;) {
            await frame();
          }
          const width = root.clientWidth;
          const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
            + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
          const problems = [];
          if (root.scrollWidth > width) {
            const wide = [...document.body.querySelectorAll('*')]
              .filter(el => !el.closest('.table-responsive') && el.getBoundingClientRect().right > width + 1);
            const innermost = wide.filter(el => !wide.some(other => other !== el && el.contains(other)));
            problems.push(`scrolls sideways (${root.scrollWidth} px of content in ${width} px); past the edge: ${innermost.slice(0, 6).map(name).join(', ')}`);
          }
          for (const region of document.querySelectorAll('.table-responsive')) {
            const named = region.getAttribute('aria-label') || region.getAttribute('aria-labelledby');
            if (region.scrollWidth > region.clientWidth + 1 && !(region.tabIndex >= 0 && named)) {
              problems.push(`${name(region)} scrolls its table but is not focusable and named`);
            }
          }
          return problems;
        }
        """;
}
